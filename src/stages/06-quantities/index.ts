import type { QuantityHit, Token } from '../../model.js';
import type { Rules } from '../../rules/load.js';

// PLACEHOLDER — finds every quantity in the normalised text.
export function findQuantities(text: string, tokens: Token[], rules: Rules): QuantityHit[] {
  void text; void tokens; void rules;
  return [];
}
