import { alternation, charCodes, escapeRe, firstCharOf, matches } from '../../rules/patterns.js';
import type { Batch, Doc, Fact, Metric, Mention, NormText, Project, Span } from '../../model.js';
import type { Rules } from '../../rules/load.js';
import { bareHeadingBatch, batchMarkers, comparedRound, compileCampaign, HEADING_MARKS, phaseMarkers, smallNumber, weakBatchMarkers, type Campaign } from '../07-projects/campaign.js';
import { docCurrentPhase, docIndex, projectOccurrences, sourceName, type DocIndex } from '../07-projects/index.js';
import { headline } from '../04-split/title.js';
import { cardLabel, figureCards, type FigureCards } from './figure-cards.js';
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
  unless: RegExp | null;
  inSentence: RegExp | null;
  clauseEnd: boolean;
  /** a table column header that is one of the `before` triggers, whole (总投资) */
  header: RegExp | null;
}

interface Compiled {
  /** how a passage goes on (rules/metrics.yaml `passages`) */
  passages: {
    placeProjects: RegExp; projectLead: RegExp; topicReach: number; tourStop: RegExp; nameField: RegExp; placeField: RegExp;
    fieldLabel: RegExp; areaParagraph: RegExp; subjectMetrics: Set<Metric>; areaSubject: RegExp; difference: RegExp;
  };
  rules: MetricRule[];
  /** right after a bare batch word opening a paragraph: its topic (开工项目方面) */
  topicAfter: RegExp;
  /** a dispatch's dateline at the start of a paragraph (【确山】, 本报讯) */
  dispatch: RegExp;
  breaks: Set<string>;
  /** the same, by char code: the clause scans ask at every character */
  breakCodes: Uint8Array;
  startsWithTrigger: RegExp;
  region: RegExp;
  aliases: Map<string, string>;
  anaphors: Set<string>;
  comparison: RegExp;
  nsSuffix: RegExp;
  nsMin: number;
  campaign: Campaign;
  continuation: RegExp;
  breakdown: RegExp | null;
  breakdownParagraph: RegExp | null;
  /** right after a place: its round of the campaign (第十四期“三个一批”) */
  roundHolder: RegExp;
  /** a batch tied to a project's name by the words around it (同日投产的X, X当天集中开工) */
  entityCues: { batch: Batch; before: RegExp | null; after: RegExp | null }[];
  gapFillers: Set<string>;
  threshold: RegExp | null;
  perItem: RegExp | null;
  /** a table's row of sums (合计): rules/tables.yaml's */
  totalRow: RegExp;
  /** a table column's header that names a batch (签约项目, 开工一批): rules/tables.yaml's batch cells */
  batchHeads: [Batch, RegExp][];
  ellipsisKinds: Set<string>;
  ellipsisLead: RegExp | null;
  topic: RegExp | null;
  years: {
    dateline: RegExp; within: number; words: RegExp; kinds: ('this' | 'last' | 'next' | 'default' | 'projection')[];
  } | null;
  companySuffix: RegExp;
  rolePrefix: RegExp | null;
  anaphor: RegExp;
  aliasMin: number;
  placePrefix: RegExp;
  town: RegExp | null;
  zones: Set<string>;
  item: RegExp;
  sectionHeading: RegExp;
  note: RegExp | null;
  subset: RegExp;
  aggregate: RegExp;
  countRule: Map<string, MetricRule>;
  campaignAfter: RegExp | null;
  fieldSeparator: RegExp | null;
  fieldValueLead: RegExp;
  review: { re: RegExp; within: number } | null;
  /** periods within a year (1—4月) and the month each ends (null: the match's group `m`) */
  periods: { re: RegExp; month: number | null }[];
  periodHeading: RegExp | null;
  placeFields: RegExp | null;
  counties: Set<string>;
  cityOf: Map<string, string>;
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
  // a zone may be written after its city (鹤壁经开区) or its county (息县经济开发区, 淮滨经济开发区)
  const shortCounties = r.counties.map((x) => x.replace(/(?:县|区|市)$/, '')).filter((x) => x.length >= 2);
  const zone = `(?:(?:${alt(shortCities)})(?:市|省)?|${alt([...r.counties, ...shortCounties])})?(?:${alt(r.zones)})`;
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
      unless: x.unless?.length ? new RegExp(x.unless.map((t) => `(?:${t})`).join('|'), 'u') : null,
      clauseEnd: x.clause_end ?? false,
      inSentence: x.in_sentence?.length ? new RegExp(x.in_sentence.map((t) => `(?:${t})`).join('|'), 'u') : null,
      header: x.before?.length ? new RegExp(`^(?:${x.before.map((t) => `(?:${t})`).join('|')})$`, 'u') : null,
    })),
    breaks: new Set([...m.clause_breaks.replace(/\\n/g, '\n')]),
    breakCodes: charCodes(m.clause_breaks.replace(/\\n/g, '\n')),
    startsWithTrigger: new RegExp(`^(?:${allTriggers.map((t) => `(?:${t})`).join('|')})`, 'u'),
    region: new RegExp(`${firstCharOf([...shortCities, ...r.counties, ...shortCounties, ...r.zones, ...names, ...Object.keys(r.aliases)])}(?:${zone}|${alt(names)}|${alt(Object.keys(r.aliases))})`, 'gu'),
    aliases: new Map(Object.entries(r.aliases)),
    anaphors: new Set(r.anaphors),
    comparison: new RegExp(`(?:${alt(r.comparisons)})$`, 'u'),
    nsSuffix: new RegExp(`(?:${alt(r.ns_suffixes)})$`, 'u'),
    nsMin: r.ns_min_chars,
    campaign: compileCampaign(rules.batches),
    continuation: new RegExp(`^(?:${alt(rules.batches.continuation)})`, 'u'),
    entityCues: rules.batches.entity_cues.map((x) => ({
      batch: x.batch,
      before: x.before ? new RegExp(`(?:${x.before})$`, 'u') : null,
      after: x.after ? new RegExp(`^(?:${x.after})`, 'u') : null,
    })),
    roundHolder: new RegExp(`^第[0-9一二三四五六七八九十]+期["“]?(?:${alt(rules.batches.campaign)})`, 'u'),
    breakdown: anyOf(rules.batches.breakdown, '^'),
    breakdownParagraph: anyOf(rules.batches.breakdown_paragraph, '^'),
    gapFillers: new Set(m.gap_fillers ?? []),
    threshold: anyOf(m.threshold_after, '^'),
    perItem: anyOf(m.per_item_before, ''),
    passages: {
      placeProjects: new RegExp(m.passages.place_projects, 'u'),
      projectLead: new RegExp(m.passages.project_lead, 'u'),
      topicReach: m.passages.topic_reach,
      tourStop: new RegExp(m.passages.tour_stop, 'u'),
      nameField: new RegExp(m.passages.name_field, 'u'),
      placeField: new RegExp(m.passages.place_field, 'u'),
      fieldLabel: new RegExp(m.passages.field_label, 'u'),
      areaParagraph: new RegExp(m.passages.area_paragraph, 'u'),
      subjectMetrics: new Set(m.passages.subject_metrics),
      areaSubject: new RegExp(m.passages.area_subject, 'u'),
      difference: new RegExp(m.passages.difference, 'u'),
    },
    totalRow: new RegExp(`^(?:${rules.tables.columns.total})$`, 'u'),
    batchHeads: (Object.entries(rules.tables.columns.batch_cells ?? {}) as [Batch, string][]).map(([b, re]) => [b, new RegExp(`^(?:${re})$`, 'u')]),
    ellipsisKinds: new Set(m.ellipsis?.kinds ?? []),
    topic: m.topic.length ? new RegExp(m.topic.map((t) => `(?:${t})`).join('|'), 'gu') : null,
    ellipsisLead: m.ellipsis ? new RegExp(`^(?:${m.ellipsis.lead.map((t) => `(?:${t})`).join('|')})?$`, 'u') : null,
    years: m.years ? yearWords(m.years) : null,
    companySuffix: new RegExp(alt(m.entities?.company_suffixes ?? ['股份有限公司', '有限责任公司', '有限公司', '集团有限公司']), 'gu'),
    rolePrefix: m.entities?.role_prefixes.length ? new RegExp(`^(?:${alt(m.entities.role_prefixes)})`, 'u') : null,
    anaphor: new RegExp((m.entities?.anaphors ?? ['该项目', '该公司', '该企业', '项目一期', '(?<![限份任])公司']).map((t) => `(?:${t})`).join('|'), 'u'),
    aliasMin: m.entities?.alias_min ?? 3,
    placePrefix: new RegExp(`^(?:${alt([...names, ...shortCities, ...r.counties.map((x) => x.replace(/(?:县|区|市)$/, '')).filter((x) => x.length >= 2)])})`, 'u'),
    town: r.towns ? new RegExp(r.towns, 'gu') : null,
    zones: new Set(r.zones),
    sectionHeading: new RegExp(`(?:^|[:：。;；])\\s*(?:${rules.batches.section_heading?.length ? rules.batches.section_heading.map((t) => `(?:${t})`).join('|') : '(?!)'})\\s*$`, 'u'),
    topicAfter: new RegExp(`^(?:${rules.batches.topic_after.join('|') || '(?!)'})`, 'u'),
    item: /^\s*(?:\d{1,2}[.、．](?!\d)|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[一二三四五六七八九十]{1,2}、|[●•▪■◆◇▶►▸○◎★☆](?=\s*[\u4e00-\u9fa50-9]))/u,
    note: rules.projects?.note ? new RegExp(rules.projects.note, 'u') : null,
    subset: new RegExp(`^(?:${alt(rules.batches.subset ?? [])})`.replace('(?:)', '(?!)'), 'u'),
    aggregate: new RegExp(`(?:${alt(rules.batches.aggregate ?? [])})`.replace('(?:)', '(?!)'), 'gu'),
    countRule: new Map(),
    campaignAfter: r.campaign_after ? new RegExp(`^(?:${r.campaign_after})`, 'u') : null,
    counties: new Set(r.counties),
    fieldSeparator: m.field_separator ? new RegExp(`^(?:${m.field_separator})$`, 'u') : null,
    fieldValueLead: /^\s*(?:约|近|超过?|逾|突破|不足|大约)?\s*$/u,
    periods: (m.years?.periods ?? []).map((x) => ({ re: new RegExp(x.pattern, 'gu'), month: x.month ?? null })),
    periodHeading: m.years?.period_heading ? new RegExp(m.years.period_heading, 'u') : null,
    dispatch: new RegExp(rules.normalise.dateline_start, 'u'),
    review: m.years?.review?.length ? { re: new RegExp(m.years.review.map((t) => `(?:${t})`).join('|'), 'u'), within: m.years.review_within ?? m.years.dateline_within } : null,
    placeFields: m.place_fields?.length ? new RegExp(`(?:${m.place_fields.map((t) => `(?:${t})`).join('|')})\\s*[:：]`, 'u') : null,
    cityOf: new Map(r.cities.map((x) => [x.replace(/市$/, ''), x])),
  };
  for (const x of c.rules) {
    if (!x.kinds.has('count') || !x.units) continue;
    for (const u of x.units) if (!c.countRule.has(u)) c.countRule.set(u, x);
  }
  cache.set(m, c);
  return c;
}

function anyOf(list: string[] | undefined, anchor: string): RegExp | null {
  return list?.length ? new RegExp(`${anchor}(?:${list.map((t) => `(?:${t})`).join('|')})`, 'u') : null;
}

type YearKind = 'this' | 'last' | 'next' | 'default' | 'projection';
function yearWords(y: NonNullable<MetricsRules['years']>) {
  const groups: [YearKind, string[]][] = [['this', y.this_year], ['last', y.last_year], ['next', y.next_year], ['default', y.default_this_year], ['projection', y.projection]];
  const used = groups.filter(([, l]) => l.length);
  return {
    dateline: new RegExp(y.dateline, 'u'),
    within: y.dateline_within,
    words: new RegExp(used.map(([, l]) => `(${l.map((t) => `(?:${t})`).join('|')})`).join('|'), 'gu'),
    kinds: used.map(([k]) => k),
  };
}

/** The rule ids whose figures are parts of a total (for checks). */
export function partRules(rules: Rules): Set<string> {
  return new Set(rules.metrics.rules.filter((r) => r.part ?? true).map((r) => r.id));
}

// --- regions ------------------------------------------------------------------------------------

interface RegionHit { nStart: number; nEnd: number; name: string; alias: string | null; local?: string | null }

