import { z } from 'zod';
import { KINDS, METRICS } from '../../model.js';
import { examplesField } from '../../rules/examples.js';

// Schemas for rules/metrics.yaml (what a number measures) and rules/regions.yaml (where).

const regex = z.string().min(1).refine((s) => {
  try { new RegExp(s, 'u'); return true; } catch { return false; }
}, 'not a valid regular expression');

export const metricsRules = z.object({
  default_gap: z.number().int().min(0),
  clause_breaks: z.string().min(1),
  rules: z.array(z.object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    metric: z.enum(METRICS),
    kinds: z.array(z.enum(KINDS)).min(1),
    units: z.array(z.string()).optional(),
    before: z.array(regex).optional(),
    after: z.array(regex).optional(),
    gap: z.number().int().min(0).optional(),
    part: z.boolean().optional(),
  }).refine((r) => (r.before?.length ?? 0) + (r.after?.length ?? 0) > 0, 'a rule needs `before` or `after` triggers')),
  examples: examplesField,
}).refine((m) => new Set(m.rules.map((r) => r.id)).size === m.rules.length, 'rule ids must be unique');
export type MetricsRules = z.infer<typeof metricsRules>;

export const regionsRules = z.object({
  provinces: z.array(z.string().min(2)),
  cities: z.array(z.string().min(2)),
  counties: z.array(z.string().min(2)),
  zones: z.array(z.string().min(2)),
  ns_suffixes: z.array(z.string().min(1)),
  ns_min_chars: z.number().int().min(2),
  aliases: z.record(z.string(), z.string().length(1)),
  comparisons: z.array(z.string().min(1)),
  examples: examplesField,
});
export type RegionsRules = z.infer<typeof regionsRules>;

export const factRuleFiles = {
  metrics: { file: 'metrics.yaml', schema: metricsRules },
  regions: { file: 'regions.yaml', schema: regionsRules },
} as const;
