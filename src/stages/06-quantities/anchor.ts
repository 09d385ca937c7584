import type { Mention, NormText, QuantityHit } from '../../model.js';

/** Hits found in the normalised text → mentions with source offsets and the source slice as text. */
export function anchorMentions(source: string, norm: NormText, hits: QuantityHit[]): Mention[] {
  const out: Mention[] = new Array(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    const start = norm.toSource[h.nStart];
    const end = norm.toSourceEnd[h.nEnd - 1];
    out[i] = {
      nStart: h.nStart, nEnd: h.nEnd, kind: h.kind, value: h.value, valueMax: h.valueMax, unit: h.unit,
      approx: h.approx, rule: h.rule, start, end, text: source.slice(start, end),
    };
  }
  return out;
}