const regionCache = new WeakMap<NormText, { hits: RegionHit[]; area: string | null; levelBest: Map<string, string> }>();
function regions(doc: Doc, rules: Rules, c: Compiled, ix: DocIndex, blocked: Uint8Array, quoted: Uint8Array) {
  let r = regionCache.get(doc.norm);
  if (r) return r;
  const text = doc.norm.text;
  const hits: RegionHit[] = [];
  const boundary = (k: number) => k <= 0 || k >= text.length || ix.tokAt[k - 1] !== ix.tokAt[k] || ix.tokAt[k] < 0;
  let lastEnd = -1;
  for (const m of matches(c.region, text)) {
    const s = m.index;
    let e = s + m[0].length;
    let name = m[0];
    if (blocked[s] || ix.inBracket[s] || quoted[s]) continue;
    // a place before a name that has a zone in it (汝南县 | 产业集聚区标准化厂房三期): the place alone
    if (blocked[e - 1]) {
      const place = c.placePrefix.exec(name)?.[0];
      if (!place || !/[省市县区]$/u.test(place)) continue;
      name = place;
      e = s + place.length;
    }
    const alias = c.aliases.get(name) ?? null;
    if (alias === '省' && c.campaignAfter?.test(text.slice(e, e + 16))) continue; // the province runs the campaign
    // jieba must agree where the name starts (and, for two-character names such as 新县, where it ends)
    if (!alias && (!boundary(s) || (e - s <= 2 && !boundary(e)))) continue;
    // 高于全市…: the comparison, not the figure's area (also a region right after such a one)
    const before = text.slice(Math.max(0, s - 4), s);
    if (c.comparison.test(before) || (lastEnd === s && hits.length && hits[hits.length - 1].alias === '__cmp')) {
      hits.push({ nStart: s, nEnd: e, name, alias: '__cmp' });
      lastEnd = e;
      continue;
    }
    hits.push({ nStart: s, nEnd: e, name, alias });
    lastEnd = e;
  }
  // other places jieba recognises (ns) with an administrative ending
  for (const t of doc.tokens) {
    // the cheap tests first: a word's tag is looked up only when asked for
    if (t.word.length < c.nsMin || !c.nsSuffix.test(t.word) || t.tag !== 'ns' || blocked[t.nStart] || quoted[t.nStart] || ix.inBracket[t.nStart]) continue;
    if (hits.some((h) => h.nStart < t.nEnd && h.nEnd > t.nStart)) continue;
    const before = text.slice(Math.max(0, t.nStart - 4), t.nStart);
    hits.push({ nStart: t.nStart, nEnd: t.nEnd, name: t.word, alias: c.comparison.test(before) ? '__cmp' : null });
  }
  // towns and townships by their shape (克井镇本期项目6个, 在堌阳镇,)
  if (c.town) for (const m of matches(c.town, text)) {
    const s = m.index, e = s + m[0].length;
    if (blocked[s] || quoted[s] || ix.inBracket[s] || hits.some((h) => h.nStart < e && h.nEnd > s)) continue;
    hits.push({ nStart: s, nEnd: e, name: m[0], alias: null });
  }
  // a bare zone (示范区) is the article's fuller one (济源示范区) when it names one
  const fuller = new Map<string, string>();
  for (const h of hits) {
    if (h.alias !== null) continue;
    for (const z of c.zones) if (h.name.endsWith(z) && h.name.length > z.length && !fuller.has(z)) fuller.set(z, h.name);
  }
  for (const h of hits) if (h.alias === null && fuller.has(h.name)) h.name = fuller.get(h.name)!;
  const real = hits.filter((h) => h.alias === null);
  hits.splice(0, hits.length, ...hits.filter((h) => h.alias !== '__cmp').sort((a, b) => a.nStart - b.nStart));
  const counts = new Map<string, number>();
  for (const h of real) counts.set(h.name, (counts.get(h.name) ?? 0) + 1);
  // a zone written after its city (鹤壁经开区) names the city too
  const cities = new Map<string, number>();
  for (const h of real) for (const [short, city] of c.cityOf) {
    if (h.name !== city && h.name.startsWith(short) && [...c.zones].some((z) => h.name.endsWith(z))) cities.set(city, (cities.get(city) ?? 0) + 1);
  }
  for (const [city, n] of cities) if (!counts.has(city)) counts.set(city, 0);
  // the own-area words (全市, 该区) vote for the most named area of their level
  const votes = new Map<string, number>();
  for (const h of hits) if (h.alias && h.alias !== '__cmp') votes.set(h.alias, (votes.get(h.alias) ?? 0) + 1);
  const own = (name: string) => counts.get(name) ?? 0;
  const levelBest = new Map<string, string>();
  for (const name of counts.keys()) {
    const lv = name.slice(-1);
    const cur = levelBest.get(lv);
    // (a city its zones name, 新乡高新区 → 新乡市, counts as named there too)
    const score = (x: string) => own(x) + (cities.get(x) ?? 0);
    if (!cur || score(name) > score(cur) || (score(name) === score(cur) && own(name) > own(cur))) levelBest.set(lv, name);
  }
  // an article naming three counties or more (9个县区比学赶超) is about the city above them: its 全市 and 我市 are a
  // prefecture city's (the one named most, with its zones, or whose paper it is: 许昌日报), not a county-level city's
  const namedCounties = new Set(real.filter((h) => c.counties.has(h.name)).map((h) => h.name));
  let prefecture: string | null = null;
  const cityBest = levelBest.get('市');
  if (namedCounties.size >= 3 && cityBest !== undefined && c.counties.has(cityBest)) {
    const opening = text.slice(0, OPENING);
    let top: string | null = null, topScore = 0;
    for (const [short, city] of c.cityOf) {
      const score = own(city) + (cities.get(city) ?? 0) + (opening.includes(`${short}日报`) ? 1 : 0);
      if (score > topScore) { top = city; topScore = score; }
    }
    if (top) { levelBest.set('市', top); if (!counts.has(top)) counts.set(top, 0); prefecture = top; }
  }
  let area: string | null = null;
  let best = 0;
  for (const name of counts.keys()) {
    const n = own(name) + (levelBest.get(name.slice(-1)) === name ? votes.get(name.slice(-1)) ?? 0 : 0);
    if (n > best) { best = n; area = name; }
  }
  // (…and the article's own area is that city, not the county-level one it names most)
  if (prefecture !== null && area === cityBest) area = prefecture;
  // an own-area word of a level no place is named at (全省 in a provincial round-up that names only cities) is the
  // article's area when it is said at least as often as any place is named
  for (const [lv, n] of votes) {
    if (levelBest.has(lv) || n < best) continue;
    best = n;
    area = hits.find((h) => h.alias === lv)!.name;
  }
  // …but the one place a headline names is the article's (许昌市第十五期…发布会, though 禹州市 hosted it)
  const head = headline(doc, 1);
  const named = head ? new Set(real.filter((h) => h.nStart >= head.nStart && h.nEnd <= head.nEnd).map((h) => h.name)) : new Set<string>();
  // …else the place that holds the round in the opening (焦作市第十四期“三个一批”项目建设活动举行,主会场设在孟州市)
  if (named.size !== 1) {
    const opening = text.slice(0, OPENING);
    for (const h of real) {
      if (h.nStart >= OPENING) break;
      if (c.roundHolder.test(opening.slice(h.nEnd, h.nEnd + 16))) { named.clear(); named.add(h.name); break; }
    }
  }
  if (named.size === 1) {
    area = [...named][0];
    const lv = area.slice(-1);
    if (levelBest.has(lv)) levelBest.set(lv, area);
  }
  // 全镇/该镇: the last town named before it; 该县/该区/该市: the last place of that level
  let lastTown: string | null = null;
  const lastOf = new Map<string, string>();
  for (const h of hits) {
    if (h.alias === null) {
      if (/(?:[镇乡]|街道)$/.test(h.name)) lastTown = h.name;
      lastOf.set(h.name.slice(-1), h.name);
    } else if (/[镇乡道]/.test(h.alias)) h.local = lastTown;
    else if (c.anaphors.has(h.name)) h.local = lastOf.get(h.alias) ?? null;
  }
  r = { hits, area, levelBest };
  regionCache.set(doc.norm, r);
  void rules;
  return r;
}

function resolve(h: RegionHit, area: string | null, levelBest?: Map<string, string>): string {
  if (!h.alias) return h.name;
  if (h.local) return h.local;
  if (area && area.endsWith(h.alias)) return area;
  if (area && h.alias === '区' && /(?:高新区|开发区|示范区|新区|港区|经开区)$/.test(area)) return area;
  const lv = levelBest?.get(h.alias);
  if (lv) return lv;
  return h.name;
}

// --- entities (projects and companies) -----------------------------------------------------------

interface Entity { nStart: number; nEnd: number; name: string; company: boolean }
/** a project (or its company) tied to a batch where it is named */
interface Tie { name: string; at: number; batch: Batch; phase: string | null }
/** a record field's label (总投资:, 建设地点:) at the start of a text */
const FIELD = /^\s*[\u4e00-\u9fa5]{2,10}[:：]/u;
const NAMECH = /[\u4e00-\u9fa5A-Za-z0-9()（）]/;
/** Whether the characters of `part` occur in `whole` in order (特钢 in 特种钢材有限公司). */
function inOrder(part: string, whole: string): boolean {
  let k = 0;
  for (const ch of part) { k = whole.indexOf(ch, k) + 1; if (k === 0) return false; }
  return true;
}

/** A word a company's name does not run back over: a function word, a number, a verb (unless of three characters or more). */
const COMPANY_STOP_TAG = /^(?:v|p|uj|ul|d|r|c|u|m|q|t|f|ad)$/;
const nameChars = (w: string) => [...w].every((ch) => NAMECH.test(ch));

/** The company walk stopped at token i, a verb that may be the industry word of the name (河南 | 雨盾 | 防水/v | 科技
 *  股份有限公司): where the name starts when a place begins it after a boundary, with a word of the name (not a
 *  verb: 平舆县 | 引进/v | X有限公司) between the place and the verb. */
function placeLedCompany(doc: Doc, c: Compiled, i: number): number {
  let words = 0;
  for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
    const t = doc.tokens[j];
    if (t.nEnd !== doc.tokens[j + 1].nStart || !nameChars(t.word)) return -1;
    if (words > 0 && c.placePrefix.exec(t.word)?.[0] === t.word) {
      const b = j > 0 ? doc.tokens[j - 1] : null;
      const boundary = !b || b.nEnd !== t.nStart || !nameChars(b.word) || COMPANY_STOP_TAG.test(b.tag);
      return boundary ? t.nStart : -1;
    }
    if (COMPANY_STOP_TAG.test(t.tag)) return -1;
    words++;
  }
  return -1;
}

function entities(doc: Doc, rules: Rules, ix: DocIndex, c: Compiled): Entity[] {
  const text = doc.norm.text;
  const out: Entity[] = projectOccurrences(doc, rules).map((o) => ({ nStart: o.nStart, nEnd: o.nEnd, name: sourceName(doc, o.nStart, o.nEnd), company: false }));
  const taken = (s: number, e: number) => out.some((o) => s < o.nEnd && e > o.nStart);
  const companies: string[] = [];
  for (const m of matches(c.companySuffix, text)) {
    const e = m.index + m[0].length;
    // walk back over words until punctuation or a function word
    let s = m.index;
    let i = s > 0 ? ix.tokAt[s - 1] : -1;
    while (i >= 0 && m.index - doc.tokens[i].nStart <= 20) {
      const t = doc.tokens[i];
      if (!nameChars(t.word)) break;
      // (a one-character conjunction after a one-character word is inside the name: 新乡/瑞/和/医疗器械…有限公司)
      const inner = t.tag === 'c' && t.word.length === 1 && i > 0 && doc.tokens[i - 1].word.length === 1 && nameChars(doc.tokens[i - 1].word);
      if (COMPANY_STOP_TAG.test(t.tag) && !/^[\u4e00-\u9fa5]{3,}$/.test(t.word) && !inner) {
        const ps = t.tag === 'v' ? placeLedCompany(doc, c, i) : -1;
        if (ps >= 0) s = ps;
        break;
      }
      s = t.nStart;
      i--;
    }
    // 项目业主X有限公司, 园区运营方X有限公司: the role is not part of the name
    const role = c.rolePrefix?.exec(text.slice(s, m.index));
    if (role) s += role[0].length;
    if (e - s - m[0].length < 2) continue;
    companies.push(text.slice(s, e));
    if (taken(m.index, e)) continue; // a company inside a project's name: known, but the project is the entity there
    out.push({ nStart: s, nEnd: e, name: sourceName(doc, s, e), company: true });
  }
  // short names of the companies (鑫航精密, 固仕达公司): the name without its place and its legal form
  // (a group's short name, 金麦源集团, also counts, and then its bare stem 金麦源 too; the longest short names
  // are placed first, so a subsidiary's 金麦源冷链 is not its parent's 金麦源)
  const seen = new Set<string>();
  const found: { alias: string; name: string; next: string | null }[] = [];
  const free = (k: number, e: number) => !taken(k, e) && !ix.inBracket[k];
  const occurs = (alias: string, next: string | null) => {
    for (let k = text.indexOf(alias); k >= 0; k = text.indexOf(alias, k + 1)) if (free(k, k + alias.length) && (next === null || text[k + alias.length] === next)) return true;
    return false;
  };
  for (const full of companies) {
    if (seen.has(full)) continue;
    seen.add(full);
    c.companySuffix.lastIndex = 0;
    const core = full.replace(c.companySuffix, '').replace(c.placePrefix, '');
    const fullName = (() => { const k = text.indexOf(full); return k >= 0 ? sourceName(doc, k, k + full.length) : full; })();
    const group = /集团/.test(full);
    let aliased = false;
    for (let len = Math.min(core.length, 6); len >= c.aliasMin - 1; len--) {
      const alias = core.slice(0, len);
      // a short alias must be followed by 公司 (固仕达公司)
      const next = len < c.aliasMin ? '公' : null;
      if (occurs(alias, next)) { found.push({ alias, name: fullName, next }); aliased = true; break; }
      if (group && len >= 2 && occurs(alias + '集团', null)) {
        found.push({ alias: alias + '集团', name: fullName, next: null });
        if (len >= c.aliasMin - 1) found.push({ alias, name: fullName, next: null });
        aliased = true;
        break;
      }
    }
    // …or (not a group: its short names are above) its brand and two characters taken in order from the rest
    // of the name (雨盾股份 for 河南雨盾防水科技股份有限公司, 龙泰特钢 for 安阳龙泰特种钢材有限公司)
    if (!aliased && !group) for (const len of [2, 3]) {
      if (core.length <= len + 1) break;
      const brand = core.slice(0, len);
      const rest = full.slice(full.indexOf(core) + len);
      const abbreviation = [...new Set([...text.matchAll(new RegExp(`${escapeRe(brand)}[\u4e00-\u9fa5]{2}`, 'gu'))].map((x) => x[0]))]
        .find((a) => inOrder(a.slice(len), rest) && occurs(a, null));
      if (abbreviation) { found.push({ alias: abbreviation, name: fullName, next: null }); break; }
    }
  }
  found.sort((a, b) => b.alias.length - a.alias.length);
  for (const f of found) {
    for (let k = text.indexOf(f.alias); k >= 0; k = text.indexOf(f.alias, k + 1)) {
      const e = k + f.alias.length;
      if (!free(k, e) || (f.next !== null && text[e] !== f.next)) continue;
      out.push({ nStart: k, nEnd: e, name: f.name, company: true });
    }
  }
  return out.sort((a, b) => a.nStart - b.nStart);
}

