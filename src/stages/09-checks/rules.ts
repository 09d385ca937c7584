import { z } from 'zod';
import { METRICS } from '../../model.js';
import { examplesField } from '../../rules/examples.js';

// Schema for rules/checks.yaml: which totals are summed and which rates are recomputed.
export const checksRules = z.object({
  sum_metrics: z.array(z.enum(METRICS)),
  breakdown: z.array(z.string().min(1)),
  min_parts: z.number().int().min(2),
  batch_window_paragraphs: z.number().int().min(0),
  rates: z.array(z.object({
    metric: z.enum(METRICS),
    whole_metric: z.enum(METRICS),
    part_rules: z.array(z.string()).min(1),
    part_words: z.array(z.string()),
  })),
  slack: z.number().min(0),
  examples: examplesField,
});
export type ChecksRules = z.infer<typeof checksRules>;

export const checkRuleFiles = {
  checks: { file: 'checks.yaml', schema: checksRules },
} as const;
