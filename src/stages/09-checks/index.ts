import type { Check, Doc } from '../../model.js';
import type { Rules } from '../../rules/load.js';

// PLACEHOLDER — consistency checks across a document's facts.
export function runChecks(doc: Doc, rules: Rules): Check[] {
  void doc; void rules;
  return [];
}
