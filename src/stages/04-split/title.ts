import type { Doc, NormText, Span } from '../../model.js';
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

/** The article's headline block: its opening short lines that are not sentences (a masthead, a 文号, a headline
 *  broken over two lines), at most `lines` of them. */
export function headline(doc: Pick<Doc, 'paragraphs' | 'norm'>, lines = HEADLINE_LINES): Span | null {
  let from = -1, to = -1, n = 0;
  for (const p of doc.paragraphs) {
    if (p.nEnd - p.nStart < 2) continue;
    if (p.nEnd - p.nStart > MAX_TITLE || /[。!?]/.test(doc.norm.text.slice(p.nStart, p.nEnd))) break;
    if (from < 0) from = p.nStart;
    to = p.nEnd;
    if (++n >= lines) break;
  }
  return from < 0 ? null : { nStart: from, nEnd: to };
}
const HEADLINE_LINES = 5;
