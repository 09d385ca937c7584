import type { NormText, Span } from '../../model.js';
import { sourceSpan } from '../03-normalise/index.js';

/** a headline is at most this long; a longer first paragraph is text */
export const MAX_TITLE = 60;

/** The first short paragraph, as written in the source (whitespace folded): news files open with their headline. */
export function titleOf(norm: NormText, source: string, paras: Span[]): string | null {
  const first = paras.find((p) => p.nEnd - p.nStart >= 2);
  if (!first) return null;
  const end = Math.min(first.nEnd, first.nStart + MAX_TITLE);
  const { start, end: srcEnd } = sourceSpan(norm, first.nStart, end);
  const t = source.slice(start, srcEnd).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  return t || null;
}