/** The campaign note right after an entity's name (…项目(第九期开工项目)), past other brackets such as (一期). */
function noteAfter(c: Compiled, text: string, e: number): { batch: Batch; phase: string | null } | null {
  if (!c.note) return null;
  let k = e;
  for (let n = 0; n < 3 && (text[k] === '(' || text[k] === '（'); n++) {
    const close = text.slice(k, k + 24).search(/[)）]/);
    if (close < 0) return null;
    const note = c.note.exec(text.slice(k, k + close + 1));
    if (note?.groups) {
      // (a bare batch, (签约项目), says no round: the one in force holds)
      const ph = smallNumber(note.groups.phase ?? '');
      const b = ({ 签约: 'signed', 开工: 'started', 投产: 'producing' } as Record<string, Batch>)[note.groups.batch ?? note.groups.bare ?? ''];
      if (b && (ph || note.groups.bare)) return { batch: b, phase: ph ? String(ph) : null };
    }
    k += close + 1;
  }
  return null;
}

// --- facts ---------------------------------------------------------------------------------------

/** What the walk reads about the whole document before it starts. */
interface Article {
  /** the company a feature or an interview is about (——访X有限公司董事长…, ——走进X有限公司): its figures' entity where
   *  a sentence names none */
  subject: string | null;
  doc: Doc;
  c: Compiled;
  text: string;
  ix: DocIndex;
  ents: Entity[];
  /** inside an entity's name: a number there is part of the name */
  blocked: Uint8Array;
  quoted: Uint8Array;
  regs: RegionHit[];
  area: string | null;
  levelBest: Map<string, string>;
  /** the round a project's note gives it (…项目(第九期开工项目)) */
  notes: Map<string, { batch: Batch; phase: string | null }>;
  cues: Tie[];
  docYear: number | null;
  dateline: { s: number; e: number } | null;
  reviewYear: number | null;
  /** the year a period within a year (1—4月) belongs to: the dateline's (and its month), or a heading's */
  periodYear: { year: number; month: number | null } | null;
  table: ReturnType<typeof tables>;
  placeFields: boolean;
  currentPhase: string | null;
  /** the mentions in text order, with their index in doc.mentions */
  mentions: { m: Mention; i: number }[];
  all: Mention[];
  cards: FigureCards;
}

/**
 * The walk's state. The first group carries from paragraph to paragraph; the second is the state in
 * force within a paragraph, which its sentences' events (a batch, a round, a year, a place named) move.
 * (The walk is split into small functions over this state: one 400-line function cost V8 ~0.3 s to
 * optimise each of the five or six times it had to, per worker.)
 */
interface Walk {
  facts: Fact[];
  /** the next mention (in text order) to consider */
  mi: number;
  phase: string | null;
  carried: string | null; // the round the last paragraph's figures were stated under
  lastCampaignPhase: string | null; // …and the last campaign paragraph's
  prevParaCampaign: boolean;
  seenCampaign: boolean;
  prevOpensList: boolean; // the last paragraph introduced a list (…排在前五位的是:) or was one of its items
  /** how the last paragraph ended; `listItem`: the kind of mark (一、, (一), 1.) of the item it was, when it opened no
   *  list of its own: the next item with that mark holds the batch it started with (`itemBatch`), not the one its own
   *  text ended on */
  prevEnd: { batch: Batch | null; phase: string | null; region: RegionHit | null; listItem: string | null; itemBatch: Batch | null };
  // a record of fields (（一）项目名称:X;⏎建设地点:Y;⏎总投资:Z。) written over several lines: where it starts, while open
  recordFrom: number | null;
  recordEnded: boolean;
  paraFrom: number; // where the paragraph before this one starts (ellipsis looks back this far)

  para: Span;
  ptext: string;
  campaignPara: boolean;
  /** an interviewer's question (记者:各县区表现如何?): the answers around it are one passage */
  question: boolean;
  prevCampaignAtStart: boolean;
  inRecord: boolean;
  /** the kind of this paragraph's item mark (一、, (一), 1.), or null if it is no item */
  itemMark: string | null;
  /** the batch in force when this paragraph began */
  startBatch: Batch | null;
  batch: Batch | null;
  batchWeak: boolean;
  /** where the batch in force was named */
  batchAt: number;
  batchesSeen: number;
  year: number | null;
  /** the year in force came from a period (1—4月): a round named after it is no one year's */
  yearOfPeriod: boolean;
  region: RegionHit | null;
  /** the place a heading above names (汤阴县第十五期12个项目集中开工): the area of the figures under it */
  sectionArea: string | null;
  /** a tour's stop (第一站,长葛市大周镇。): its place, for the paragraphs about it that name no other */
  stopArea: string | null;
  /** a section headed by a project's name alone (<h3>1. X产业园</h3>): the project, and the batch and round its
   *  section last tied it to (【批次】第十五期“开工一批”), for the figures after that name no other */
  sectionProject: { name: string; batch: Batch | null; phase: string | null; place?: string } | null;
  /** the batch and round a heading above names (【签约一批｜…】, 【数说第十八期】): the lines under it are theirs */
  section: { batch: Batch | null; phase: string | null } | null;
  /** …and what the headings above a data post's cards name, a span of rounds and a year too (前十八期累计, 2025年成绩单) */
  cardSection: { batch: Batch | null; phase: string | null; year: number | null; entity: string | null };
  /** the year a heading above names (二、2026年工作安排): the part of the report under it is that year's */
  sectionYear: number | null;
  prevHeading: boolean;
  /** this paragraph's label, when it is a card's figure (64个⏎参加活动项目) */
  cardLabel: Span | null;
  /** the paragraph after this one */
  next: Span | null;
  tied: Map<string, Tie>;
  /** the names written in this paragraph, which a batch in force may tie */
  paraEnts: Entity[];
  /** the project a paragraph opening on 项目 (项目由X公司投资建设,…) goes on about: the last one named before it */
  paraTopic: string | null;
  firstSentence: boolean;
  /** the sentence before named the round and stated no figure (本期省主会场设在洛阳市。): the next one is its */
  roundLead: boolean;
  /** this sentence's topic clauses (从总投资看,…): the metric named and the span it holds for */
  topics: { from: number; to: number; rules: MetricRule[] }[];
  factsHere: boolean;
  lookBack: number;
}

export function findFacts(doc: Doc, rules: Rules): Fact[] {
  const a = readArticle(doc, rules);
  const w: Walk = {
    facts: [], mi: 0, phase: null, carried: null, lastCampaignPhase: null, prevParaCampaign: false, seenCampaign: false,
    prevOpensList: false, prevEnd: { batch: null, phase: null, region: null, listItem: null, itemBatch: null }, recordFrom: null, recordEnded: false, paraFrom: 0,
    para: { nStart: 0, nEnd: 0 }, ptext: '', campaignPara: false, question: false, prevCampaignAtStart: false, inRecord: false, itemMark: null, startBatch: null, batch: null,
    batchWeak: false, batchAt: 0, batchesSeen: 0, year: null, yearOfPeriod: false, region: null, sectionArea: null, stopArea: null, sectionProject: null, section: null, cardSection: { batch: null, phase: null, year: null, entity: null }, prevHeading: false, cardLabel: null, next: null, sectionYear: null, tied: new Map(), paraEnts: [], paraTopic: null, firstSentence: true, roundLead: false, topics: [], factsHere: false,
    lookBack: 0,
  };
  for (let k = 0; k < doc.paragraphs.length; k++) {
    const para = doc.paragraphs[k];
    w.next = doc.paragraphs[k + 1] ?? null;
    startParagraph(a, w, para);
    for (const sent of doc.sentences) if (sent.nStart >= para.nStart && sent.nEnd <= para.nEnd) sentenceFacts(a, w, sent);
    endParagraph(w);
  }
  return w.facts.sort((x, y) => doc.mentions[x.mention].nStart - doc.mentions[y.mention].nStart);
}

function readArticle(doc: Doc, rules: Rules): Article {
  const c = compile(rules);
  const text = doc.norm.text;
  const ix = docIndex(doc);
  const ents = entities(doc, rules, ix, c);
  const blocked = new Uint8Array(text.length);
  for (const e of ents) for (let k = e.nStart; k < e.nEnd; k++) blocked[k] = 1;
  const quoted = new Uint8Array(text.length);
  for (const q of matches(/“[^“”\n]{1,30}”/gu, text)) for (let k = q.index; k < q.index + q[0].length; k++) quoted[k] = 1;
  const { hits: regs, area, levelBest } = regions(doc, rules, c, ix, blocked, quoted);
  const notes = new Map<string, { batch: Batch; phase: string | null }>();
  for (const e of ents) { const n = noteAfter(c, text, e.nEnd); if (n && !notes.has(e.name)) notes.set(e.name, n); }
  const cues = entityCues(c, doc, ents);

  // the article's own date (its dateline): 今年 is that year; the dateline itself says nothing of the figures
  let docYear: number | null = null;
  let dateline: { s: number; e: number } | null = null;
  if (c.years) {
    const d = c.years.dateline.exec(text.slice(0, c.years.within));
    if (d?.groups?.y) { docYear = Number(d.groups.y); dateline = { s: d.index, e: d.index + d[0].length }; }
  }
  let periodYear: Article['periodYear'] = null;
  if (docYear !== null) periodYear = { year: docYear, month: Number(/(?:年|[-/.])(\d{1,2})/u.exec(text.slice(dateline!.s + 4, dateline!.e))?.[1]) || null };
  else if (c.periodHeading) {
    const h = c.periodHeading.exec(text.slice(0, c.review?.within ?? 200));
    if (h?.groups?.y) periodYear = { year: Number(h.groups.y), month: null };
  }

  // a review of a year (回眸2023, 2023年…综述): its figures are that year's unless a passage says another
  let reviewYear: number | null = null;
  if (c.review) {
    const r = c.review.re.exec(text.slice(0, c.review.within));
    const y = r?.slice(1).find((g) => g !== undefined && /^(?:19|20)\d{2}$/.test(g));
    if (y) reviewYear = Number(y);
  }

  // a statistics headline naming a period (1—11月全市固定资产投资稳中有进) under a dated bulletin: the article is that
  // period's (not a report on the campaign or on projects over a period, whose rounds' figures are no one year's)
  if (reviewYear === null && periodYear !== null) {
    for (const p of doc.paragraphs.slice(0, 6)) {
      const t = text.slice(p.nStart, p.nEnd);
      if (t.length > HEADING_MAX || /[。!?！？;；,，]/u.test(t) || /三个一批|项目/u.test(t)) continue;
      const month = c.periods.map((q) => { q.re.lastIndex = 0; const x = q.re.exec(t); return x ? q.month ?? (Number(x.groups?.m) || null) : null; }).find((x) => x !== null);
      if (month && (periodYear.month === null || month <= periodYear.month)) { reviewYear = periodYear.year; break; }
    }
  }
  const currentPhase = docCurrentPhase(doc, compileForPhase(rules), ix);
  const table = tables(doc, c, ix, ents, rules, regs, currentPhase);

  // a list whose records name their place (建设地点：息县): its projects' figures are that place's
  const placeFields = c.placeFields !== null && c.placeFields.test(text);
  const mentions = doc.mentions.map((m, i) => ({ m, i })).sort((x, y) => x.m.nStart - y.m.nStart);
  const all = mentions.map((x) => x.m);
  return {
    doc, c, text, ix, ents, blocked, quoted, regs, area, levelBest, notes, cues, docYear, dateline, reviewYear, table, placeFields,
    currentPhase, mentions, all, periodYear, cards: figureCards(doc, all), subject: subjectCompany(doc, ents),
  };
}

