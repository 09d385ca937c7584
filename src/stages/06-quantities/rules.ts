import { z } from 'zod';
import { examplesField } from '../../rules/examples.js';

// PLACEHOLDER — the quantities stage owns its rules files and schemas here.
export const quantitiesRules = z.object({
  examples: examplesField,
});

export const quantityRuleFiles = {
  quantities: { file: 'quantities.yaml', schema: quantitiesRules },
} as const;
