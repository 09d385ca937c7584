import type { Check, Doc, Fact } from '../../model.js';
import type { Rules } from '../../rules/load.js';
import { escapeRe, matches } from '../../rules/patterns.js';
import { partRules } from '../08-facts/index.js';
import type { ChecksRules } from './rules.js';
import { add, abs, cmp, format, halfUlp, halfUlpAt, parseDec, sub, writtenDecimals, ZERO, type Dec } from './decimal.js';

// Consistency checks: totals against their parts (其中… breakdowns and 签约/开工/投产 batches) and
// stated rates against part / whole, allowing for the rounding of the digits the article wrote.
// A family is checked only when its shape is clear; anything unclear is left alone.

interface Compiled { breakdown: RegExp; sumMetrics: Set<string>; parts: Set<string>; campaign: RegExp; rateWords: (RegExp | null)[] }
const cache = new WeakMap<ChecksRules, Compiled>();
function compile(rules: Rules): Compiled {
  let c = cache.get(rules.checks);
  if (!c) {
    c = {
      breakdown: new RegExp(rules.checks.breakdown.map(escapeRe).join('|'), 'gu'),
      sumMetrics: new Set(rules.checks.sum_metrics),
      parts: partRules(rules),
      campaign: new RegExp([...rules.batches.campaign, ...rules.batches.context].map(escapeRe).join('|'), 'u'),
      rateWords: rules.checks.rates.map((r) => (r.part_words.length ? new RegExp(r.part_words.map(escapeRe).join('|'), 'u') : null)),
    };
    cache.set(rules.checks, c);
  }
  return c;
}

