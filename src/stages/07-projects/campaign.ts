import { escapeRe, matches } from '../../rules/patterns.js';
import type { Batch } from '../../model.js';
import type { BatchesRules } from './rules.js';

// The campaign's markers (batches, rounds), compiled once per rules object and shared by the
// projects and facts stages.

export interface Marker { nStart: number; nEnd: number }
export interface BatchMarker extends Marker { batch: Batch }
export interface PhaseMarker extends Marker { phase: string }

export interface Campaign {
  campaign: RegExp;
  batches: { re: RegExp; batch: Batch }[];
  trailing: { re: RegExp; batch: Batch }[];
  phases: { re: RegExp; form: 'single' | 'upto' | 'span' }[];
  continuation: string[];
  context: RegExp;
  currentRound: RegExp;
  throughCurrent: RegExp;
  /** bare batch words, valid only in a passage about a round (签约项目7个) */
  weak: { re: RegExp; batch: Batch }[];
  /** several batches named together (集中签约、开工、投产项目): they set no one batch */
  mixed: RegExp;
  /** a paragraph about a round once the campaign is named (第8期活动中) */
  roundActivity: RegExp;
  /** right before a round marker: a coming round (力争第十一期) */
  futureRound: RegExp;
  /** right after a round marker: a coming round (第十五期储备项目) */
  futureRoundAfter: RegExp;
  /** around a round marker: the round is a yardstick (较第十四期, 与第十四期相比) */
  compared: { before: RegExp; pairedBefore: RegExp; pairedAfter: RegExp };
  /** at the start of a list item: that item's batch (签约的A) */
  itemLead: { re: RegExp; batch: Batch }[];
  /** a heading that is a bare batch word (【签约】) */
  headingBatch: { re: RegExp; batch: Batch }[];
}

const cache = new WeakMap<BatchesRules, Campaign>();
export function compileCampaign(rules: BatchesRules): Campaign {
  let c = cache.get(rules);
  if (!c) {
    c = {
      campaign: new RegExp(rules.campaign.map(escapeRe).join('|'), 'u'),
      batches: rules.batches.map((b) => ({ re: new RegExp(b.patterns.map((p) => `(?:${p})`).join('|'), 'gu'), batch: b.batch })),
      trailing: rules.trailing.map((t) => ({ re: new RegExp(t.pattern, 'u'), batch: t.batch })),
      phases: rules.phases.map((p) => ({ re: new RegExp(p.pattern, 'gu'), form: p.form })),
      continuation: rules.continuation,
      context: new RegExp(rules.context.map(escapeRe).join('|') || '$^', 'u'),
      currentRound: new RegExp(rules.current_round.map(escapeRe).join('|') || '$^', 'gu'),
      throughCurrent: new RegExp(rules.through_current.map(escapeRe).join('|') || '$^', 'u'),
      weak: (rules.weak ?? []).map((b) => ({ re: new RegExp(b.patterns.map((p) => `(?:${p})`).join('|'), 'gu'), batch: b.batch })),
      mixed: new RegExp((rules.mixed ?? []).map((p) => `(?:${p})`).join('|') || '$^', 'gu'),
      roundActivity: new RegExp((rules.round_activity ?? []).map((p) => `(?:${p})`).join('|') || '$^', 'u'),
      futureRound: new RegExp(`(?:${(rules.future_round ?? []).map((p) => `(?:${p})`).join('|') || '$^'})$`, 'u'),
      futureRoundAfter: new RegExp(`^(?:${rules.future_round_after.map((p) => `(?:${p})`).join('|') || '$^'})`, 'u'),
      compared: {
        before: new RegExp(`(?:${rules.compared_round.before.join('|') || '$^'})$`, 'u'),
        // (与去年同期举行的第十二期相比: a few words may stand between)
        pairedBefore: new RegExp(`(?:${rules.compared_round.paired.before.join('|') || '$^'})[^,，。;；:：、]{0,10}$`, 'u'),
        pairedAfter: new RegExp(`^(?:${rules.compared_round.paired.after})`, 'u'),
      },
      itemLead: rules.item_lead.map((t) => ({ re: new RegExp(`^(?:${t.pattern})`, 'u'), batch: t.batch })),
      headingBatch: rules.heading_batch.map((t) => ({ re: new RegExp(t.pattern, 'u'), batch: t.batch })),
    };
    cache.set(rules, c);
  }
  return c;
}


