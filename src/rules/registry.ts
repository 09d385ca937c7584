// The one list of rules files: section name → file in rules/ and the zod schema that validates it.
// A stage that needs rules adds its line here; `loadRules` reads and checks them all.
import { normaliseRules } from '../stages/03-normalise/rules.js';
import { tableRules } from '../stages/04-split/rules.js';
import { segmentationRules } from '../stages/05-segment/rules.js';
import { quantityRuleFiles } from '../stages/06-quantities/rules.js';
import { projectRuleFiles } from '../stages/07-projects/rules.js';
import { factRuleFiles } from '../stages/08-facts/rules.js';
import { checkRuleFiles } from '../stages/09-checks/rules.js';

export const ruleFiles = {
  normalise: { file: 'normalise.yaml', schema: normaliseRules },
  tables: { file: 'tables.yaml', schema: tableRules },
  segmentation: { file: 'segmentation.yaml', schema: segmentationRules },
  ...quantityRuleFiles,
  ...projectRuleFiles,
  ...factRuleFiles,
  ...checkRuleFiles,
} as const;

export type RuleFiles = { [K in keyof typeof ruleFiles]: (typeof ruleFiles)[K]['schema'] };