export function runChecks(doc: Doc, rules: Rules): Check[] {
  const cr = rules.checks;
  const c = compile(rules);
  const facts = doc.facts;
  const text = doc.norm.text;
  const pos = (f: Fact) => doc.mentions[f.mention].nStart;
  const order = facts.map((_, i) => i).sort((a, b) => pos(facts[a]) - pos(facts[b]));
  const exact = (i: number) => ['exact', 'about'].includes(doc.mentions[facts[i].mention].approx);
  const paraOf = (n: number) => doc.paragraphs.findIndex((p) => n >= p.nStart && n < p.nEnd);
  const sentOf = (n: number) => doc.sentences.find((s) => n >= s.nStart && n < s.nEnd) ?? { nStart: 0, nEnd: text.length };
  const checks: Check[] = [];
  const wholes = new Set<string>();

  const sumCheck = (whole: number, parts: number[], how: string) => {
    const key = `${whole}`;
    if (wholes.has(key) || parts.length < cr.min_parts) return;
    if (![whole, ...parts].every(exact)) return;
    wholes.add(key);
    const mw = doc.mentions[facts[whole].mention];
    // the article's precision: the most decimals it writes in this family (9亿元 next to 6.15亿元
    // is 9.00); a figure marked 约 is only as precise as its own digits
    const all = [whole, ...parts].map((i) => doc.mentions[facts[i].mention]);
    const D = Math.max(...all.filter((m) => m.approx === 'exact').map((m) => writtenDecimals(m.text)), 0);
    // counts are whole numbers: written exactly, no rounding to allow for
    const ulp = (m: (typeof all)[number]) => (m.kind === 'count' && m.approx === 'exact' ? ZERO : m.approx === 'exact' ? halfUlpAt(m.text, m.value, D) : halfUlp(m.text, m.value));
    let sum: Dec = ZERO;
    let tol: Dec = ulp(mw);
    for (const p of parts) {
      const m = doc.mentions[facts[p].mention];
      sum = add(sum, parseDec(m.value));
      tol = add(tol, ulp(m));
    }
    const stated = parseDec(mw.value);
    if (cr.slack > 0) tol = add(tol, parseDec((Number(mw.value) * cr.slack).toFixed(6)));
    const ok = cmp(abs(sub(sum, stated)), tol) <= 0;
    checks.push({
      kind: 'sum',
      status: ok ? 'pass' : 'fail',
      expected: format(sum),
      stated: mw.value,
      facts: [whole, ...parts],
      detail: `${facts[whole].metric} (${how}): ${parts.map((p) => doc.mentions[facts[p].mention].text.replace(/\s+/g, '')).join(' + ')} = ${format(sum)}; stated ${mw.text.replace(/\s+/g, '')}`,
    });
  };

  // 1. breakdowns: 其中…
  for (const b of matches(c.breakdown, text)) {
    const at = b.index;
    const sent = sentOf(at);
    const para = paraOf(at);
    const paraStart = doc.paragraphs[para]?.nStart ?? 0;
    for (const metric of c.sumMetrics) {
      const same = order.filter((i) => facts[i].metric === metric && c.parts.has(facts[i].rule));
      const before = same.filter((i) => pos(facts[i]) < at && pos(facts[i]) >= paraStart);
      if (!before.length) continue;
      const whole = before[before.length - 1];
      // the whole is in this sentence or the one just before
      const ws = sentOf(pos(facts[whole]));
      if (ws.nStart !== sent.nStart && ws.nEnd !== sent.nStart && !/^[\s"“”]*$/.test(text.slice(ws.nEnd, sent.nStart))) continue;
      const parts = same.filter((i) => pos(facts[i]) > at && pos(facts[i]) < sent.nEnd);
      sumCheck(whole, parts, 'breakdown');
    }
  }

  // 2. batches: a total with no batch, then the first figure of each batch of the same round
  for (const w of order) {
    const fw = facts[w];
    if (fw.batch !== null || !c.sumMetrics.has(fw.metric) || !c.parts.has(fw.rule)) continue;
    const pw = paraOf(pos(fw));
    const parts: number[] = [];
    const seen = new Set<string>();
    for (const i of order) {
      const f = facts[i];
      if (pos(f) <= pos(fw) || f.metric !== fw.metric || !c.parts.has(f.rule)) continue;
      if (paraOf(pos(f)) - pw > cr.batch_window_paragraphs) break;
      if (f.batch === null) break;
      if (f.phase !== fw.phase || (f.region && fw.region && f.region !== fw.region)) continue;
      if (seen.has(f.batch)) continue;
      seen.add(f.batch);
      parts.push(i);
    }
    // across paragraphs only when the total names its round (现有7期…项目37个): otherwise unclear
    const spread = parts.some((i) => paraOf(pos(facts[i])) !== pw);
    // the total must be a campaign total (its sentence speaks of the campaign)
    const ws = sentOf(pos(fw));
    if (!c.campaign.test(text.slice(ws.nStart, ws.nEnd))) continue;
    if (seen.size >= 2 && (!spread || fw.phase !== null)) sumCheck(w, parts, 'batches');
  }

  // 3. rates: 已达效15个 of 项目17个 → 转化率88.2%
  for (const [k, rate] of cr.rates.entries()) {
    const words = c.rateWords[k];
    for (const ri of order) {
      const fr = facts[ri];
      if (fr.metric !== rate.metric || !exact(ri)) continue;
      const rs = sentOf(pos(fr));
      const partIdx = order.filter((i) => rate.part_rules.includes(facts[i].rule) && pos(facts[i]) < pos(fr) && pos(facts[i]) >= rs.nStart
        && facts[i].batch === fr.batch && facts[i].phase === fr.phase);
      let part = partIdx[partIdx.length - 1];
      if (part === undefined) continue;
      if (words) {
        const m = doc.mentions[facts[part].mention];
        const lead = text.slice(Math.max(rs.nStart, m.nStart - 8), m.nStart);
        if (!words.test(lead)) continue;
      }
      const para = doc.paragraphs[paraOf(pos(fr))];
      const wholeIdx = order.filter((i) => facts[i].metric === rate.whole_metric && c.parts.has(facts[i].rule)
        && pos(facts[i]) < pos(facts[part]) && pos(facts[i]) >= (para?.nStart ?? 0)
        && facts[i].batch === fr.batch && facts[i].phase === fr.phase && facts[i].region === facts[part].region);
      const whole = wholeIdx[wholeIdx.length - 1];
      if (whole === undefined || !exact(whole) || !exact(part)) continue;
      const mr = doc.mentions[fr.mention], mp = doc.mentions[facts[part].mention], mw = doc.mentions[facts[whole].mention];
      const P = Number(mp.value), W = Number(mw.value), R = Number(mr.value);
      if (!(W > 0)) continue;
      const expected = (P / W) * 100;
      const hr = Number(format(halfUlp(mr.text, mr.value)));
      const hp = rate.part_rules.includes('project_count_status') ? 0 : Number(format(halfUlp(mp.text, mp.value)));
      const hw = Number(format(halfUlp(mw.text, mw.value)));
      // rounding of the rate, and of the money figures when they are rounded too
      const tol = hr + (100 * hp) / W + (100 * P * (rate.whole_metric === 'project_count' ? 0 : hw)) / (W * W) + 1e-9;
      const decimals = (mr.value.split('.')[1] ?? '').length;
      checks.push({
        kind: 'rate',
        status: Math.abs(expected - R) <= tol ? 'pass' : 'fail',
        expected: expected.toFixed(decimals + 1),
        stated: mr.value,
        facts: [ri, whole, part],
        detail: `${fr.metric}: ${mp.text.replace(/\s+/g, '')} / ${mw.text.replace(/\s+/g, '')} = ${expected.toFixed(decimals + 1)}%; stated ${mr.text.replace(/\s+/g, '')}`,
      });
    }
  }
  return checks;
}