const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 7, 七, 十二, 二十 → number; null when not a small number. */
export function smallNumber(s: string): number | null {
  if (/^[0-9]+$/.test(s)) return Number(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch === '十') { total += (cur || 1) * 10; cur = 0; }
    else if (ch in DIGIT) cur = DIGIT[ch];
    else return null;
  }
  return total + cur;
}

/** Whether a round marker names the yardstick of a comparison (较第十四期, 与第十四期相比), not a figure's round. */
export function comparedRound(c: Campaign, text: string, m: Marker): boolean {
  return c.compared.before.test(text.slice(Math.max(0, m.nStart - 2), m.nStart))
    || (c.compared.pairedAfter.test(text.slice(m.nEnd, m.nEnd + 12)) && c.compared.pairedBefore.test(text.slice(Math.max(0, m.nStart - 12), m.nStart)));
}

/** what stands around a heading's words: brackets, bullets, emoji, spaces */
export const HEADING_MARKS = /[^\p{Script=Han}\p{L}\p{N}]+/gu;

/** The batch a heading that is a bare batch word names (【签约】, ▶开工项目), its marks aside, or null. */
export function bareHeadingBatch(c: Campaign, line: string): Batch | null {
  const bare = line.replace(HEADING_MARKS, '');
  return c.headingBatch.find((x) => x.re.test(bare))?.batch ?? null;
}

export function batchMarkers(c: Campaign, text: string, from: number, to: number): BatchMarker[] {
  const slice = text.slice(from, to);
  const out: BatchMarker[] = [];
  for (const b of c.batches) {
    b.re.lastIndex = 0;
    for (const m of matches(b.re, slice)) out.push({ nStart: from + m.index, nEnd: from + m.index + m[0].length, batch: b.batch });
  }
  return out.sort((a, b) => a.nStart - b.nStart);
}

/** Bare batch words (签约项目, 开工的) in [from, to), minus those inside a run of several batches, which
 *  come back with `batch: null` (集中签约、开工、投产项目 names no one batch). */
export function weakBatchMarkers(c: Campaign, text: string, from: number, to: number): { nStart: number; nEnd: number; batch: Batch | null }[] {
  const slice = text.slice(from, to);
  const out: { nStart: number; nEnd: number; batch: Batch | null }[] = [];
  const mixed: Marker[] = [];
  for (const m of matches(c.mixed, slice)) {
    if (!m[0]) continue;
    mixed.push({ nStart: from + m.index, nEnd: from + m.index + m[0].length });
    out.push({ nStart: from + m.index, nEnd: from + m.index + m[0].length, batch: null });
  }
  for (const b of c.weak) {
    for (const m of matches(b.re, slice)) {
      const s = from + m.index, e = s + m[0].length;
      if (mixed.some((x) => s < x.nEnd && e > x.nStart)) continue;
      out.push({ nStart: s, nEnd: e, batch: b.batch });
    }
  }
  return out.sort((a, b) => a.nStart - b.nStart);
}

export function phaseMarkers(c: Campaign, text: string, from: number, to: number): PhaseMarker[] {
  const slice = text.slice(from, to);
  const out: PhaseMarker[] = [];
  const taken = (s: number, e: number) => out.some((o) => s < o.nEnd && e > o.nStart);
  for (const p of c.phases) {
    for (const m of matches(p.re, slice)) {
      const s = from + m.index;
      const e = s + m[0].length;
      if (taken(s, e)) continue;
      const a = smallNumber(m.groups?.a ?? '');
      if (a === null || a <= 0) continue;
      let phase: string;
      if (p.form === 'single') phase = String(a);
      else if (p.form === 'upto') phase = a === 1 ? '1' : `1-${a}`;
      else {
        const b = smallNumber(m.groups?.b ?? '');
        if (b === null) continue;
        phase = `${a}-${b}`;
      }
      out.push({ nStart: s, nEnd: e, phase });
    }
  }
  return out.sort((a, b) => a.nStart - b.nStart);
}

/** Offsets inside (…) brackets, as a predicate: notes on names, not statements of the passage. */
export function bracketDepthMap(text: string): Uint8Array {
  const inside = new Uint8Array(text.length);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '（') depth++;
    if (depth > 0) inside[i] = 1;
    if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (ch === '\n') depth = 0;
  }
  return inside;
}