/** a year a heading names, not a date (2026年1月14日) */
const HEADING_YEAR = /(?:19|20)\d{2}(?=年(?![0-9]{1,2}月|第))/gu;
/** how long a heading line may be */
const HEADING_MAX = 30;

/** What a paragraph is (a campaign one, an item of a list, a line of a record) and the state it starts with. */
function startParagraph(a: Article, w: Walk, para: Span): void {
  const { c, text, ix, blocked, currentPhase, ents } = a;
  const ptext = text.slice(para.nStart, para.nEnd);
  const plead = ptext.replace(/^[\s"“”]+/, '');
  const strong = c.campaign.campaign.test(ptext) || c.campaign.context.test(ptext);
  const weakLead = w.seenCampaign && weakBatchMarkers(c.campaign, text, para.nStart, Math.min(para.nEnd, para.nStart + 10)).some((x) => x.batch !== null && x.nStart - para.nStart <= 6);
  const isItem = c.item.test(ptext);
  // (a record ends with its sentence, or at a bracketed heading or one naming a batch: …⏎【开工】⏎●X项目)
  if ((w.recordEnded || (w.recordFrom !== null && sectionLine(c, text, para, ptext))) && !FIELD.test(ptext)) w.recordFrom = null;
  const inRecord = w.recordFrom !== null && !isItem;
  if (!inRecord) {
    w.recordFrom = (c.fieldSeparator && isItem && FIELD.test(ptext.replace(c.item, ''))) || (isItem && titleLine(c, text, para, ents) !== null) ? para.nStart : null;
  }
  // a numbered heading that is a project's name alone starts its section; another numbered heading ends it
  // (…as does a paragraph about the whole area or the round: 全县…, 本期…, 从清单看,…)
  if (isItem) {
    const title = ptext.length <= HEADING_MAX && !/[。!?！？;；]/.test(ptext) ? titleLine(c, text, para, ents) : null;
    w.sectionProject = title ? { name: title, batch: null, phase: null } : null;
  } else if (c.passages.nameField.test(ptext)) {
    // (…and so does a card's name field, 项目名称 X项目 / 项目名称：X项目, to the next card)
    const at = para.nStart + c.passages.nameField.exec(ptext)![0].length;
    const name = ents.find((e) => !e.company && e.nStart >= at && e.nStart <= at + 1)?.name ?? null;
    w.sectionProject = name ? { name, batch: null, phase: null } : null;
  } else if (w.sectionProject && c.passages.areaParagraph.test(plead)) w.sectionProject = null;
  // (its place field, 【所在地】洛阳市偃师区: where its figures are)
  const placeField = w.sectionProject && !w.sectionProject.place ? c.passages.placeField.exec(ptext) : null;
  if (placeField) {
    const from = para.nStart + placeField.index + placeField[0].length;
    const place = a.regs.filter((h) => h.alias === null && h.nStart >= from && h.nStart < from + 16).pop();
    if (place) w.sectionProject!.place = place.name;
  }
  const inherit: boolean = w.prevParaCampaign && ((isItem && w.prevOpensList) || c.subset.test(plead) || inRecord || a.table.paras.has(para.nStart));
  // …or one naming the reported round itself (第十一期全县共有14个项目参加…), once the campaign is named
  // (or a span of rounds, 前十四期,全市累计…: only the campaign counts its rounds so)
  // (…or one that opens on a round, 第十五期　项目9个　总投资46.8亿元: a line of a list of rounds)
  const roundPara = w.seenCampaign && (c.campaign.roundActivity.test(ptext)
    || phaseMarkers(c.campaign, text, para.nStart, para.nEnd).some((p) => (p.phase === currentPhase || p.phase.includes('-') || p.nStart - para.nStart <= 1)
      && !ix.inBracket[p.nStart] && !blocked[p.nStart]));
  // …or one that breaks the passage before it down (从结构看,…; 分县区看,…): its round, no one batch
  // (…and a place's share of it that goes on the series, 通许县7个项目总投资43.8亿元 after 尉氏县的9个项目…)
  const leadAt = para.nStart + ptext.length - plead.length;
  const breakdownPara = w.prevParaCampaign && !inherit && ((c.breakdownParagraph !== null && c.breakdownParagraph.test(plead.replace(c.item, '')))
    || a.regs.some((h) => h.nStart === leadAt && h.alias === null && c.passages.placeProjects.test(text.slice(h.nEnd, h.nEnd + 12))));
  // …or one under a heading that names a batch or a round (【签约一批｜招大引强】, 【数说第十八期】), to the next
  // heading: a post's short lines (签约项目16个总投资86亿) name neither themselves. (A line with a figure is no heading.)
  // (a numbered one too: 三、企业效益 ends the section of 投产一批 above it)
  // (a headline naming the round is one: the article under it is that round's, 51 misses fewer against 3 more over the
  // corpus, where it reports a plan for the year or a reserve in passing)
  // (a card's label, 64个⏎参加活动项目, heads nothing, nor does a line that is a project's name: ●X项目⏎签约额35亿元)
  // a short line that ends no sentence: a heading, a label, a project's name or a headline
  const shortLine = ptext.length <= HEADING_MAX && !/[。!?！？;；]/.test(ptext);
  const nameLine = shortLine
    ? ents.find((e) => e.nStart >= para.nStart && e.nEnd <= para.nEnd && 2 * (e.nEnd - e.nStart) >= ptext.replace(HEADING_MARKS, '').length) : undefined;
  const heading = shortLine && !inRecord && !a.table.paras.has(para.nStart)
    && !a.cards.labels.has(para.nStart) && !a.all.some((m) => m.nStart >= para.nStart && m.nStart < para.nEnd) && !nameLine;
  // (in a post of cards, the project a section's line names is what its cards are about: 🏗️主会场项目⏎X产业园⏎…⏎总投资⏎13.8亿元)
  if (nameLine && a.cards.labels.size && !w.cardSection.entity) w.cardSection.entity = nameLine.name;
  if (heading) {
    // (a section's heading, 【投产一批：…】, ends a project's; a field of it, 【批次】第十六期“开工一批”, does not)
    if (!isItem && sectionLine(c, text, para, ptext) && !c.passages.fieldLabel.test(plead)) w.sectionProject = null;
    const hb: { batch: Batch }[] = batchMarkers(c.campaign, text, para.nStart, para.nEnd);
    // (a bare batch word, its marks aside: 【签约】)
    const bare = hb.length ? null : bareHeadingBatch(c.campaign, ptext);
    if (bare) hb.push({ batch: bare });
    const phases = phaseMarkers(c.campaign, text, para.nStart, para.nEnd);
    const hp = phases.filter((p) => /^\d+$/.test(p.phase));
    w.section = hb.length === 1 || hp.length === 1 ? { batch: hb.length === 1 ? hb[0].batch : null, phase: hp.length === 1 ? hp[0].phase : null } : null;
    if (a.cards.labels.size) cardHeading(a, w, para, ptext, hb, phases);
  }
  const afterHeading = w.prevHeading;
  w.prevHeading = heading;
  w.cardLabel = a.cards.labelOf.get(para.nStart) ?? null;
  const card = w.seenCampaign ? w.cardLabel ?? undefined : undefined;
  // a dispatch's headline with figures (驿城区:14个项目总投资108.6亿元⏎本报讯…第十九期…): the round its dispatch reports
  const dispatchRound = !heading && shortLine && w.next !== null
    && c.dispatch.test(text.slice(w.next.nStart, w.next.nStart + 16))
    ? phaseMarkers(c.campaign, text, w.next.nStart, w.next.nEnd).find((p) => !comparedRound(c.campaign, text, p))?.phase ?? null : null;
  const underSection = !heading && w.section !== null && w.seenCampaign && !inherit;
  const campaignPara: boolean = strong || inherit || weakLead || roundPara || breakdownPara || underSection || card !== undefined || dispatchRound !== null;
  w.batch = null;
  w.batchWeak = false;
  // (an item after an item, （二）… after （一）…签约项目11个…;投产项目9个…: the batch the list gave, not the last one
  // the item before named)
  const itemMark = isItem ? markKind(c.item.exec(ptext)![0]) : null;
  // (an item after one whose tail turned to a year, 今年计划投资…, is still in the round the items are stated under)
  if (inherit) { w.phase = w.prevEnd.phase ?? (isItem ? w.carried : null); w.batch = itemMark !== null && w.prevEnd.listItem === itemMark ? w.prevEnd.itemBatch : w.prevEnd.batch; }
  else if (breakdownPara) w.phase = w.prevEnd.phase ?? w.carried; // (headings between: 🔍结构篇⏎●按投资规模)
  else if (campaignPara && w.prevParaCampaign) w.phase = w.carried;
  else if (weakLead) w.phase = w.lastCampaignPhase;
  else w.phase = null;
  // a section headed by a batch (二、签约一批(部分)) naming no round: the round the article reports
  if (w.phase === null && currentPhase && batchMarkers(c.campaign, text, para.nStart, Math.min(para.nEnd, para.nStart + 8)).length
    && !phaseMarkers(c.campaign, text, para.nStart, para.nEnd).length) w.phase = currentPhase;
  if (underSection) { w.phase = w.section!.phase ?? currentPhase; w.batch = w.section!.batch ?? w.batch; }
  // (the first item under a heading that names a batch, 【开工】⏎●X项目, is that batch's, not the last item's before it)
  else if (inherit && afterHeading && w.section?.batch) w.batch = w.section.batch;
  if (dispatchRound !== null) w.phase = dispatchRound;
  // a card's figure: the batch its label names, else its headings'; their round, else the one the article reports
  if (card) {
    const named = new Set([...batchMarkers(c.campaign, text, card.nStart, card.nEnd), ...weakBatchMarkers(c.campaign, text, card.nStart, card.nEnd)].map((b) => b.batch));
    w.batch = named.size === 1 && !named.has(null) ? [...named][0] : w.cardSection.batch ?? w.section?.batch ?? null;
    const rounds = phaseMarkers(c.campaign, text, card.nStart, card.nEnd).filter((p) => !comparedRound(c.campaign, text, p));
    // (a label naming a span of rounds, 前十八期累计推出项目, names it for the cards after it in its section too)
    if (rounds.length === 1 && rounds[0].phase.includes('-')) w.cardSection.phase = rounds[0].phase;
    w.phase = rounds.length === 1 ? rounds[0].phase : w.cardSection.phase ?? w.section?.phase ?? currentPhase;
  }
  const question = QUESTION.test(ptext);
  w.prevCampaignAtStart = w.prevParaCampaign;
  if (!question) w.prevParaCampaign = campaignPara || (w.prevParaCampaign && !/[。!?]/.test(ptext) && ptext.length < 30);
  if (campaignPara) w.seenCampaign = true;
  // …公布如下:一、签约项目(5个)1.A项目。: a list opens after the colon, under a numbered section heading too
  w.prevOpensList = campaignPara && (/[:：]\s*$/.test(ptext) || isItem || inRecord || /[:：]\s*(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}、)/.test(ptext));
  w.yearOfPeriod = false;
  w.region = inRecord ? w.prevEnd.region : null;
  // a heading (a short line that ends no sentence, no item, record or table row) starts a section: on a page of
  // briefs each is about the place it names, and one naming none is about the article's area again
  // (…and a numbered one that is a place's name alone: (一)殷都区)
  const placeItem = isItem && ptext.length <= 16 && a.regs.some((h) => h.alias === null && h.nEnd === para.nStart + ptext.trimEnd().length
    && h.nStart === para.nStart + c.item.exec(ptext)![0].length);
  if (shortLine && (!isItem || placeItem) && !inRecord && !a.table.paras.has(para.nStart)
    && !a.doc.tables.some((t) => para.nStart >= t.head.nStart && para.nStart <= t.rows[t.rows.length - 1].label.nEnd)) {
    const named = new Set(a.regs.filter((h) => h.alias === null && h.nStart >= para.nStart && h.nEnd <= para.nEnd).map((h) => h.name));
    w.sectionArea = named.size === 1 ? [...named][0] : null;
  }
  // a numbered heading naming a year (二、2026年工作安排) starts that year's part of a report
  if (isItem && ptext.length <= HEADING_MAX && !/[。!?！？;；,，]/.test(ptext) && !a.all.some((m) => m.nStart >= para.nStart && m.nStart < para.nEnd)) {
    const years = ptext.match(HEADING_YEAR);
    if (years?.length === 1) w.sectionYear = Number(years[0].slice(0, 4));
  }
  w.year = card && w.cardSection.year !== null ? w.cardSection.year : w.sectionYear ?? a.reviewYear;
  w.tied = new Map();
  w.paraEnts = campaignPara ? ents.filter((e) => e.nStart >= para.nStart && e.nStart < para.nEnd) : [];
  // a tour's stop (第一站,长葛市大周镇。) is about the place it names, and so are the paragraphs after it that name none
  if (c.passages.tourStop.test(plead)) w.stopArea = a.regs.find((h) => h.alias === null && h.nStart >= para.nStart && h.nStart < para.nEnd)?.name ?? null;
  else if (w.stopArea !== null && a.regs.some((h) => h.nStart >= para.nStart && h.nStart < para.nEnd)) w.stopArea = null;
  w.paraTopic = c.passages.projectLead.test(plead) ? ents.filter((e) => !e.company && e.nEnd <= para.nStart && e.nEnd >= para.nStart - c.passages.topicReach).pop()?.name ?? null : null;
  w.firstSentence = true;
  w.factsHere = false;
  w.lookBack = w.paraFrom;
  w.paraFrom = para.nStart;
  w.para = para;
  w.ptext = ptext;
  w.campaignPara = campaignPara;
  w.question = question;
  w.inRecord = inRecord;
  w.itemMark = itemMark;
  w.startBatch = w.batch;
}

/** A short line that is a bracketed heading (【开工】) or names a batch (签约一批, ▶投产项目) and has no figure. */
function sectionLine(c: Compiled, text: string, para: Span, ptext: string): boolean {
  if (ptext.length > HEADING_MAX || /[。!?！？;；,，]/.test(ptext) || /[0-9]/.test(ptext)) return false;
  return /^\s*[【\[〔].{1,20}[】\]〕]\s*$/u.test(ptext) || batchMarkers(c.campaign, text, para.nStart, para.nEnd).length > 0
    || bareHeadingBatch(c.campaign, ptext) !== null;
}

/** What a heading above a data post's cards names; headings in a row (📅2025年成绩单⏎第十五期至第十八期开工项目) add up. */
function cardHeading(a: Article, w: Walk, para: Span, ptext: string, hb: { batch: Batch }[], phases: { nStart: number; nEnd: number; phase: string }[]): void {
  const { c, text } = a;
  const batches = new Set([...hb, ...weakBatchMarkers(c.campaign, text, para.nStart, para.nEnd)].map((b) => b.batch));
  const rounds = phases.filter((p) => !comparedRound(c.campaign, text, p));
  const y = /((?:19|20)\d{2})年(?![0-9]{1,2}月)/u.exec(ptext);
  const batch = batches.size === 1 && !batches.has(null) ? [...batches][0] : null;
  const phase = rounds.length === 1 ? rounds[0].phase : null;
  const year = y ? Number(y[1]) : null;
  const before = w.prevHeading ? w.cardSection : { batch: null, phase: null, year: null, entity: null };
  // (the project a section names holds until a marked heading, 📈滚动推进, not over a plain line about it: 由X企业投资建设)
  const entity = /^[^\p{Script=Han}]/u.test(ptext) ? null : w.cardSection.entity;
  w.cardSection = { batch: batch ?? before.batch, phase: phase ?? before.phase, year: year ?? before.year, entity };
}

/** The kind of an item's mark: (二) and (三) are one kind, 2. and 3. another, 二、 a third. */
function markKind(mark: string): string {
  return mark.trim().replace(/\d{1,2}/u, '1').replace(/[一二三四五六七八九十]{1,3}/u, '一').replace(/[（(]/u, '(').replace(/[)）]/u, ')').replace(/[、．]/u, '.');
}

/** The same amount again, in brackets in other units (总投资486500万元(48.65亿元)): what the figure before it is. */
function restated(a: Article, w: Walk, m: Mention): MetricRule | null {
  const last = w.facts[w.facts.length - 1];
  if (!last) return null;
  const before = a.doc.mentions[last.mention];
  if (before.kind !== m.kind || before.value !== m.value || !/^\s*[(（]\s*$/u.test(a.text.slice(before.nEnd, m.nStart))) return null;
  return a.c.rules.find((r) => r.id === last.rule) ?? null;
}

/** An interviewer's question, a line of its own (记者:各县区表现如何?) */
const QUESTION = /^[^。!！\n]{2,60}[?？]\s*$/u;

function endParagraph(w: Walk): void {
  if (w.question && !w.factsHere) return;
  // (a short line the passage runs on through, 二、分县区排名情况, carries the round it found on; one naming a
  // year, 五、2026年工作打算, turns to another part)
  if (!w.factsHere && !(w.phase === null && !w.campaignPara && w.prevParaCampaign && w.ptext.match(HEADING_YEAR) === null)) w.carried = w.phase;
  if (w.campaignPara) w.lastCampaignPhase = w.carried;
  w.prevEnd = {
    batch: w.batch, phase: w.phase, region: w.region,
    listItem: !w.inRecord && !/[:：]\s*$/.test(w.ptext) ? w.itemMark : null, itemBatch: w.startBatch,
  };
  // a record ends with its sentence, unless its fields go on line by line (建设内容:…。⏎总投资:…)
  w.recordEnded = w.recordFrom !== null && /[。!?]\s*$/.test(w.ptext);
}

/** A change of state at a place in a sentence: applied when the walk reaches it. */
type Ev = { at: number; apply: () => void };

/** A、B…分别增长X和Y: one figure for each place, in order; or for each batch (签约项目5个、开工项目8个,总投资分别为X、Y),
 *  or each metric named (履约率、开工率分别达到X和Y) */
type Respectively = {
  regs: RegionHit[] | null; batches: Batch[] | null; phases: string[] | null; metrics: MetricRule[]; from: number; n: number; prev: Mention | null; rule: MetricRule | null;
};

/** The metrics whose triggers the clause names, in order; of overlapping triggers the longer (总投资, not 投资). */
function metricsNamed(c: Compiled, clause: string): MetricRule[] {
  const hits: { at: number; end: number; r: MetricRule }[] = [];
  for (const r of c.rules) {
    if (!r.before) continue;
    r.before.lastIndex = 0;
    for (const t of matches(r.before, clause)) if (t[0]) hits.push({ at: t.index, end: t.index + t[0].length, r });
  }
  hits.sort((x, y) => x.at - y.at || y.end - x.end);
  const out: MetricRule[] = [];
  let end = -1;
  for (const h of hits) if (h.at >= end) { out.push(h.r); end = h.end; }
  return out;
}

function sentenceFacts(a: Article, w: Walk, sent: Span): void {
  const { c, text, ix, regs } = a;
  const stext = text.slice(sent.nStart, sent.nEnd);
  const lead = stext.replace(/^[\s"“”]+/, '');
  const weak = w.campaignPara ? weakBatchMarkers(c.campaign, text, sent.nStart, sent.nEnd).filter((x) => !ix.inBracket[x.nStart]) : [];
  const weakAtStart = weak.some((x) => x.batch !== null && x.nStart - sent.nStart <= 6);
  // (every line of a record is about its item)
  // 从投资规模看,…: a breakdown of the round across its batches
  const breakdown = !w.firstSentence && c.breakdown !== null && c.breakdown.test(lead);
  if (breakdown) { w.batch = null; w.batchWeak = false; }
  // (…as does a paragraph under a topic or a heading's batch: 开工项目方面,…。主会场项目…)
  const continues = w.firstSentence || w.roundLead || w.inRecord || breakdown || weak.some((x) => x.batch !== null) || (w.batch !== null && !w.batchWeak) || c.campaign.campaign.test(stext) || c.campaign.context.test(stext) || c.continuation.test(lead) || c.startsWithTrigger.test(lead);
  if (!continues) w.phase = null;
  // a period's year (1—9月实现产值…) holds for its sentence only in a passage about the campaign's projects
  if (w.yearOfPeriod && (w.phase !== null || w.campaignPara)) { w.year = null; w.yearOfPeriod = false; }
  // a batch from a bare word (签约项目中,…) holds for its sentence and what continues it
  if (w.batchWeak && !c.continuation.test(lead) && !weakAtStart) { w.batch = null; w.batchWeak = false; }
  w.firstSentence = false;
  w.batchesSeen = 0;
  const resps = respectively(a, sent, stext, weak);
  w.topics = topics(c, stext, sent.nStart);
  const campaignSent = c.campaign.campaign.test(stext) || weak.length > 0;
  const evs = sentenceEvents(a, w, sent, stext, weak);
  let ei = 0;
  let ri = -1;
  const mentions = a.mentions;
  let stated = false;
  while (w.mi < mentions.length && mentions[w.mi].m.nStart < sent.nEnd) {
    const { m, i } = mentions[w.mi++];
    if (m.nStart < sent.nStart) continue;
    stated = true;
    while (ei < evs.length && evs[ei].at < m.nStart) evs[ei++].apply();
    while (ri + 1 < resps.length && resps[ri + 1].from < m.nStart) ri++;
    mentionFact(a, w, sent, m, i, resps[ri] ?? null, campaignSent);
  }
  while (ei < evs.length) evs[ei++].apply();
  // (not one saying the round had nothing here: 本期没有项目入列,砖桥镇的电商产业同样红火。)
  w.roundLead = !stated && w.phase !== null && c.campaign.context.test(stext) && !/没有|未有|无项目/u.test(stext);
}

/** The sentence's topic clauses (从项目个数看,): each names one metric, which holds to the next ; or 。 */
function topics(c: Compiled, stext: string, at: number): Walk['topics'] {
  if (!c.topic) return [];
  const out: Walk['topics'] = [];
  for (const t of matches(c.topic, stext)) {
    let rules = metricsNamed(c, t[0]);
    // 从签约项目开工率看: the word the phrase ends on names the metric (签约项目 only says whose rate it is);
    // 从项目个数和投资额看 names two, and so none
    if (!/[和及与、]/u.test(t[0]) && rules.length > 1) rules = rules.filter((r) => r.metric === rules[rules.length - 1].metric);
    if (!rules.length || new Set(rules.map((r) => r.metric)).size > 1) continue;
    let to = t.index + t[0].length;
    while (to < stext.length && !/[;；。]/u.test(stext[to])) to++;
    out.push({ from: at + t.index, to: at + to, rules });
  }
  return out;
}

/** Each 分别 of the sentence and what its figures go to, one each in order: the places listed before it, else the
 *  batches named since the previous 分别 (or the previous one's), and the metrics named in its own clause. */
/** The rounds a 分别 list goes through (第十五期至第十八期分别…, 第十五期、第十六期分别…), one per figure, or null.
 *  (Not when a figure stands between them and 分别: 第十五期、第十六期项目38个,总投资246.8亿元,分别增长…) */
function roundsListed(c: Compiled, text: string, all: Mention[], from: number, to: number): string[] | null {
  const ps = phaseMarkers(c.campaign, text, from, to).filter((p) => !comparedRound(c.campaign, text, p) && !/^1-/.test(p.phase));
  if (ps.length && all.some((m) => m.nStart >= ps[ps.length - 1].nEnd && m.nStart < to)) return null;
  if (ps.length === 1 && /^\d+-\d+$/.test(ps[0].phase)) {
    const [lo, hi] = ps[0].phase.split('-').map(Number);
    if (hi - lo >= 1 && hi - lo <= 7) return Array.from({ length: hi - lo + 1 }, (_, k) => String(lo + k));
  }
  if (ps.length >= 2 && ps.every((p) => /^\d+$/.test(p.phase))) {
    for (let k = 1; k < ps.length; k++) if (!/^[、和及与]$/u.test(text.slice(ps[k - 1].nEnd, ps[k].nStart))) return null;
    return ps.map((p) => p.phase);
  }
  return null;
}

function respectively(a: Article, sent: Span, stext: string, weak: { nStart: number; batch: Batch | null }[]): Respectively[] {
  const { c, text, ix, regs } = a;
  const out: Respectively[] = [];
  let prevFrom = sent.nStart;
  for (let fb = stext.indexOf('分别'); fb >= 0; fb = stext.indexOf('分别', fb + 2)) {
    const at = sent.nStart + fb;
    const rs = regs.filter((h) => h.alias === null && h.nStart >= sent.nStart && h.nEnd <= at);
    let k = rs.length - 1;
    while (k > 0 && /^[、和及与]$/u.test(text.slice(rs[k - 1].nEnd, rs[k].nStart))) k--;
    let cs = fb;
    while (cs > 0 && !COMMA_CLAUSE_END[stext.charCodeAt(cs - 1)]) cs--;
    const metrics = metricsNamed(c, stext.slice(cs, fb));
    const named = [...batchMarkers(c.campaign, text, prevFrom, at), ...weak.filter((x) => x.nStart >= prevFrom && x.nStart < at)]
      .filter((x) => x.batch !== null && !ix.inBracket[x.nStart]).sort((x, y) => x.nStart - y.nStart).map((x) => x.batch!);
    const regions = rs.length - k >= 2 ? rs.slice(k) : null;
    const batches = regions ? null : named.length >= 2 && new Set(named).size === named.length ? named : (out.at(-1)?.batches ?? null);
    const phases = regions || batches || metrics.length >= 2 ? null : roundsListed(c, text, a.all, prevFrom, at) ?? (out.at(-1)?.phases ?? null);
    // (…and one that lists nothing, 营业收入…、上缴税金…,同比分别增长18.4%和12.6%: its run of figures shares one metric)
    out.push({ regs: regions, batches, phases, metrics, from: at, n: 0, prev: null, rule: null });
    prevFrom = at;
  }
  return out;
}

/** The sentence's changes of state, in text order: batches, rounds, years and places named. */
function sentenceEvents(a: Article, w: Walk, sent: Span, stext: string, weak: ReturnType<typeof weakBatchMarkers>): Ev[] {
  const { c, text, ix, blocked, quoted, currentPhase, dateline, docYear } = a;
  const para = w.para;
  const evs: Ev[] = [];
  for (const b of batchMarkers(c.campaign, text, sent.nStart, sent.nEnd)) {
    if (ix.inBracket[b.nStart]) continue;
    evs.push({ at: b.nStart, apply: () => { w.batch = b.batch; w.batchWeak = false; w.batchesSeen++; } });
  }
  for (const x of weak) {
    // a section heading (一、签约项目(5个) / 二、开工项目): the batch holds for the section, not just its sentence
    // (…or the topic a paragraph opens on: 开工项目方面,…)
    const heading = c.sectionHeading.test(text.slice(Math.max(para.nStart, x.nStart - 6), x.nStart))
      || (x.nStart - para.nStart <= 2 && c.topicAfter.test(text.slice(x.nEnd, x.nEnd + 4)));
    evs.push({ at: x.nStart, apply: () => {
      // (a heading's or a topic's batch holds over the bare words after it that name it again or name several: 签约或开工项目)
      if (!heading && !w.batchWeak && w.batch !== null && (x.batch === w.batch || x.batch === null)) return;
      w.batch = x.batch; w.batchWeak = x.batch !== null && !heading; w.batchAt = x.nStart; if (x.batch) w.batchesSeen++;
    } });
  }
  // …合计总投资: a total over the batches named before it
  for (const g of matches(c.aggregate, stext)) evs.push({ at: sent.nStart + g.index, apply: () => { if (w.batchesSeen > 1) w.batch = null; } });
  let clauseFrom = sent.nStart;
  const phases = phaseMarkers(c.campaign, text, sent.nStart, sent.nEnd);
  // a round labelling the figures of its bracket ((第十八期:59个项目 431.2亿元)): theirs, to the bracket's end
  for (const p of phases) {
    if (!ix.inBracket[p.nStart] || blocked[p.nStart] || !/^[:：]/u.test(text.slice(p.nEnd, p.nEnd + 1))) continue;
    const close = text.slice(p.nEnd, p.nEnd + 40).search(/[)）]/u);
    if (close <= 0) continue;
    let outer: string | null = null;
    evs.push({ at: p.nStart, apply: () => { outer = w.phase; w.phase = p.phase; } });
    evs.push({ at: p.nEnd + close, apply: () => { w.phase = outer; } });
  }
  if (w.campaignPara) for (const p of phases) {
    if (ix.inBracket[p.nStart] || blocked[p.nStart] || comparedRound(c.campaign, text, p)) { clauseFrom = p.nEnd; continue; }
    // a round holds from the first figure of its clause (共有268个项目参加第十二期至第十四期活动), not before
    // another round named there or a colon (图1:数读前十三期:累计…图4:第十五期)
    let cs = p.nStart;
    while (cs > clauseFrom && !ROUND_CLAUSE_END[text.charCodeAt(cs - 1)]) cs--;
    clauseFrom = p.nEnd;
    const first = a.doc.mentions.find((m) => m.nStart >= cs && m.nStart < p.nStart);
    // (half a unit before it: the walk applies what lies strictly before a figure)
    const at = first ? first.nStart - 0.5 : p.nStart;
    // cumulative rounds (前十一期) span years: their figures are no one year's
    // …as are a round's figures counted over a period (上半年,第十五期签约的5个项目中已开工4个)
    evs.push({ at, apply: () => { w.phase = p.phase; if (/^1-/.test(p.phase) || w.yearOfPeriod) w.year = null; } });
  }
  // (含本期在内,全市累计推出…: every round so far, this one included, unless the sentence names them: 前十九期)
  const through = currentPhase && /^\d+$/.test(currentPhase) && !phases.length ? c.campaign.throughCurrent.exec(stext) : null;
  if (through) evs.push({ at: sent.nStart + through.index, apply: () => { w.phase = `1-${currentPhase}`; w.year = null; } });
  else if (currentPhase && (w.campaignPara || c.campaign.context.test(w.ptext))) for (const r of matches(c.campaign.currentRound, stext)) {
    const at = sent.nStart + r.index;
    if (!ix.inBracket[at]) evs.push({ at, apply: () => { w.phase = currentPhase; } });
  }
  for (const y of matches(/((?:19|20)\d{2})年/gu, stext)) {
    const at = sent.nStart + y.index;
    if (ix.inBracket[at] || (dateline && at >= dateline.s && at < dateline.e)) continue;
    const val = Number(y[1]);
    evs.push({ at, apply: () => { w.year = val; w.yearOfPeriod = false; } });
  }
  if (c.years) for (const x of matches(c.years.words, stext)) {
    const at = sent.nStart + x.index;
    if (ix.inBracket[at] || quoted[at]) continue;
    const kind = c.years.kinds[x.slice(1).findIndex((g) => g !== undefined)];
    if (kind === 'projection') { evs.push({ at, apply: () => { w.year = null; w.yearOfPeriod = false; } }); continue; }
    // a year word starts a statement about that year, not about the round
    evs.push({ at, apply: () => {
      // …a span of rounds (第七期至第十一期) is the year's rounds: 全年 sums them
      if (!(kind === 'default' && w.phase !== null && /^(?!1-)\d+-\d+$/.test(w.phase))) w.phase = null;
      w.batch = null;
      w.yearOfPeriod = false;
      if (docYear === null) return;
      if (kind === 'this') w.year = docYear;
      else if (kind === 'last') w.year = docYear - 1;
      else if (kind === 'next') w.year = docYear + 1;
      else if (w.year === null) w.year = docYear;
    } });
  }
  // a period within a year (1—4月累计完成投资43亿元): the article's year, unless the period ends after its date
  const py = a.periodYear;
  if (py) for (const p of c.periods) for (const x of matches(p.re, stext)) {
    const at = sent.nStart + x.index;
    if (ix.inBracket[at] || quoted[at]) continue;
    const month = p.month ?? (Number(x.groups?.m) || null);
    if (py.month !== null && month !== null && month > py.month) continue;
    evs.push({ at, apply: () => { if (w.year === null) { w.year = py.year; w.yearOfPeriod = true; } } });
  }
  for (const h of a.regs) {
    if (h.nStart < sent.nStart || h.nStart >= sent.nEnd) continue;
    // a place opening a clause after a semicolon (郑州市…投产项目55个;洛阳市推出项目131个) is a new subject: a batch
    // a bare word gave inside the place's clause before it ends there (not one given before a list of places)
    // (…and one that says what it counts, 推出项目131个, not one that goes on with the list, 虞城县9个、61.8亿元)
    let opens = h.alias === null && /[;；]\s*$/u.test(text.slice(Math.max(sent.nStart, h.nStart - 2), h.nStart));
    if (opens) {
      const first = a.all.find((m) => m.nStart >= h.nEnd);
      const lead = text.slice(h.nEnd, first && first.nStart < sent.nEnd ? first.nStart : h.nEnd);
      opens = /项目/u.test(lead) && !/签约|开工|投产/u.test(lead);
    }
    evs.push({ at: h.nStart, apply: () => {
      if (opens && w.batchWeak && w.region !== null && w.batchAt > w.region.nStart) { w.batch = null; w.batchWeak = false; }
      w.region = h;
    } });
  }
  // a name written while a batch holds (作为本期开工项目之一,X…; 投产项目中,…X由Y公司投资建设): tied to it in this paragraph
  for (const e of w.paraEnts) {
    if (e.nStart < sent.nStart || e.nStart >= sent.nEnd) continue;
    evs.push({ at: e.nStart, apply: () => { if (w.batch !== null && !w.tied.has(e.name)) w.tied.set(e.name, { name: e.name, at: e.nStart, batch: w.batch, phase: w.phase }); } });
  }
  return evs.sort((x, y) => x.at - y.at);
}

/** The fact a mention states, if it measures something: its metric and the slots in force where it stands. */
function mentionFact(a: Article, w: Walk, sent: Span, m: Mention, i: number, resp: Respectively | null, campaignSent: boolean): void {
  const { c, text, ix, doc, ents, table, regs } = a;
  if (a.blocked[m.nStart]) return; // a number inside a name (年产1800套…项目)
  if (table.skip.has(i)) return; // a table's 合计 row (the article's own sum), or a figure its table does not name
  const label = w.cardLabel;
  let metric = table.cols.get(i) ?? bind(c, ix, doc, m, a.all, sent.nStart, label ? cardLabel(text, label) : null);
  // (a threshold, 10亿元以上项目, measures nothing whatever the topic)
  if (!metric && w.topics.length && !isThreshold(c, text, m)) {
    metric = w.topics.find((t) => t.from <= m.nStart && m.nStart < t.to)?.rules.find((r) => measures(r, m)) ?? null;
  }
  if (!metric) metric = restated(a, w, m);
  if (!metric) {
    metric = ellipsis(c, text, m, a.all, doc.mentions, w.facts, regs, w.lookBack);
    // a breakdown by place of the paragraph before (分县区看,西平县9个、…) keeps its round
    if (metric && !w.factsHere && !w.campaignPara && w.prevCampaignAtStart) w.phase = w.carried;
  }
  let respRegion: RegionHit | null = null;
  let respBatch: Batch | null = null;
  let respPhase: string | null = null;
  if (resp && m.nStart > resp.from) {
    const linked = resp.prev !== null && resp.prev.kind === m.kind && /^[、和及与]$/u.test(text.slice(resp.prev.nEnd, m.nStart));
    const inRun = resp.n === 0 || linked;
    const named = resp.metrics.filter((r) => measures(r, m));
    if (inRun && named.length >= 2 && resp.n < named.length) metric = named[resp.n];
    else if (!metric && linked) metric = resp.rule;
    // (…and the first of a run whose noun follows its last, 分别有85个、79个和73个项目参加活动: the last one's)
    if (!metric && inRun) {
      let k = a.all.indexOf(m);
      while (k + 1 < a.all.length && a.all[k + 1].kind === m.kind && /^[、和及与]$/u.test(text.slice(a.all[k].nEnd, a.all[k + 1].nStart))) k++;
      if (a.all[k] !== m) metric = bind(c, ix, doc, a.all[k], a.all, sent.nStart, null);
    }
    const size = Math.max(resp.regs?.length ?? 0, resp.batches?.length ?? 0, resp.phases?.length ?? 0, named.length >= 2 ? named.length : 0);
    if (metric && inRun && resp.n < size) {
      if (resp.regs) respRegion = resp.regs[resp.n];
      if (resp.batches) respBatch = resp.batches[resp.n];
      if (resp.phases) respPhase = resp.phases[resp.n] ?? null;
      resp.n++;
      resp.prev = m;
      resp.rule = metric;
    } else if (metric && inRun && size === 0) {
      // (a run that lists nothing before 分别: its figures go on with the first one's metric)
      resp.n++;
      resp.prev = m;
      resp.rule = metric;
    }
  }
  if (!metric) return;
  let fb: Batch | null = respBatch ?? w.batch;
  let fp: string | null = respPhase ?? w.phase;
  if (campaignSent) {
    const after = text.slice(m.nEnd, m.nEnd + 12);
    for (const t of c.campaign.trailing) if (t.re.test(after)) fb = t.batch;
  }
  const reg = respRegion ?? w.region;
  const entity = table.ents.has(i) ? table.ents.get(i)! : entityFor(c, text, ents, m, sent, w.para, w.recordFrom)
    ?? (label ? w.cardSection.entity : w.paraTopic ?? (metric.metric !== 'project_count' ? w.sectionProject?.name : null) ?? null)
    ?? (a.subject && c.passages.subjectMetrics.has(metric.metric) && !c.passages.areaSubject.test(text.slice(sent.nStart, m.nStart)) ? a.subject : null);
  // a project the article notes as a round's (…项目(第九期开工项目)): its figures are that round's
  const note = entity ? a.notes.get(entity) : undefined;
  const row = table.projects.get(i);
  if (row) { fb = row.batch ?? fb; fp = row.phase ?? fp; } // a project table's row: its group's batch (一、签约一批)
  else if (note) { fb = note.batch; fp = note.phase ?? fp; }
  else if (entity && fb === null) {
    // a project the paragraph ties to a batch (同日投产的X项目…; A和B当天集中开工): its figures are that batch's,
    // in the round the article reports unless the words name another
    let cue = a.cues.find((q) => q.name === entity && q.at >= w.para.nStart && q.at < m.nStart) ?? w.tied.get(entity);
    // (…and the company the paragraph says builds it: 投产的X项目…。项目由Y公司投资建设,总投资6.5亿元)
    if (!cue && ents.find((e) => e.name === entity)?.company) {
      const project = ents.filter((e) => !e.company && e.nStart >= w.para.nStart && e.nEnd <= m.nStart).pop();
      if (project) cue = a.cues.find((q) => q.name === project.name && q.at >= w.para.nStart && q.at < m.nStart);
    }
    if (cue) { fb = cue.batch; fp = cue.phase ?? fp ?? (w.seenCampaign ? a.currentPhase : null); }
  }
  // a project's section: the batch and round it was last tied to there hold for its figures
  const sp = w.sectionProject;
  if (sp && entity === sp.name) {
    if (fb === null && sp.batch !== null) { fb = sp.batch; fp = fp ?? sp.phase; }
    else if (fb !== null) { sp.batch = fb; sp.phase = fp; } // (the latest: a project stands in the list it reached last)
  }
  // a project named after its county (淇县冷链食品…项目), where the passage names no place: its figures are that county's
  let projectPlace: string | null = null;
  // (a place the record itself names, 建设地点:宜路镇, is where the project is)
  const recordPlace = w.recordFrom !== null && reg !== null && reg.nStart >= w.recordFrom;
  if (entity && (a.placeFields || w.recordFrom !== null) && !recordPlace && !ents.find((e) => e.name === entity)?.company) {
    const pm = c.placePrefix.exec(entity);
    if (pm && c.counties.has(pm[0])) projectPlace = pm[0];
  }
  if (!w.factsHere) w.carried = w.phase;
  w.factsHere = true;
  w.facts.push({
    mention: i,
    metric: metric.metric,
    // (a project's section: its place field, unless the sentence names a place of its own; an own-area word there,
    // 全省主会场, is the campaign's)
    region: table.places.get(i) ?? projectPlace ?? (sp?.place && entity === sp.name && (!reg || reg.alias !== null) ? sp.place : null)
      ?? (reg ? resolve(reg, w.sectionArea ?? a.area, a.levelBest) : w.stopArea ?? w.sectionArea ?? a.area),
    entity,
    batch: fb,
    phase: fp,
    year: w.year,
    rule: metric.id,
  });
}

/** Projects tied to a batch by the words right around their names: before (同日投产的X) or after a name or a
 *  run of names (A和B当天集中开工, X是第十二期“开工一批”项目). Companies are not tied so. */
function entityCues(c: Compiled, doc: Doc, ents: Entity[]): Tie[] {
  const out: Tie[] = [];
  if (!c.entityCues.length) return out;
  const text = doc.norm.text;
  const projects = ents.filter((e) => !e.company).sort((a, b) => a.nStart - b.nStart);
  const companyNames = new Set(ents.filter((e) => e.company).map((e) => e.name));
  for (let k = 0; k < projects.length; k++) {
    const e = projects[k];
    const before = text.slice(Math.max(0, e.nStart - 16), e.nStart);
    let hit = c.entityCues.find((q) => q.before?.test(before));
    let phase: string | null = null;
    if (!hit) {
      // the words after the last name of a run (A、B和C当天集中开工)
      let j = k;
      const NOTES = /^(?:\s*[(（][^()（）]{0,12}[)）])*/u;
      for (;;) {
        const gap = text.slice(projects[j].nEnd, projects[j + 1]?.nStart ?? projects[j].nEnd).replace(NOTES, '');
        if (j + 1 < projects.length && /^\s*(?:[、和及与]|以及)\s*$/u.test(gap)) j++;
        else break;
      }
      const end = projects[j].nEnd;
      const after = text.slice(end, end + 24).replace(NOTES, '');
      for (const q of c.entityCues) {
        const m = q.after?.exec(after);
        if (!m) continue;
        hit = q;
        phase = phaseMarkers(c.campaign, m[0], 0, m[0].length)[0]?.phase ?? null;
        break;
      }
    }
    if (!hit) continue;
    out.push({ name: e.name, at: e.nStart, batch: hit.batch, phase });
    // …and the company whose name leads the project's (X有限公司年产…项目; 嘉禾精密去年营业收入…)
    for (const n of companyNames) if (e.name.includes(n)) out.push({ name: n, at: e.nStart, batch: hit.batch, phase });
  }
  return out;
}

/** Tables: a header row whose cells (full-width spaces, tabs or runs of spaces apart in the source) include
 *  metric words (序号　项目名称　总投资　年度计划投资), and the rows under it while they keep such separators.
 *  A row's run of adjacent figures is aligned with the header's trailing metric columns, from the right; the
 *  row's entity is the last one named in it; a 合计/总计 row is the article's own sum (no facts). */
function tables(doc: Doc, c: Compiled, ix: DocIndex, ents: Entity[], rules: Rules, regs: RegionHit[], currentPhase: string | null) {
  const cols = new Map<number, MetricRule>();
  const skip = new Set<number>();
  const rowEnts = new Map<number, string | null>();
  const places = new Map<number, string>();
  const rowProjects = new Map<number, { batch: Batch | null; phase: string | null }>();
  const paras = new Set<number>();
  const text = doc.norm.text;
  const { toSource, toSourceEnd } = doc.norm;
  const src = (p: Span) => doc.source.slice(toSource[p.nStart], toSourceEnd[p.nEnd - 1]);
  const CELL = /\u3000+|\t+| {2,}/u;
  const order = doc.mentions.map((m, i) => ({ m, i })).sort((a, b) => a.m.nStart - b.m.nStart);
  const ps = doc.paragraphs;
  for (let k = 0; k < ps.length; k++) {
    if (ps[k].nEnd <= ps[k].nStart) continue;
    const cells = src(ps[k]).split(CELL).map((x) => x.trim()).filter(Boolean);
    if (cells.length < 3) continue;
    const heads = cells.map((cell) => c.rules.find((r) => r.header?.test(cell)) ?? null);
    const tail: MetricRule[] = [];
    for (let j = heads.length - 1; j >= 0 && heads[j]; j--) tail.unshift(heads[j]!);
    if (!tail.length) continue;
    paras.add(ps[k].nStart);
    let end = k + 1;
    while (end < ps.length && CELL.test(src(ps[end]))) paras.add(ps[end++].nStart);
    if (end === k + 1) continue;
    const from = ps[k].nEnd, to = ps[end - 1].nEnd;
    const inTable = order.filter(({ m }) => m.nStart >= from && m.nEnd <= to);
    let rowFrom = from;
    let inTotal = false;
    for (let a = 0; a < inTable.length;) {
      let b = a + 1;
      while (b < inTable.length && /^\s*$/u.test(text.slice(inTable[b - 1].m.nEnd, inTable[b].m.nStart))) b++;
      const run = inTable.slice(a, b);
      const lead = text.slice(rowFrom, run[0].m.nStart);
      // 合计(5个)　48.5亿元: the whole row, past the count in its brackets
      inTotal = /^\s*(?:合计|总计|小计)/u.test(lead) || (inTotal && /^[\s)）]*$/u.test(lead));
      if (inTotal) {
        for (const x of inTable) if (x.m.nStart >= rowFrom && x.m.nEnd <= run[run.length - 1].m.nEnd) skip.add(x.i);
      } else if (run.length <= tail.length) {
        const ent = ents.filter((e) => !e.company && e.nStart >= rowFrom && e.nEnd <= run[0].m.nStart).pop()?.name ?? null;
        run.forEach((x, j) => {
          const r = tail[tail.length - run.length + j];
          if (!r.kinds.has(x.m.kind)) return;
          cols.set(x.i, r);
          rowEnts.set(x.i, ent);
        });
      }
      rowFrom = run[run.length - 1].m.nEnd;
      a = b;
    }
    k = end - 1;
  }
  // statistical tables (指标 绝对数 比上年增长(%)): a figure is what its column names (比上年增长), else
  // what its row's label names (地区生产总值); a figure neither names, or a per-head one (人均…), is no fact
  // (most articles have none: no index of the mentions is built for them)
  const cellAt = doc.tables.length ? new Map(doc.mentions.map((m, i) => [m.nStart, i])) : null;
  for (const t of doc.tables) {
    // a statistical table with a column per batch (县区 | 项目数 | 签约 | 开工 | 投产) is the campaign's: its figures
    // are the reported round's, unless a row names its own (期次 | …)
    const campaignTable = t.of === 'statistics' && t.columns.some((col) => c.batchHeads.some(([, re]) => re.test(col.label)));
    const reported = campaignTable ? currentPhase : null;
    for (const row of t.rows) {
      // a table by place (县区 | 项目数(个) …): a row's figures are its place's; its 合计 row's are the article's sums
      const rowPlace = t.of === 'statistics'
        ? regs.find((h) => h.alias === null && h.nStart >= row.label.nStart && h.nEnd <= row.label.nEnd)?.name ?? null : null;
      const sums = t.of === 'statistics' && c.totalRow.test(row.name);
      for (const cell of row.cells) {
        const i = cellAt!.get(cell.nStart);
        if (i === undefined) continue;
        const m = doc.mentions[i];
        const head = t.columns[cell.column].label;
        if (t.of === 'projects') {
          // a project table: its column says what a figure is, its row whose it is and where (合计: the article's sum)
          const r = row.total ? null : pickRule(c, ix, doc, m, head, '', head, '');
          if (!r) { skip.add(i); continue; }
          cols.set(i, r);
          const project = doc.projects.find((p) => p.nStart === row.label.nStart);
          rowEnts.set(i, project?.name ?? row.name);
          // (a name found first elsewhere: the row's own batch cell, 类别: 开工, else what the table's caption or
          // heading gives the row, 附表:第十六期"三个一批"开工项目清单)
          const here = project ?? projectOccurrences(doc, rules).find((o) => o.nStart === row.label.nStart);
          // (…or the round its batch cell names, 第十九期签约)
          const cellPhase = row.batchCell ? phaseMarkers(c.campaign, text, row.batchCell.nStart, row.batchCell.nEnd)[0]?.phase ?? null : null;
          if (here || row.batch) rowProjects.set(i, { batch: project?.batch ?? row.batch ?? here?.batch ?? null, phase: cellPhase ?? here?.phase ?? null });
          if (row.place) places.set(i, row.place);
          continue;
        }
        if (sums) { skip.add(i); continue; }
        const r = pickRule(c, ix, doc, m, head, '', head, '')
          ?? (c.perItem?.test(row.name) ? null : pickRule(c, ix, doc, m, row.name, '', row.name, row.name));
        if (r) cols.set(i, r);
        else skip.add(i);
        if (r && rowPlace) places.set(i, rowPlace);
        // (a table by company, 企业名称 | 营业收入 | 同比增长: a row's figures are its company's)
        const rowCompany = r ? ents.find((e) => e.company && e.nStart >= row.label.nStart && e.nEnd <= row.label.nEnd) : undefined;
        if (rowCompany) rowEnts.set(i, rowCompany.name);
        // a table of rounds (期次 | 项目数(个) | 签约项目(个) …): a row's round is its label's, a column's batch its header's
        const phase = r ? phaseMarkers(c.campaign, text, row.label.nStart, row.label.nEnd)[0]?.phase ?? reported : null;
        const batch = r ? c.batchHeads.find(([, re]) => re.test(head))?.[0] ?? null : null;
        if (phase !== null || batch !== null) rowProjects.set(i, { batch, phase });
      }
    }
  }
  return { cols, skip, ents: rowEnts, places, projects: rowProjects, paras };
}

/** A bare figure in a list whose other items say what they are (唐河县12个、81.7亿元; 西平县 9个、…):
 *  nothing but a place (or nothing) before it in its clause, no noun after it; it takes the metric of
 *  the last figure of its kind and unit in this paragraph or the one before. */
function ellipsis(c: Compiled, text: string, m: Mention, all: Mention[], docMentions: Mention[], facts: Fact[], regs: RegionHit[], floor: number): MetricRule | null {
  if (!c.ellipsisLead || !c.ellipsisKinds.has(m.kind)) return null;
  if (!c.breaks.has(text[m.nEnd] ?? '\n') && m.nEnd < text.length && !/[。;；]/.test(text[m.nEnd])) return null;
  let prevEnd = 0;
  for (const o of all) if (o.nEnd <= m.nStart && o.nEnd > prevEnd) prevEnd = o.nEnd;
  const from = clauseStart(c, text, m.nStart, Math.max(prevEnd, 0));
  let left = text.slice(from, m.nStart).trim();
  const reg = regs.find((h) => h.nStart >= from && h.nEnd <= m.nStart && h.alias === null);
  if (reg) left = (text.slice(from, reg.nStart) + text.slice(reg.nEnd, m.nStart)).trim();
  if (!c.ellipsisLead.test(left)) return null;
  // the clause before must be a figure of the same list (…、) or a place must lead this one; or the figure
  // stands alone in brackets after a name, like the one before it (A(总投资15.2亿元)、B(8.6亿元))
  const bracketed = !reg && /[(（]/.test(text[from - 1] ?? '') && /[)）]/.test(text[m.nEnd] ?? '');
  if (!reg && !/[、]/.test(text[from - 1] ?? '') && !bracketed) return null;
  for (let k = facts.length - 1; k >= 0; k--) {
    const f = facts[k];
    const fm = docMentions[f.mention];
    if (fm.nStart < floor) break;
    if (fm.kind !== m.kind || (m.kind === 'count' && fm.unit !== m.unit)) continue;
    if (bracketed && (!/[)）]/.test(text[fm.nEnd] ?? '') || /[。!?！？]/.test(text.slice(fm.nEnd, m.nStart)))) return null;
    const r = c.rules.find((x) => x.id === f.rule);
    return r ?? null;
  }
  return null;
}

function clauseStart(c: Compiled, text: string, p: number, floor: number): number {
  for (let k = p - 1; k >= floor; k--) if (c.breakCodes[text.charCodeAt(k)]) return k + 1;
  return floor;
}
function clauseEnd(c: Compiled, text: string, p: number, ceil: number): number {
  for (let k = p; k < ceil; k++) if (c.breakCodes[text.charCodeAt(k)]) return k;
  return ceil;
}

const COMMA_CLAUSE_END = charCodes(',，;；。!?！？\n');
const ROUND_CLAUSE_END = charCodes(',，;；。!?！？\n:：');

/** Whether the rule can measure the mention: its kind, and its unit where the rule names units. */
function measures(r: MetricRule, m: Mention): boolean {
  return r.kinds.has(m.kind) && (!r.units || (m.unit !== null && r.units.has(m.unit)));
}

/** An amount right before what it bounds (10亿元以上项目, 超5亿元的有5个): a threshold, not a figure. */
function isThreshold(c: Compiled, text: string, m: Mention): boolean {
  return m.kind === 'money' && (c.threshold?.test(text.slice(m.nEnd, m.nEnd + 8)) ?? false);
}

function bind(c: Compiled, ix: DocIndex, doc: Doc, m: Mention, all: Mention[], sentStart: number, label: string | null = null): MetricRule | null {
  const text = doc.norm.text;
  // a card's figure (64个⏎参加活动项目): its label is its trigger, read as if it stood before it
  if (label !== null) {
    if (isThreshold(c, text, m)) return null;
    return pickRule(c, ix, doc, m, label, '', label + text.slice(m.nStart, m.nEnd), label, true);
  }
  let prevEnd = 0;
  let nextStart = text.length;
  for (const o of all) {
    if (o.nEnd <= m.nStart && o.nEnd > prevEnd) prevEnd = o.nEnd;
    if (o.nStart >= m.nEnd && o.nStart < nextStart) nextStart = o.nStart;
  }
  let from = clauseStart(c, text, m.nStart, prevEnd);
  // a record field (总投资：3.2亿元): the label before the separator is the figure's trigger
  if (c.fieldSeparator && from > prevEnd && c.fieldSeparator.test(text[from - 1]) && c.fieldValueLead.test(text.slice(from, m.nStart))) {
    let labelFrom = clauseStart(c, text, from - 1, prevEnd);
    // a line break inside the label (总投⏎资:) is a break of the line, not of the clause
    if (text[labelFrom - 1] === '\n' && labelFrom - 1 > prevEnd && /[\u4e00-\u9fa5]/u.test(text[labelFrom - 2] ?? '')) labelFrom = clauseStart(c, text, labelFrom - 1, prevEnd);
    if (from - 1 - labelFrom <= 12) from = labelFrom;
  }
  // a count first in brackets after its noun (签约项目(5个), 签约一批(5个,签约额…)): the words before the bracket are its trigger
  // (…and an amount alone in brackets after a name: A项目(16.8亿元))
  if ((m.kind === 'count' || (m.kind === 'money' && /[)）]/u.test(text[m.nEnd] ?? ''))) && from === m.nStart && from - 1 > prevEnd
    && /[(（]/u.test(text[from - 1]) && /[)）,，;；]/u.test(text[m.nEnd] ?? '')) from = clauseStart(c, text, from - 1, prevEnd);
  const to = clauseEnd(c, text, m.nEnd, nextStart);
  const left = text.slice(from, m.nStart).replace(/\n/g, '');
  const right = text.slice(m.nEnd, to);
  // 10亿元以上项目, 超5亿元的有5个: a threshold; 每人分包1—2个, 单体投资: a per-item figure
  if (isThreshold(c, text, m)) return null;
  if (c.perItem?.test(text.slice(Math.max(prevEnd, sentStart), m.nStart))) return null;
  // the comma clause around the number (for `unless`)
  let cs = m.nStart, ce = m.nEnd;
  while (cs > sentStart && !COMMA_CLAUSE_END[text.charCodeAt(cs - 1)]) cs--;
  while (ce < text.length && !COMMA_CLAUSE_END[text.charCodeAt(ce)]) ce++;
  const clause = text.slice(cs, ce);
  // 投资10亿元以上的有11个: the count of what the threshold is about (个 projects, 家 enterprises)
  if (m.kind === 'count' && m.unit && /^(?:的有|的|有|[:：])$/.test(left)) {
    const prev = all.find((o) => o.nEnd === prevEnd);
    if (prev && isThreshold(c, text, prev) && c.countRule.has(m.unit)) return c.countRule.get(m.unit)!;
  }
  // 签约的九个, 开工的十二个: a batch's count, said without its noun
  if (m.kind === 'count' && m.unit && c.countRule.has(m.unit) && BATCH_THE.test(left)) return c.countRule.get(m.unit)!;
  // 与上期相比,项目个数增加44个; 比上年增加14个; 总投资增加65.6亿元: a difference between two figures, not one
  if ((m.kind === 'count' || m.kind === 'money') && c.passages.difference.test(left)) return null;
  return pickRule(c, ix, doc, m, left, right, clause, text.slice(sentStart, m.nStart));
}

