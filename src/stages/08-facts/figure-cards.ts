import type { Doc, Mention, Span } from '../../model.js';

/**
 * A data post's cards (数读, 一图读懂): a figure on a line of its own, its label on the line next to it in the same
 * block (`64个⏎参加活动项目`, `482.6亿元⏎项目总投资`). The label is the figure's trigger, as if it stood before the
 * figure, and it is no heading of the lines below it.
 */
export interface FigureCards {
  /** a figure line's paragraph start → its label */
  labelOf: Map<number, Span>;
  /** the paragraphs that are labels */
  labels: Set<number>;
}

const NONE: FigureCards = { labelOf: new Map(), labels: new Set() };
/** what may stand before a card's figure: bullets, emoji, spaces */
const LEAD = /^[^\p{Script=Han}\p{L}\p{N}]*/u;
const LABEL_MAX = 16;
const APPROX_LEAD = /^(?:超过?|约|近|逾|达)$/u;
const NOT_LABEL = /[0-9。!?！？;；,，:：、]/u;
const HAN = /\p{Script=Han}/u;
const BLANK_LINE = /\n[^\S\n]*\r?\n/u;

/** A label's words, without its bullet. */
export function cardLabel(text: string, label: Span): string {
  return text.slice(label.nStart, label.nEnd).replace(LEAD, '').trim();
}

export function figureCards(doc: Doc, all: Mention[]): FigureCards {
  const text = doc.norm.text;
  const paras = doc.paragraphs;
  // a paragraph that is one figure and nothing else (after its bullet)
  const figure = new Array<boolean>(paras.length).fill(false);
  let figures = 0;
  let mi = 0;
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k];
    while (mi < all.length && all[mi].nStart < p.nStart) mi++;
    const ptext = text.slice(p.nStart, p.nEnd);
    const from = p.nStart + LEAD.exec(ptext)![0].length;
    const to = p.nStart + ptext.trimEnd().length;
    // (a word of degree may stand before it outside the mention: 超160亿元)
    const m = all[mi];
    if (m && m.nStart >= from && m.nStart - from <= 2 && m.nEnd === to && (m.nStart === from || APPROX_LEAD.test(text.slice(from, m.nStart)))) {
      figure[k] = true;
      figures++;
    }
  }
  // one figure alone on its line is a figure written so, not a post of cards
  if (figures < 2) return NONE;
  const noMention = (p: Span) => !all.some((m) => m.nStart < p.nEnd && m.nEnd > p.nStart);
  const label = (k: number) => {
    if (k < 0 || k >= paras.length || figure[k]) return false;
    const t = text.slice(paras[k].nStart, paras[k].nEnd).replace(LEAD, '').trim();
    return t.length >= 2 && t.length <= LABEL_MAX && HAN.test(t) && !NOT_LABEL.test(t) && noMention(paras[k]);
  };
  // a blank line in the source between two paragraphs ends a card
  const sameBlock = (k: number) => !BLANK_LINE.test(doc.source.slice(doc.norm.toSourceEnd[paras[k].nEnd - 1], doc.norm.toSource[paras[k + 1].nStart]));
  const out: FigureCards = { labelOf: new Map(), labels: new Set() };
  for (let k = 0; k < paras.length; k++) {
    if (!figure[k]) continue;
    // the label under the figure first (the cards' usual order), else the one above it, if no card took it
    let l = -1;
    if (label(k + 1) && sameBlock(k)) l = k + 1;
    else if (label(k - 1) && sameBlock(k - 1) && !out.labels.has(paras[k - 1].nStart)) l = k - 1;
    if (l < 0) continue;
    out.labelOf.set(paras[k].nStart, paras[l]);
    out.labels.add(paras[l].nStart);
  }
  return out;
}
