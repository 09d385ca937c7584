import type { Mention, NormText, QuantityHit } from '../../model.js';
import { sourceSpan } from '../03-normalise/index.js';

/** Hits found in the normalised text → mentions with source offsets and the source slice as text. */
export function anchorMentions(source: string, norm: NormText, hits: QuantityHit[]): Mention[] {
  return hits.map((h) => {
    const { start, end } = sourceSpan(norm, h.nStart, h.nEnd);
    return { ...h, start, end, text: source.slice(start, end) };
  });
}
