import type { Doc, Fact } from '../../model.js';
import type { Rules } from '../../rules/load.js';

// PLACEHOLDER — facts: what each mention measures.
export function findFacts(doc: Doc, rules: Rules): Fact[] {
  void doc; void rules;
  return [];
}
