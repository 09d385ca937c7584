import { alternation } from '../../rules/patterns.js';
import type { Batch, Doc, Fact, Metric, Mention, NormText } from '../../model.js';
import type { Rules } from '../../rules/load.js';
import { batchMarkers, compileCampaign, phaseMarkers, type Campaign } from '../07-projects/campaign.js';
import { docCurrentPhase, docIndex, projectOccurrences, sourceName, type DocIndex } from '../07-projects/index.js';
import type { MetricsRules, RegionsRules } from './rules.js';

// Facts: what each mention measures (a trigger word right before or after the number, in the same
// clause), and its slots, read by walking the article paragraph by paragraph and sentence by
// sentence with a small state (region, batch, round, year) that carries over where the text
// continues a passage (其中…, a sentence that starts with a figure, a campaign paragraph).

interface MetricRule {
  id: string;
  metric: Metric;
  kinds: Set<string>;
  units: Set<string> | null;
  before: RegExp | null;
  after: RegExp | null;
  gap: number;
  part: boolean;
}

interface Compiled {
  rules: MetricRule[];
  breaks: Set<string>;
  startsWithTrigger: RegExp;
  region: RegExp;
  aliases: Map<string, string>;
  comparison: RegExp;
  nsSuffix: RegExp;
  nsMin: number;
  campaign: Campaign;
  continuation: RegExp;
}