/** a batch word and 的 right before a count (签约的九个) */
const BATCH_THE = /(?:^|[,，;；。:：])(?:签约|开工|投产)的$/u;

/** The metric rule whose trigger stands nearest the figure: before it in `left`, or after it in `right`. */
function pickRule(c: Compiled, ix: DocIndex, doc: Doc, m: Mention, left: string, right: string, clause: string, sentBefore: string, labelled = false): MetricRule | null {
  const text = doc.norm.text;
  let best: { r: MetricRule; gap: number; len: number } | null = null;
  for (const r of c.rules) {
    if (!measures(r, m)) continue;
    if (r.unless?.test(clause)) continue;
    if (r.inSentence && !r.inSentence.test(sentBefore)) continue;
    if (r.clauseEnd && m.nEnd < text.length && !c.breaks.has(text[m.nEnd])) continue;
    if (r.before) {
      r.before.lastIndex = 0;
      for (const t of matches(r.before, left)) {
        const gap = left.length - (t.index + t[0].length);
        if (gap > r.gap) continue;
        if (m.kind === 'count' && !labelled) {
          // a count followed by its own noun (4个台账) counts that noun, not the trigger's
          const ti = ix.tokAt[m.nEnd];
          const nt = ti >= 0 ? doc.tokens[ti] : null;
          // (…unless that word starts another figure's clause, its comma left out: 签约项目16个总投资86亿)
          if (nt && nt.nEnd > m.nEnd && (/^n/.test(nt.tag) || (nt.tag === 'x' && nt.nEnd - m.nEnd >= 2)) && /^[\u4e00-\u9fa5]/.test(text[m.nEnd])
            && !r.after?.test(right) && !startsMetric(c, right)) continue;
          // …and one with another noun between the trigger and it (项目服务专班168个) counts that noun
          if (gap > 0 && nounBetween(c, ix, doc, m.nStart - gap, m.nStart)) continue;
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

/** Text that opens with a metric's trigger (总投资…, 签约额…). */
function startsMetric(c: Compiled, s: string): boolean {
  const head = s.slice(0, 8);
  for (const r of c.rules) {
    if (!r.before) continue;
    r.before.lastIndex = 0;
    if (r.before.exec(head)?.index === 0) return true;
  }
  return false;
}

function nounBetween(c: Compiled, ix: DocIndex, doc: Doc, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const ti = ix.tokAt[k];
    if (ti < 0) continue;
    const t = doc.tokens[ti];
    if (t.nStart < s || t.nEnd > e) continue;
    const noun = /^n(?!r|s)/.test(t.tag) || (t.tag === 'x' && /^[\u4e00-\u9fa5]{2,}$/.test(t.word));
    if (noun && !c.gapFillers.has(t.word)) return true;
    k = t.nEnd - 1;
  }
  return false;
}

const ITEM_TITLE_BEFORE = /(?:^|[:：。;；)）])\s*(?:\d{1,2}[.、．]|[(（]\d{1,2}[)）])\s*$/u;
// bracket notes after a title (…项目(二期)(第十期开工项目))
const TITLE_NOTES = String.raw`(?:\s*[(（][^()（）]{0,12}[)）])*\s*`;
const ITEM_TITLE_AFTER = new RegExp(`^${TITLE_NOTES}[。:：]`, 'u');
const TITLE_LINE_END = new RegExp(`^${TITLE_NOTES}$`, 'u');
const NEXT_ITEM = /[。;；]\s*(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])/u;
/** A numbered item whose line is a project's name alone (2.X项目(二期)⏎总投资…): the lines under it are its record. */
function titleLine(c: Compiled, text: string, para: Span, ents: Entity[]): string | null {
  const from = para.nStart + (c.item.exec(text.slice(para.nStart, para.nEnd))?.[0].length ?? 0);
  const title = ents.find((e) => e.nStart >= from && e.nEnd <= para.nEnd && /^\s?$/.test(text.slice(from, e.nStart)));
  return title !== undefined && !title.company && TITLE_LINE_END.test(text.slice(title.nEnd, para.nEnd)) ? title.name : null;
}

function entityFor(c: Compiled, text: string, ents: Entity[], m: Mention, sent: { nStart: number }, para: { nStart: number }, recordFrom: number | null): string | null {
  // a figure that qualifies the name right after it (总投资12亿元的B产业园) is that name's
  if (text[m.nEnd] === '的') {
    const named = ents.find((e) => e.nStart === m.nEnd + 1);
    if (named) return named.name;
  }
  // a figure in brackets right after a name (B项目(8.6亿元), A园(总投资15亿元)) is that name's
  for (let k = m.nStart - 1; k >= Math.max(sent.nStart, m.nStart - 8); k--) {
    const ch = text[k];
    if (ch === '(' || ch === '（') {
      const named = ents.find((e) => e.nEnd === k);
      if (named) return named.name;
      break;
    }
    if (/[)）,，;；。、]/.test(ch)) break;
  }
  let scope = sent.nStart;
  for (let k = m.nStart - 1; k > sent.nStart; k--) if (text[k] === ';' || text[k] === '；') { scope = k + 1; break; }
  // a field of a record (…;总投资:3.2亿元): the record is the scope (its 项目名称 field names the entity)
  if (recordFrom !== null) scope = recordFrom;
  else if (c.fieldSeparator && FIELD.test(text.slice(scope, m.nStart))) scope = sent.nStart;
  if (recordFrom !== null) para = { nStart: recordFrom };
  const inScope = ents.filter((e) => e.nStart >= scope && e.nEnd <= m.nStart && !/^等/.test(text.slice(e.nEnd, e.nEnd + 1)));
  const names = new Set(inScope.map((e) => e.name));
  if (names.size === 1) return inScope[0].name;
  if (names.size > 1) {
    // a list of names (A、B和C) is an aggregate; a project and the company behind it (A由B投资) is A
    for (let k = 1; k < inScope.length; k++) {
      const between = text.slice(inScope[k - 1].nEnd, inScope[k].nStart).replace(/[(（][^)）]{0,12}[)）]/gu, '');
      if (/^\s*(?:[、,，和及与]|以及)\s*$/.test(between)) return null;
    }
    return inScope[0].name;
  }
  // a numbered item titled by a name alone (2.A项目。总投资…): the item's figures are A's, up to the next item
  const title = ents.filter((e) => e.nStart >= para.nStart && e.nEnd <= m.nStart).pop();
  if (title && !title.company && ITEM_TITLE_BEFORE.test(text.slice(Math.max(para.nStart, title.nStart - 6), title.nStart))
    && ITEM_TITLE_AFTER.test(text.slice(title.nEnd, title.nEnd + 20)) && !NEXT_ITEM.test(text.slice(title.nEnd, m.nStart))) return title.name;
  // 该项目 / 公司 / 这家企业: the last one named earlier in the paragraph
  const scopeText = text.slice(scope, m.nStart);
  if (!c.anaphor.test(scopeText)) {
    // …集团实现产值X;营业收入Y: the sentence's subject, named before a semicolon, goes on after it
    if (scope <= sent.nStart || ents.some((e) => e.nStart >= sent.nStart && e.nStart < scope) || !c.anaphor.test(text.slice(sent.nStart, scope))) return null;
    scope = sent.nStart;
  }
  // (项目 as the subject, 项目今年计划投资…: the project named last, not the company that builds it)
  const project = PROJECT_SUBJECT.test(scopeText);
  const prev = ents.filter((e) => e.nStart >= para.nStart && e.nEnd <= scope && (!project || !e.company));
  if (prev.length) return prev[prev.length - 1].name;
  // (公司 in a paragraph that names none: the company named last before it, as an interview's answers go on about it)
  if (/(?:^|[，,。；;：:\s])(?:该|本)?公司(?![0-9一二三四五六七八九十两])/u.test(scopeText)) {
    const company = ents.filter((e) => e.company && e.nEnd <= para.nStart).pop();
    if (company) return company.name;
  }
  return null;
}

/** The one company the headline block names, where it is a feature's or an interview's subject. */
function subjectCompany(doc: Doc, ents: Entity[]): string | null {
  const head = headline(doc);
  if (!head) return null;
  const named = new Set(ents.filter((e) => e.company && e.nStart >= head.nStart && e.nEnd <= head.nEnd).map((e) => e.name));
  return named.size === 1 ? [...named][0] : null;
}

/** a clause opening on the project as its subject (项目今年计划投资…, 该项目…) */
const PROJECT_SUBJECT = /^(?:该|这个|此)?项目/u;

/** how far into an article its opening runs (the headline block and the lead paragraph) */
const OPENING = 400;

function compileForPhase(rules: Rules) {
  return { campaign: compileCampaign(rules.batches) } as Parameters<typeof docCurrentPhase>[1];
}