const cache = new WeakMap<MetricsRules, Compiled>();
function compile(rules: Rules): Compiled {
  const m = rules.metrics;
  let c = cache.get(m);
  if (c) return c;
  const r: RegionsRules = rules.regions;
  const alt = alternation;
  const shortCities = [...r.cities, ...r.provinces].map((x) => x.replace(/(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')).filter((x) => x.length >= 2);
  const names = [...r.provinces, ...r.cities, ...r.counties];
  const zone = `(?:(?:${alt(shortCities)})(?:市|省)?)?(?:${alt(r.zones)})`;
  const allTriggers = m.rules.flatMap((x) => x.before ?? []);
  c = {
    rules: m.rules.map((x) => ({
      id: x.id,
      metric: x.metric,
      kinds: new Set(x.kinds),
      units: x.units ? new Set(x.units) : null,
      before: x.before?.length ? new RegExp(x.before.map((t) => `(?:${t})`).join('|'), 'gu') : null,
      after: x.after?.length ? new RegExp(`^(?:${x.after.map((t) => `(?:${t})`).join('|')})`, 'u') : null,
      gap: x.gap ?? m.default_gap,
      part: x.part ?? true,
    })),
    breaks: new Set([...m.clause_breaks.replace(/\\n/g, '\n')]),
    startsWithTrigger: new RegExp(`^(?:${allTriggers.map((t) => `(?:${t})`).join('|')})`, 'u'),
    region: new RegExp(`${zone}|${alt(names)}|${alt(Object.keys(r.aliases))}`, 'gu'),
    aliases: new Map(Object.entries(r.aliases)),
    comparison: new RegExp(`(?:${alt(r.comparisons)})$`, 'u'),
    nsSuffix: new RegExp(`(?:${alt(r.ns_suffixes)})$`, 'u'),
    nsMin: r.ns_min_chars,
    campaign: compileCampaign(rules.batches),
    continuation: new RegExp(`^(?:${alt(rules.batches.continuation)})`, 'u'),
  };
  cache.set(m, c);
  return c;
}

/** The rule ids whose figures are parts of a total (for checks). */
export function partRules(rules: Rules): Set<string> {
  return new Set(rules.metrics.rules.filter((r) => r.part ?? true).map((r) => r.id));
}

// --- regions ------------------------------------------------------------------------------------

interface RegionHit { nStart: number; nEnd: number; name: string; alias: string | null }

const regionCache = new WeakMap<NormText, { hits: RegionHit[]; area: string | null }>();
function regions(doc: Doc, rules: Rules, c: Compiled, ix: DocIndex, blocked: Uint8Array, quoted: Uint8Array) {
  let r = regionCache.get(doc.norm);
  if (r) return r;
  const text = doc.norm.text;
  const hits: RegionHit[] = [];
  const boundary = (k: number) => k <= 0 || k >= text.length || ix.tokAt[k - 1] !== ix.tokAt[k] || ix.tokAt[k] < 0;
  let lastEnd = -1;
  for (const m of text.matchAll(c.region)) {
    const s = m.index, e = s + m[0].length;
    if (blocked[s] || ix.inBracket[s] || quoted[s]) continue;
    const alias = c.aliases.get(m[0]) ?? null;
    // jieba must agree where the name starts (and, for two-character names such as 新县, where it ends)
    if (!alias && (!boundary(s) || (e - s <= 2 && !boundary(e)))) continue;
    // 高于全市…: the comparison, not the figure's area (also a region right after such a one)
    const before = text.slice(Math.max(0, s - 4), s);
    if (c.comparison.test(before) || (lastEnd === s && hits.length && hits[hits.length - 1].alias === '__cmp')) {
      hits.push({ nStart: s, nEnd: e, name: m[0], alias: '__cmp' });
      lastEnd = e;
      continue;
    }
    hits.push({ nStart: s, nEnd: e, name: m[0], alias });
    lastEnd = e;
  }
  // other places jieba recognises (ns) with an administrative ending
  for (const t of doc.tokens) {
    if (t.tag !== 'ns' || t.word.length < c.nsMin || !c.nsSuffix.test(t.word) || blocked[t.nStart] || quoted[t.nStart] || ix.inBracket[t.nStart]) continue;
    if (hits.some((h) => h.nStart < t.nEnd && h.nEnd > t.nStart)) continue;
    const before = text.slice(Math.max(0, t.nStart - 4), t.nStart);
    hits.push({ nStart: t.nStart, nEnd: t.nEnd, name: t.word, alias: c.comparison.test(before) ? '__cmp' : null });
  }
  const real = hits.filter((h) => h.alias === null);
  hits.splice(0, hits.length, ...hits.filter((h) => h.alias !== '__cmp').sort((a, b) => a.nStart - b.nStart));
  const counts = new Map<string, number>();
  for (const h of real) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
  let area: string | null = null;
  let best = 0;
  for (const h of real) { const n = counts.get(h.name)!; if (n > best) { best = n; area = h.name; } }
  r = { hits, area };
  regionCache.set(doc.norm, r);
  void rules;
  return r;
}

function resolve(h: RegionHit, area: string | null): string {
  if (!h.alias) return h.name;
  if (area && area.endsWith(h.alias)) return area;
  if (area && h.alias === '区' && /(?:高新区|开发区|示范区|新区|港区|经开区)$/.test(area)) return area;
  return h.name;
}

// --- entities (projects and companies) -----------------------------------------------------------

interface Entity { nStart: number; nEnd: number; name: string }
const COMPANY = /(?:股份有限公司|有限责任公司|有限公司|集团有限公司)/gu;
const NAMECH = /[\u4e00-\u9fa5A-Za-z0-9()（）]/;

function entities(doc: Doc, rules: Rules, ix: DocIndex): Entity[] {
  const text = doc.norm.text;
  const out: Entity[] = projectOccurrences(doc, rules).map((o) => ({ nStart: o.nStart, nEnd: o.nEnd, name: sourceName(doc, o.nStart, o.nEnd) }));
  const taken = (s: number, e: number) => out.some((o) => s < o.nEnd && e > o.nStart);
  for (const m of text.matchAll(COMPANY)) {
    const e = m.index + m[0].length;
    if (taken(m.index, e)) continue;
    // walk back over words until punctuation or a function word
    let s = m.index;
    let i = s > 0 ? ix.tokAt[s - 1] : -1;
    while (i >= 0 && m.index - doc.tokens[i].nStart <= 20) {
      const t = doc.tokens[i];
      if (![...t.word].every((ch) => NAMECH.test(ch))) break;
      if (/^(?:v|p|uj|ul|d|r|c|u|m|q|t|f|ad)$/.test(t.tag) && !/^[\u4e00-\u9fa5]{3,}$/.test(t.word)) break;
      s = t.nStart;
      i--;
    }
    if (e - s - m[0].length >= 2) out.push({ nStart: s, nEnd: e, name: sourceName(doc, s, e) });
  }
  return out.sort((a, b) => a.nStart - b.nStart);
}

const ANAPHOR = /该项目|该公司|该企业|项目一期|(?<![限份任])公司/u;

// --- facts ---------------------------------------------------------------------------------------

export function findFacts(doc: Doc, rules: Rules): Fact[] {
  const c = compile(rules);
  const text = doc.norm.text;
  const ix = docIndex(doc);
  const ents = entities(doc, rules, ix);
  const blocked = new Uint8Array(text.length);
  for (const e of ents) for (let k = e.nStart; k < e.nEnd; k++) blocked[k] = 1;
  const quoted = new Uint8Array(text.length);
  for (const q of text.matchAll(/“[^“”\n]{1,30}”/gu)) for (let k = q.index; k < q.index + q[0].length; k++) quoted[k] = 1;
  const { hits: regs, area } = regions(doc, rules, c, ix, blocked, quoted);

  const currentPhase = docCurrentPhase(doc, compileForPhase(rules), ix);
  const mentions = doc.mentions.map((m, i) => ({ m, i })).sort((a, b) => a.m.nStart - b.m.nStart);
  const facts: Fact[] = [];
  let mi = 0;
  let phase: string | null = null;
  let carried: string | null = null; // the round the last paragraph's figures were stated under
  let prevParaCampaign = false;

  for (const para of doc.paragraphs) {
    const ptext = text.slice(para.nStart, para.nEnd);
    const campaignPara = c.campaign.campaign.test(ptext) || c.campaign.context.test(ptext);
    if (!campaignPara || !prevParaCampaign) phase = null;
    else phase = carried;
    prevParaCampaign = campaignPara || (prevParaCampaign && !/[。!?]/.test(ptext) && ptext.length < 30);
    let batch: Batch | null = null;
    let year: number | null = null;
    let region: RegionHit | null = null;
    const sents = doc.sentences.filter((s) => s.nStart >= para.nStart && s.nEnd <= para.nEnd);
    let firstSentence = true;
    let factsHere = false;
    for (const sent of sents) {
      const stext = text.slice(sent.nStart, sent.nEnd);
      const lead = stext.replace(/^[\s"“”]+/, '');
      const continues = firstSentence || c.campaign.campaign.test(stext) || c.campaign.context.test(stext) || c.continuation.test(lead) || c.startsWithTrigger.test(lead);
      if (!continues) phase = null;
      firstSentence = false;
      const campaignSent = c.campaign.campaign.test(stext);
      // events in this sentence
      type Ev = { at: number; apply: () => void };
      const evs: Ev[] = [];
      for (const b of batchMarkers(c.campaign, text, sent.nStart, sent.nEnd)) {
        if (ix.inBracket[b.nStart]) continue;
        evs.push({ at: b.nStart, apply: () => { batch = b.batch; } });
      }
      if (campaignPara) for (const p of phaseMarkers(c.campaign, text, sent.nStart, sent.nEnd)) {
        if (ix.inBracket[p.nStart] || blocked[p.nStart]) continue;
        evs.push({ at: p.nStart, apply: () => { phase = p.phase; } });
      }
      if (currentPhase && (campaignPara || c.campaign.context.test(ptext))) for (const r of stext.matchAll(c.campaign.currentRound)) {
        const at = sent.nStart + r.index;
        if (!ix.inBracket[at]) evs.push({ at, apply: () => { phase = currentPhase; } });
      }
      for (const y of stext.matchAll(/((?:19|20)\d{2})年/gu)) {
        const at = sent.nStart + y.index;
        if (ix.inBracket[at] || /["“”]$/.test(text.slice(at - 1, at)) && false) continue;
        const val = Number(y[1]);
        evs.push({ at, apply: () => { year = val; } });
      }
      for (const h of regs) if (h.nStart >= sent.nStart && h.nStart < sent.nEnd) evs.push({ at: h.nStart, apply: () => { region = h; } });
      evs.sort((a, b) => a.at - b.at);
      let ei = 0;
      while (mi < mentions.length && mentions[mi].m.nStart < sent.nEnd) {
        const { m, i } = mentions[mi++];
        if (m.nStart < sent.nStart) continue;
        while (ei < evs.length && evs[ei].at < m.nStart) evs[ei++].apply();
        if (blocked[m.nStart]) continue; // a number inside a name (年产1800套…项目)
        const hit = bind(c, ix, doc, m, mentions.map((x) => x.m));
        if (!hit) continue;
        let fb: Batch | null = batch;
        if (campaignSent) {
          const after = text.slice(m.nEnd, m.nEnd + 12);
          for (const t of c.campaign.trailing) if (t.re.test(after)) fb = t.batch;
        }
        const reg = region as RegionHit | null;
        if (!factsHere) carried = phase;
        factsHere = true;
        facts.push({
          mention: i,
          metric: hit.metric,
          region: reg ? resolve(reg, area) : area,
          entity: entityFor(text, ents, m, sent, para),
          batch: fb,
          phase,
          year,
          rule: hit.id,
        });
      }
      while (ei < evs.length) evs[ei++].apply();
    }
    if (!factsHere) carried = phase;
  }
  return facts.sort((a, b) => doc.mentions[a.mention].nStart - doc.mentions[b.mention].nStart);
}

function clauseStart(c: Compiled, text: string, p: number, floor: number): number {
  for (let k = p - 1; k >= floor; k--) if (c.breaks.has(text[k])) return k + 1;
  return floor;
}
function clauseEnd(c: Compiled, text: string, p: number, ceil: number): number {
  for (let k = p; k < ceil; k++) if (c.breaks.has(text[k])) return k;
  return ceil;
}

function bind(c: Compiled, ix: DocIndex, doc: Doc, m: Mention, all: Mention[]): MetricRule | null {
  const text = doc.norm.text;
  let prevEnd = 0;
  let nextStart = text.length;
  for (const o of all) {
    if (o.nEnd <= m.nStart && o.nEnd > prevEnd) prevEnd = o.nEnd;
    if (o.nStart >= m.nEnd && o.nStart < nextStart) nextStart = o.nStart;
  }
  const from = clauseStart(c, text, m.nStart, prevEnd);
  const to = clauseEnd(c, text, m.nEnd, nextStart);
  const left = text.slice(from, m.nStart);
  const right = text.slice(m.nEnd, to);
  let best: { r: MetricRule; gap: number; len: number } | null = null;
  for (const r of c.rules) {
    if (!r.kinds.has(m.kind)) continue;
    if (r.units && !(m.unit && r.units.has(m.unit))) continue;
    if (r.before) {
      r.before.lastIndex = 0;
      for (const t of left.matchAll(r.before)) {
        const gap = left.length - (t.index + t[0].length);
        if (gap > r.gap) continue;
        // a count followed by its own noun (4个台账) counts that noun, not the trigger's
        if (m.kind === 'count') {
          const ti = ix.tokAt[m.nEnd];
          const nt = ti >= 0 ? doc.tokens[ti] : null;
          if (nt && nt.nEnd > m.nEnd && (/^n/.test(nt.tag) || (nt.tag === 'x' && nt.nEnd - m.nEnd >= 2)) && /^[\u4e00-\u9fa5]/.test(text[m.nEnd]) && !r.after?.test(right)) continue;
        }
        if (!best || gap < best.gap || (gap === best.gap && t[0].length > best.len)) best = { r, gap, len: t[0].length };
      }
    }
    if (r.after) {
      for (let g = 0; g <= Math.min(r.gap, right.length); g++) {
        const t = r.after.exec(right.slice(g));
        if (t) {
          if (!best || g < best.gap) best = { r, gap: g, len: t[0].length };
          break;
        }
      }
    }
  }
  return best?.r ?? null;
}

function entityFor(text: string, ents: Entity[], m: Mention, sent: { nStart: number }, para: { nStart: number }): string | null {
  let scope = sent.nStart;
  for (let k = m.nStart - 1; k > sent.nStart; k--) if (text[k] === ';' || text[k] === '；') { scope = k + 1; break; }
  const inScope = ents.filter((e) => e.nStart >= scope && e.nEnd <= m.nStart && !/^等/.test(text.slice(e.nEnd, e.nEnd + 1)));
  const names = new Set(inScope.map((e) => e.name));
  if (names.size === 1) return inScope[0].name;
  if (names.size > 1) return null;
  // 该项目 / 公司 / 项目一期: the last one named earlier in the paragraph
  const scopeText = text.slice(scope, m.nStart);
  if (!ANAPHOR.test(scopeText)) return null;
  const prev = ents.filter((e) => e.nStart >= para.nStart && e.nEnd <= scope);
  return prev.length ? prev[prev.length - 1].name : null;
}

function compileForPhase(rules: Rules) {
  return { campaign: compileCampaign(rules.batches) } as Parameters<typeof docCurrentPhase>[1];
}
