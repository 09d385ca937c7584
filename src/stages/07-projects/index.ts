import { alternation, escapeRe, matches } from '../../rules/patterns.js';
import type { Batch, Doc, NormText, Project, Token } from '../../model.js';
import type { Rules } from '../../rules/load.js';
import { sourceSpan } from '../03-normalise/index.js';
import { headline } from '../04-split/title.js';
import {
  bareHeadingBatch, batchMarkers, bracketDepthMap, compileCampaign, phaseMarkers, smallNumber,
  type BatchMarker, type Campaign,
} from './campaign.js';
import type { ProjectsRules } from './rules.js';

// Named projects: enumerations first (their separators give exact boundaries), then names ending
// in a project word, whose start is found by walking back over jieba's words. Every occurrence is
// kept (facts use them as entities); `findProjects` reports each name once, at its first occurrence.

export interface Occurrence {
  name: string;
  nStart: number;
  nEnd: number;
  batch: Batch | null;
  phase: string | null;
  rule: string;
}

interface Compiled {
  strongRe: RegExp;
  anySuffixEnd: RegExp;
  strongEnd: RegExp;
  chainRe: RegExp;
  stageRe: RegExp;
  bodyRe: RegExp;
  partRe: RegExp;
  noteRe: RegExp;
  stopTags: Set<string>;
  keep: Set<string>;
  stopWords: Set<string>;
  stripLeading: Set<string>;
  specific: Set<string>;
  genericNames: Set<string>;
  genericWords: RegExp;
  introRe: RegExp;
  closerRe: RegExp;
  sepAlways: Set<string>;
  sepAfterSuffix: RegExp;
  campaign: Campaign;
  plainMin: number;
  modifierMin: number;
  bareMin: number;
  quantityLead: Set<string>;
  stripPrefixes: RegExp;
  /** a company's full name at the start of a text (河南恒翌家居有限公司…), from the metrics rules' company suffixes */
  companyStart: RegExp;
  splitAfter: RegExp;
  strongAny: RegExp;
  regionPrefixes: Set<string>;
  leadingRegion: RegExp;
  trailingRegion: RegExp;
  placeStart: RegExp;
  placePrefix: RegExp;
  stageNotBefore: Set<string>;
  suffixNotBefore: RegExp;
  chainNot: RegExp;
  lineRe: RegExp;
  seriesPlainMin: number;
  seriesModifierMin: number;
  aliasMin: number;
  aliasTailMin: number;
  innerStop: Set<string>;
  zoneEnd: RegExp;
  zones: Set<string>;
  countPhrase: RegExp;
  countAfter: RegExp;
  categoryAfter: RegExp;
  genericHead: RegExp;
  venueBefore: RegExp;
  investorLead: RegExp;
  weakLead: RegExp;
  weakRe: RegExp;
  anyAll: RegExp;
  strongTail: RegExp;
  unitWords: Set<string>;
  projectNotBefore: RegExp;
  placeVerbTags: Set<string>;
  placeVerbNot: Set<string>;
  glueTags: Set<string>;
  compoundHeads: Set<string>;
  semis: Set<string>;
  numberedLine: RegExp;
  numberingLead: RegExp;
  properTags: Set<string>;
  regionWord: RegExp;
  itemMax: number;
  leadWindow: number;
  labelRe: RegExp;
  contentRe: RegExp;
  nameLabels: Set<string>;
  placeLevels: RegExp[];
  townBefore: RegExp;
}

const compiledCache = new WeakMap<ProjectsRules, Compiled>();
function compile(rules: Rules): Compiled {
  const p = rules.projects;
  let c = compiledCache.get(p);
  if (c) return c;
  const alt = alternation;
  const strong = alt(p.suffixes.strong);
  const any = alt([...p.suffixes.strong, ...p.suffixes.weak]);
  const multiSeps = p.lists.separators.filter((s) => s.length > 0 && s !== '、');
  c = {
    strongRe: new RegExp(`(?:${strong})`, 'gu'),
    anySuffixEnd: new RegExp(`(?:${any})(?:${p.stage_after.replace(/^\^/, '')})?$`, 'u'),
    strongEnd: new RegExp(`(?:${strong})$`, 'u'),
    chainRe: new RegExp(`^(?:[(（][^()（）,，。;、]{1,${p.inner_bracket_max}}[)）])?[\\u4e00-\\u9fa5A-Za-z0-9]{0,6}?(?:${strong})`, 'u'),
    stageRe: new RegExp(p.stage_after, 'u'),
    companyStart: new RegExp(`^[\u4e00-\u9fa5A-Za-z]{2,16}?(?:${alt(rules.metrics.entities?.company_suffixes ?? ['有限公司'])})`, 'u'),
    bodyRe: new RegExp(p.body_after, 'u'),
    partRe: new RegExp(p.part_after, 'u'),
    noteRe: new RegExp(p.note, 'u'),
    stopTags: new Set(p.stop_tags),
    keep: new Set(p.keep_words),
    stopWords: new Set(p.stop_words),
    stripLeading: new Set(p.strip_leading),
    specific: new Set(p.specific_tags),
    genericNames: new Set(p.generic_names.map((s) => s.replace(/["“”]/g, ''))),
    genericWords: p.generic_words.length ? new RegExp(alt(p.generic_words), 'u') : /$^/,
    introRe: new RegExp(`(?:${alt(p.lists.intro)})[:：]?`, 'gu'),
    closerRe: new RegExp(`(?:${alt(p.lists.closers)})`, 'gu'),
    sepAlways: new Set(['、']),
    sepAfterSuffix: new RegExp(`^(?:${alt(multiSeps.length ? multiSeps : ['及'])})`, 'u'),
    campaign: compileCampaign(rules.batches),
    plainMin: p.strong_plain_min,
    modifierMin: p.project_modifier_min,
    bareMin: p.bare_item_min,
    quantityLead: new Set(p.quantity_lead),
    stripPrefixes: p.strip_prefixes.length ? new RegExp(`^(?:${alt(p.strip_prefixes)})`, 'u') : /$^/,
    splitAfter: new RegExp(`(?:${alt(p.lists.split_after)})$`, 'u'),
    strongAny: new RegExp(`(?:${strong})(?:${p.stage_after.replace(/^\^/, '')})?`, 'gu'),
    regionPrefixes: new Set([...rules.regions.provinces, ...rules.regions.cities].flatMap((r) => [r, r.replace(/(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')])),
    trailingRegion: new RegExp(`(?:${alt([...rules.regions.provinces, ...rules.regions.cities, ...rules.regions.counties, ...rules.regions.zones])})$`, 'u'),
    leadingRegion: new RegExp(`^(?:${alt([...rules.regions.provinces, ...rules.regions.cities, ...rules.regions.counties, ...rules.regions.zones])})+`, 'u'),
    // a name that begins with a place of its own (…中心和长垣市…中心项目: two names)
    placeStart: new RegExp(`^(?:${alt([...rules.regions.provinces, ...rules.regions.cities, ...rules.regions.counties])})`, 'u'),
    // places written before a name, a city also without 市 (新乡经开区…)
    placePrefix: new RegExp(`^(?:${alt([...rules.regions.provinces, ...rules.regions.cities, ...rules.regions.cities.map((x) => x.replace(/市$/, '')), ...rules.regions.counties, ...rules.regions.zones])})`, 'u'),
    stageNotBefore: new Set(p.stage_not_before_tags),
    suffixNotBefore: new RegExp(p.suffix_not_before, 'u'),
    chainNot: new RegExp(p.chain_not, 'u'),
    // a line that is a bullet, a name and its bracket notes, nothing else
    lineRe: new RegExp(`${p.line_bullet}([\u4e00-\u9fa5A-Za-z0-9#·\-]{2,60}?(?:${any})(?:${p.stage_after.replace(/^\^/, '')})?)((?:[(（][^()（）\n]{1,20}[)）])*)[ \t]*[;；。,，]?[ \t]*$`, 'gmud'),
    seriesPlainMin: p.series_plain_min,
    seriesModifierMin: p.series_modifier_min,
    aliasMin: p.alias_min,
    aliasTailMin: p.alias_tail_min,
    innerStop: new Set(p.inner_stop_words),
    zoneEnd: new RegExp(`(?:${alt(rules.regions.zones)})$`, 'u'),
    zones: new Set(rules.regions.zones),
    countPhrase: new RegExp(p.count_phrase, 'u'),
    countAfter: new RegExp(p.count_after, 'u'),
    categoryAfter: new RegExp(p.category_after, 'u'),
    genericHead: p.generic_modifiers.length ? new RegExp(`^(?:${alt(p.generic_modifiers)})+$`, 'u') : /$^/,
    venueBefore: new RegExp(p.venue_before, 'u'),
    investorLead: new RegExp(`^(?:${p.investor_lead})`, 'u'),
    weakLead: new RegExp(`(?:${p.weak_lead})([\\u4e00-\\u9fa5A-Za-z0-9 \\t]{2,24})$`, 'u'),
    weakRe: p.suffixes.weak.length ? new RegExp(`(?:${alt(p.suffixes.weak)})`, 'gu') : /$^/gu,
    anyAll: new RegExp(`(?:${any})(?:${p.stage_after.replace(/^\^/, '')})?`, 'gu'),
    strongTail: new RegExp(`(?:${strong})(?:${p.stage_after.replace(/^\^/, '')})?$`, 'u'),
    unitWords: new Set([
      ...(['money', 'count', 'percent', 'pp', 'measure', 'duration'] as const).flatMap((k) => Object.keys((rules.units as unknown as Record<string, Record<string, string>>)[k] ?? {})),
      '期', '批', '届', '年', '月', '日', '号', '天', '周', '次', '成', '倍',
    ]),
    projectNotBefore: new RegExp(p.project_not_before, 'u'),
    placeVerbTags: new Set(p.place_verb_tags),
    placeVerbNot: new Set([...p.place_verb_not, ...p.stop_words]),
    glueTags: new Set(p.glue_tags),
    compoundHeads: new Set(p.compound_heads),
    semis: new Set(p.lists.semicolons),
    // a numbered line: its first clause (up to , ; 。 :) may be a name
    numberedLine: new RegExp(`(?:^|[:：,，;；])[ \t]*(?:${p.lists.numbering})[ \t]*([^,，;；。:：\n]{2,${p.lists.item_max_chars}})`, 'gmud'),
    numberingLead: new RegExp(`^(?:${p.lists.numbering})[ \t]*`, 'u'),
    properTags: new Set(p.lists.proper_tags),
    itemMax: p.lists.item_max_chars,
    leadWindow: p.quantity_lead_window,
    // 项目名称:X; — the value of a name label (OCR line breaks may split the label and the value)
    labelRe: p.lists.name_labels.length
      ? new RegExp(`(?:${p.lists.name_labels.map((l) => [...l].map(escapeRe).join('\\s*')).join('|')})\\s*[:：]\\s*([^;；。:：,，]{2,${p.lists.item_max_chars}})`, 'gud')
      : /$^/g,
    contentRe: p.lists.content_labels.length
      ? new RegExp(`(?:${p.lists.content_labels.map((l) => [...l].map(escapeRe).join('\\s*')).join('|')})\\s*[:：][^;；。]{0,150}`, 'gu')
      : /$^/g,
    nameLabels: new Set(p.lists.name_labels),
    // places by level (province, city, county or zone), for the run of places a name starts with
    placeLevels: [
      new RegExp(`^(?:${alt([...rules.regions.provinces, ...rules.regions.provinces.map((x) => x.replace(/(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')).filter((x) => x.length >= 2)])})`, 'u'),
      new RegExp(`^(?:${alt([...rules.regions.cities, ...rules.regions.cities.map((x) => x.replace(/市$/, ''))])})`, 'u'),
      new RegExp(`^(?:${alt([...rules.regions.counties, ...rules.regions.zones])})`, 'u'),
    ],
    // a town (玄武镇) written before a known place
    townBefore: /^[\u4e00-\u9fa5]{1,3}?(?:镇|乡|街道)/u,
    // a whole word that is a place: a region of regions.yaml, or a place word ending in an administrative unit
    regionWord: new RegExp(`^(?:(?:${alt([...rules.regions.provinces, ...rules.regions.cities, ...rules.regions.counties, ...rules.regions.zones])})|[\u4e00-\u9fa5]{1,6}[省市县区镇乡])$`, 'u'),
  };
  compiledCache.set(p, c);
  return c;
}

/** Per-document view shared by the stages: token lookup by offset, brackets. Cached on the norm text. */
export interface DocIndex {
  tokAt: Int32Array;        // char offset → index of the token covering it (-1 if none)
  inBracket: Uint8Array;
}
const indexCache = new WeakMap<NormText, DocIndex>();
export function docIndex(doc: Doc): DocIndex {
  let ix = indexCache.get(doc.norm);
  if (!ix) {
    const tokAt = new Int32Array(doc.norm.text.length).fill(-1);
    doc.tokens.forEach((t, i) => { for (let k = t.nStart; k < t.nEnd; k++) tokAt[k] = i; });
    ix = { tokAt, inBracket: bracketDepthMap(doc.norm.text) };
    indexCache.set(doc.norm, ix);
  }
  return ix;
}

const SERIES_SEP = /、/g;
const PAIR_BEFORE = /(?:和|及|以及)$/;
const BREAK = /[,，。;；:：!！?？\n"“”‘’'《》【】\[\]|—…]/;
const PLACE_LEAD = /^[\u4e00-\u9fa5]{1,4}?(?:省|市|县|区|镇|乡)(?!区)/u;
const NAME_CHAR = /[\u4e00-\u9fa5A-Za-z0-9#·\-]/;

const occCache = new WeakMap<NormText, Occurrence[]>();

/** Every occurrence of a named project, in text order. */
export function projectOccurrences(doc: Doc, rules: Rules): Occurrence[] {
  const cached = occCache.get(doc.norm);
  if (cached) return cached;
  const c = compile(rules);
  const text = doc.norm.text;
  const ix = docIndex(doc);
  const out: Occurrence[] = [];
  const covered = new Uint8Array(text.length);
  const sentenceOf = sentenceLookup(doc);
  const currentPhase = docCurrentPhase(doc, c, ix);

  // a campaign marker without its own round is the article's current round, unless its paragraph
  // speaks of other rounds too (除第7期3个项目外,前6期…): then the item's round is unknown
  const mixed = new Uint8Array(text.length);
  for (const p of doc.paragraphs) {
    if (phaseMarkers(c.campaign, text, p.nStart, p.nEnd).some((m) => !ix.inBracket[m.nStart] && m.phase !== currentPhase)) mixed.fill(1, p.nStart, p.nEnd);
  }
  const round = (mk: { phase: string | null } | null, at: number) => {
    if (!mk) return null;
    if (mk.phase) return mk.phase;
    return mixed[at] ? null : currentPhase;
  };
  const add = (o: Occurrence) => {
    for (let k = o.nStart; k < o.nEnd; k++) if (covered[k]) return;
    for (let k = o.nStart; k < o.nEnd; k++) covered[k] = 1;
    out.push(o);
  };
  // list items: bracket notes give phases, the clause's marker the batch, each name checked on its own
  const addItems = (items: Item[], marker: { batch: Batch; phase: string | null } | null, rule: 'intro' | 'series') => {
    assignNotes(items, currentPhase);
    for (const it of items) {
      const name = text.slice(it.a, it.b);
      if (!acceptName(name, doc, ix, c, it.a, it.b, rule)) continue;
      add({ name, nStart: it.a, nEnd: it.b, batch: it.lead ? it.batch : marker?.batch ?? it.batch, phase: it.phase ?? round(marker, it.a), rule: rule === 'intro' ? 'list' : 'series' });
    }
  };

  // the batch of a record or a table row: the last short line before it with one batch marker (三、开工一批)
  let headings: { at: number; marker: { batch: Batch; phase: string | null } }[] | null = null;
  const sectionMarker = (at: number, floor = 0) => {
    if (!headings) {
      headings = [];
      for (let k = 0; k < text.length; ) {
        let e = text.indexOf('\n', k);
        if (e < 0) e = text.length;
        if (e - k <= 30) {
          const mk = sentenceMarker(text, c, ix, k, e);
          if (mk) headings.push({ at: k, marker: mk });
          else {
            // (a section heading that is a bare batch word, its marks aside: 一、签约项目, 【开工】)
            const batch = bareHeadingBatch(c.campaign, text.slice(k, e).replace(SECTION_MARK, ''));
            if (batch) headings.push({ at: k, marker: { batch, phase: null } });
          }
        }
        k = e + 1;
      }
    }
    let best: { batch: Batch; phase: string | null } | null = null;
    for (const h of headings) { if (h.at > at) break; if (h.at >= floor) best = h.marker; }
    return best;
  };

  // 0. records and tables: 项目名称:X;建设地点:… gives X whole; a table whose header has a 项目名称
  // cell gives that column's cells. What a record says a project builds (建设内容:…基地2.5万亩) is no project.
  for (const m of matches(c.contentRe, text)) covered.fill(1, m.index, m.index + m[0].length);
  for (const m of matches(c.labelRe, text)) {
    const [a0, b0] = m.indices![1]!;
    let a = a0;
    while (a < b0 && /\s/.test(text[a])) a++;
    let b = stripNotes(text, a, b0, c).b;
    const seg = text.slice(a, b);
    // the value runs on over a line break into the next field: cut after its last project word
    if (/\n/.test(seg)) {
      let cut = -1;
      for (const mm of matches(c.anyAll, seg)) if (!ix.inBracket[a + mm.index]) cut = mm.index + mm[0].length;
      if (cut < 0) continue;
      b = a + cut;
    }
    const name = text.slice(a, b);
    if (!acceptName(name, doc, ix, c, a, b, 'intro')) continue;
    const marker = sectionMarker(a);
    add({ name, nStart: a, nEnd: b, batch: marker?.batch ?? null, phase: round(marker, a), rule: 'label' });
  }
  // a statistical table's rows are indicators or kinds of project (四、生态环保和农业农村项目 147600 …), never one project
  for (const t of doc.tables) if (t.of === 'statistics') for (const row of t.rows) covered.fill(1, row.label.nStart, row.label.nEnd);
  // a project table the split stage has read (one cell a line, names joined over their wraps; or one row a line)
  for (const t of doc.tables) {
    if (t.of !== 'projects') continue;
    // (a caption that names the campaign starts the table's section: headings above it are another's)
    const caption = tableCaption(doc, c, ix, t.head.nStart);
    for (const row of t.rows) {
      if (row.total) continue;
      const { nStart: a, nEnd: b } = row.label;
      if (!acceptName(row.name, doc, ix, c, a, b, 'intro')) continue;
      const marker = sectionMarker(a, caption?.from ?? 0);
      // (a section heading inside the table that names no round (一、签约一批) is under the caption's round)
      add({ name: text.slice(a, b), nStart: a, nEnd: b, batch: row.batch ?? marker?.batch ?? null, phase: marker?.phase ?? caption?.phase ?? round(marker, a), rule: 'table' });
    }
  }
  for (const cell of tableCells(doc, c)) {
    const note = stripNotes(text, cell.a, cell.b, c);
    const name = text.slice(cell.a, note.b);
    if (!acceptName(name, doc, ix, c, cell.a, note.b, 'intro')) continue;
    const marker = sectionMarker(cell.a);
    add({ name, nStart: cell.a, nEnd: note.b, batch: marker?.batch ?? null, phase: round(marker, cell.a), rule: 'table' });
  }

  // 1. enumerations introduced by 分别为 / 项目: ...
  for (const m of matches(c.introRe, text)) {
    const p = m.index;
    const q = p + m[0].length;
    const sent = sentenceOf(p);
    const clauseStart = lastBreak(text, p, sent.nStart);
    const before = text.slice(clauseStart, p + m[0].length);
    let end = listEnd(text, q, sent.nEnd);
    // 分别是:A;B;C。 items separated by semicolons, each a bare name ending in a project word
    const bareName = (x: number, y: number) => {
      const seg = text.slice(x, stripNotes(text, x, y).b).trim();
      return seg.length >= 2 && seg.length <= c.itemMax && c.anySuffixEnd.test(seg);
    };
    if (bareName(q, end)) {
      while (end < sent.nEnd && c.semis.has(text[end])) {
        const next = listEnd(text, end + 1, sent.nEnd);
        if (!bareName(end + 1, next)) break;
        end = next;
      }
    }
    const items = splitItems(doc, ix, q, end, c);
    if (items.length === 0) continue;
    // the last item may run on into the sentence (…项目两宗"工业定制地"…): cut after its last project word
    const last = items[items.length - 1];
    const lastText = text.slice(last.a, last.b);
    if (!c.anySuffixEnd.test(lastText)) {
      let cut = -1;
      for (const mm of matches(c.strongAny, lastText)) if (!ix.inBracket[last.a + mm.index]) cut = mm.index + mm[0].length;
      if (cut > 0) last.b = last.a + cut;
    }
    const withSuffix = items.filter((it) => c.anySuffixEnd.test(text.slice(it.a, it.b))).length;
    if (!/项目/.test(before) && withSuffix * 2 < items.length) continue;
    // one item with no project word (开工项目:多点支撑梯次推进, a section's heading) is a phrase, not a list of names
    if (items.length === 1 && withSuffix === 0) continue;
    addItems(items, sentenceMarker(text, c, ix, sent.nStart, p), 'intro');
  }

  // 2. enumerations closed by 等项目
  for (const m of matches(c.closerRe, text)) {
    const p = m.index;
    const sent = sentenceOf(p);
    const clauseStart = lastBreak(text, p, sent.nStart);
    const items = splitItems(doc, ix, clauseStart, p, c);
    if (items.length === 0) continue;
    // the first item starts where the name starts (after 紧盯, 送至 ...)
    const first = items[0];
    first.a = walkBack(doc, ix, c, first.b, first.a, true);
    for (const it of items) { const sp = c.stripPrefixes.exec(text.slice(it.a, it.b)); if (sp) it.a += sp[0].length; }
    const marker = sentenceMarker(text, c, ix, sent.nStart, sent.nEnd);
    for (const it of items) {
      const name = text.slice(it.a, it.b);
      if (!acceptName(name, doc, ix, c, it.a, it.b, c.anySuffixEnd.test(name) ? 'suffix' : 'bare')) continue;
      add({ name, nStart: it.a, nEnd: it.b, batch: marker?.batch ?? null, phase: round(marker, it.a), rule: 'list_closer' });
    }
  }

  // 2b. a line that is only a name and its notes: an item of a bullet list
  for (const m of matches(c.lineRe, text)) {
    const [a0, b] = m.indices![1]!;
    const notesEnd = m.indices![2]![1];
    let a = a0;
    const sp = c.stripPrefixes.exec(text.slice(a, b));
    if (sp) a += sp[0].length;
    const name = text.slice(a, b);
    const note = stripNotes(text, a, notesEnd, c);
    // a bullet or a campaign note makes the line a list item; a bare line is a headline or caption
    if (!note.noted && !/\S/.test(text.slice(m.index, a0))) continue;
    if (!acceptName(name, doc, ix, c, a, b, 'series')) continue;
    const sent = sentenceOf(a);
    const marker = sentenceMarker(text, c, ix, sent.nStart, sent.nEnd);
    add({ name, nStart: a, nEnd: b, batch: note.batch ?? marker?.batch ?? null, phase: note.phase ?? round(marker, a), rule: 'line' });
  }

  // 2d. numbered items: lines (1.A产业园,计划总投资…;) and items inside a sentence after a colon
  // (…的是:1.A…; / 项目:一是A,二是B,三是C): an item's first clause is a name when it ends in a project
  // word; the clause before the colon, or the line before the run when it ends in a colon, gives the batch
  let runEnd = -1;
  let lineEnd = -1;
  let runSent = -1;
  let runMarker: { batch: Batch; phase: string | null } | null = null;
  for (const m of matches(c.numberedLine, text)) {
    const [a0, b0] = m.indices![1]!;
    const colon = /^[:：]/.test(m[0]);
    const sentStart = sentenceOf(m.index).nStart;
    if (/^[,，;；]/.test(m[0])) {
      // after a comma or semicolon: only the next item of a run in the same sentence
      if (runSent !== sentStart) continue;
    } else if (colon || runEnd < 0 || !/^\s*$/.test(text.slice(runEnd, m.index))) {
      // a new run: its intro is the clause before the colon it follows (…排在前五位的是:1.A…), or
      // the line before it when that line ends in a colon
      let k = m.index;
      if (!colon) while (k > 0 && /\s/.test(text[k - 1])) k--;
      runMarker = null;
      if (k > 0 && k < m.index + 1 && /[:：]/.test(text[colon ? k : k - 1])) {
        const sent = sentenceOf(colon ? k : k - 1);
        runMarker = sentenceMarker(text, c, ix, sent.nStart, colon ? k : k - 1);
      }
    }
    runSent = sentStart;
    runEnd = m.index + m[0].length;
    // the end of the match's line (searched once per line)
    if (lineEnd < runEnd) { lineEnd = text.indexOf('\n', runEnd); if (lineEnd < 0) lineEnd = text.length; }
    runEnd = lineEnd;
    let a = a0;
    const b = stripNotes(text, a, b0, c).b;
    if (b <= a || covered[a]) continue;
    const sp = c.stripPrefixes.exec(text.slice(a, b));
    if (sp) a += sp[0].length;
    const name = text.slice(a, b).trim();
    if (!c.anySuffixEnd.test(name) || !acceptName(name, doc, ix, c, a, a + name.length, 'series')) continue;
    if (c.categoryAfter.test(text.slice(a + name.length, a + name.length + 12))) continue;
    const own = sentenceMarker(text, c, ix, sentenceOf(a).nStart, sentenceOf(a).nEnd);
    const mk = own ?? runMarker;
    add({ name, nStart: a, nEnd: a + name.length, batch: mk?.batch ?? null, phase: round(mk, a), rule: 'numbered' });
  }

  // 2c. an enumeration A、B、C whose items all end in a project word
  let seriesDone = -1;
  for (const m of matches(SERIES_SEP, text)) {
    const p = m.index;
    if (p < seriesDone || ix.inBracket[p] || covered[p - 1]) continue;
    const sent = sentenceOf(p);
    const from = lastBreak(text, p, sent.nStart);
    let to = listEnd(text, p, sent.nEnd);
    seriesDone = to;
    // A、B等… ends the enumeration (…等一批科技含量高、带动能力强的项目 is not an item)
    const deng = text.indexOf('等', p);
    if (deng >= 0 && deng < to) to = deng;
    const items = splitItems(doc, ix, from, to, c);
    // A、B和C均由央企、省属企业…: an item before the last that runs on into the sentence ends the enumeration
    const runOn = items.findIndex((it, k) => k > 0 && k < items.length - 1 && !c.anySuffixEnd.test(text.slice(it.a, it.b)) && text.slice(it.a, it.b).search(c.anyAll) >= 0);
    if (runOn > 0) items.length = runOn + 1;
    if (items.length < 2) continue;
    // the last item runs on into the sentence (…项目(第六期投产项目)均已满负荷生产): cut after its last project word
    const last = items[items.length - 1];
    const lastText = text.slice(last.a, last.b);
    if (!c.anySuffixEnd.test(lastText)) {
      let cut = -1;
      for (const mm of matches(c.anyAll, lastText)) if (!ix.inBracket[last.a + mm.index]) cut = mm.index + mm[0].length;
      if (cut <= 0) continue;
      last.b = last.a + cut;
      const note = stripNotes(text, last.a, Math.min(to, notesEndAt(text, last.b)), c);
      if (note.noted) { last.batch = note.batch; last.phase = note.phase ?? last.phase; last.noted = true; }
    }
    if (!items.every((it) => c.anySuffixEnd.test(text.slice(it.a, it.b)))) continue;
    if (!items.some((it) => c.strongTail.test(text.slice(it.a, it.b)))) continue;
    const first = items[0];
    first.a = walkBack(doc, ix, c, first.b, first.a, true);
    for (const it of items) { const sp = c.stripPrefixes.exec(text.slice(it.a, it.b)); if (sp) it.a += sp[0].length; }
    addItems(items, sentenceMarker(text, c, ix, sent.nStart, sent.nEnd), 'series');
  }

  // 3. names ending in a project word
  for (const m of matches(c.strongRe, text)) {
    let s = m.index;
    let e = s + m[0].length;
    if (covered[s]) continue;
    // 产业园区: a longer word, not a name's end
    if (c.suffixNotBefore.test(text.slice(e, e + 4))) continue;
    // 项目为王, 项目数: the project word begins a longer word or modifies the next one
    const endTok = ix.tokAt[e - 1] >= 0 ? doc.tokens[ix.tokAt[e - 1]] : null;
    if (endTok && endTok.nEnd > e && endTok.nStart >= s && !c.stageRe.test(text.slice(e, endTok.nEnd))) continue;
    if (text.endsWith('项目', e) && c.projectNotBefore.test(text.slice(e, e + 4))) continue;
    // the chain goes on: 科技城项目, 科技园(西区)项目, 项目一期
    for (;;) {
      const rest = text.slice(e, e + 24);
      const ch = c.chainRe.exec(rest);
      if (ch && !BREAK.test(ch[0]) && !c.chainNot.test(ch[0])) { e += ch[0].length; continue; }
      break;
    }
    const st = c.stageRe.exec(text.slice(e, e + 6));
    if (st) {
      // 项目一期厂房: the stage belongs to the word after it
      const nt = ix.tokAt[e + st[0].length];
      const next = nt >= 0 ? doc.tokens[nt] : null;
      if (!next || next.nStart !== e + st[0].length || !c.stageNotBefore.has(next.tag)) e += st[0].length;
    }
    if (c.bodyRe.test(text.slice(e, e + 12)) || c.partRe.test(text.slice(e, e + 8))) continue;
    // 为项目企业提供…: 项目 modifies the word after it
    if (text.endsWith('项目', e) && c.projectNotBefore.test(text.slice(e, e + 4))) continue;
    const sent = sentenceOf(s);
    s = walkBack(doc, ix, c, m.index, sent.nStart, false);
    const sp = c.stripPrefixes.exec(text.slice(s, e));
    if (sp) s += sp[0].length;
    // 二是B项目: an ordinal before the name is no part of it
    const num = c.numberingLead.exec(text.slice(s, e));
    if (num) s += num[0].length;
    const name = text.slice(s, e);
    if (!acceptName(name, doc, ix, c, s, e, 'suffix')) continue;
    // …累计参加项目118个: 项目 followed by its count is the projects counted, not a name
    if (name.endsWith('项目') && c.countAfter.test(text.slice(e, e + 8))) continue;
    // …and a kind of project, followed by how many it has (生态环保和农业农村项目。安排项目14个)
    if (c.categoryAfter.test(text.slice(e, e + 12))) continue;
    // 建立订单种植基地30万亩: a kind of facility measured by its size, not a name
    if (/^[0-9０-９一二三四五六七八九十百千万两.]/u.test(text.slice(e, e + 1)) && !hasSpecific(doc, ix, c, s, e - (name.endsWith('项目') ? 2 : 0))) continue;
    // 建成全国一流的主食加工基地: after 的, a name without a specific element is a description
    // …unless 的 follows a venue (主会场设在某镇的X产业园)
    if (s > 0 && text[s - 1] === '的' && !hasSpecific(doc, ix, c, s, e - (name.endsWith('项目') ? 2 : 0))
      && !c.venueBefore.test(text.slice(Math.max(0, s - 16), s))) continue;
    const marker = sentenceMarker(text, c, ix, sent.nStart, sent.nEnd);
    // A研发中心和B项目: a name ending in any project word right before 和/及 is a name too
    const pair = PAIR_BEFORE.exec(text.slice(Math.max(sent.nStart, s - 4), s));
    if (pair) {
      const pe = s - pair[0].length;
      const pb = stripNotes(text, Math.max(sent.nStart, pe - 30), pe).b;
      if (pb > sent.nStart && c.anySuffixEnd.test(text.slice(Math.max(sent.nStart, pb - 8), pb)) && !covered[pb - 1]) {
        let ps = walkBack(doc, ix, c, pb, sent.nStart, true);
        const psp = c.stripPrefixes.exec(text.slice(ps, pb));
        if (psp) ps += psp[0].length;
        const pn = text.slice(ps, pb);
        if (ps < pb && acceptName(pn, doc, ix, c, ps, pb, 'series')) add({ name: pn, nStart: ps, nEnd: pb, batch: marker?.batch ?? null, phase: round(marker, ps), rule: 'pair' });
      }
    }
    add({ name, nStart: s, nEnd: e, batch: marker?.batch ?? null, phase: round(marker, s), rule: 'suffix' });
  }

  // 3b. a weak project word in running text right after a lead (本期开工的X中心, 建设了X集群), the name starting with a place
  for (const m of matches(c.weakRe, text)) {
    const e = m.index + m[0].length;
    if (covered[m.index] || covered[e - 1]) continue;
    const endTok = ix.tokAt[e - 1] >= 0 ? doc.tokens[ix.tokAt[e - 1]] : null;
    if (endTok && endTok.nEnd !== e) continue;
    // 中心城区: a noun after the word makes it a modifier
    const nt = e < text.length ? ix.tokAt[e] : -1;
    if (nt >= 0 && doc.tokens[nt].nStart === e && doc.tokens[nt].tag.startsWith('n')) continue;
    const sent = sentenceOf(m.index);
    const lm = c.weakLead.exec(text.slice(Math.max(sent.nStart, m.index - 30), m.index));
    if (!lm) continue;
    const s = m.index - lm[1].length;
    const name = text.slice(s, e);
    if (!c.leadingRegion.test(name) && !PLACE_LEAD.test(name)) continue;
    if (c.bodyRe.test(text.slice(e, e + 12)) || c.partRe.test(text.slice(e, e + 8))) continue;
    if (!acceptName(name, doc, ix, c, s, e, 'suffix')) continue;
    const marker = sentenceMarker(text, c, ix, sent.nStart, sent.nEnd);
    add({ name, nStart: s, nEnd: e, batch: marker?.batch ?? null, phase: round(marker, s), rule: 'suffix' });
  }

  // a name starts with places from the larger to the smaller (信阳平桥区…); a place followed by one no
  // smaller (在玄武镇鹿邑县…产业园, 鹤壁经开区鹤壁经开区…) is where the project is, not part of its name
  for (const o of out) {
    const cut = placeRunCut(o.name, c, LOCATIVE_BEFORE.test(text.slice(Math.max(0, o.nStart - 3), o.nStart)));
    if (cut > 0) { o.nStart += cut; o.name = o.name.slice(cut); }
  }

  // a place written before a name the article elsewhere writes without it is where the project is
  // (主会场设在新乡经开区X产业园 … X产业园), not part of its name
  const names = new Set(out.map((o) => text.slice(o.nStart, o.nEnd)));
  for (const o of out) {
    for (let k = 0, p; (p = c.placePrefix.exec(o.name.slice(k))); ) {
      k += p[0].length;
      if (o.name.length - k < 4) break;
      // …unless the place is a county or city and the rest has no specific element of its own
      // (某县新型建材循环产业园 … 新型建材循环产业园): then the place is what names it; a zone (经开区) is where it is
      const rest = o.name.slice(k);
      const suf = c.anySuffixEnd.exec(rest);
      if (names.has(rest) && (c.zoneEnd.test(o.name.slice(0, k)) || (LOCATIVE_BEFORE.test(text.slice(Math.max(0, o.nStart - 3), o.nStart))
        && hasSpecific(doc, ix, c, o.nStart + k, o.nStart + k + (suf ? suf.index : rest.length))))) { o.nStart += k; o.name = o.name.slice(k); break; }
    }
  }
  out.sort((a, b) => a.nStart - b.nStart);
  occCache.set(doc.norm, out);
  return out;
}

const LOCATIVE_BEFORE = /(?:在|于|设在|位于|落户|地处)$/u;

/** A name as the source writes it (traditional characters, full-width digits), spaces and markup removed. */
export function sourceName(doc: Doc, nStart: number, nEnd: number): string {
  const { start, end } = sourceSpan(doc.norm, nStart, nEnd);
  return doc.source.slice(start, end).replace(/<[^>]*>/g, '').replace(/\s+/g, '');
}

export function findProjects(doc: Doc, rules: Rules): Project[] {
  const occ = projectOccurrences(doc, rules);
  const byName = new Map<string, Project>();
  const c = compile(rules);
  for (const o of occ) {
    const name = sourceName(doc, o.nStart, o.nEnd);
    // 河南盛鼎…产业园 after 盛鼎…产业园: the same project with its province or city written before it
    let seen = byName.get(name);
    if (!seen) for (let k = 2; k <= 4 && k < name.length - 2; k++) if (c.regionPrefixes.has(name.slice(0, k)) && byName.has(name.slice(k))) seen = byName.get(name.slice(k));
    // X项目 after an earlier name that starts with X: the same project written short
    if (!seen) {
      const suf = c.anySuffixEnd.exec(name);
      const head = suf ? name.slice(0, suf.index) : '';
      if (head.length >= c.aliasMin) for (const p of byName.values()) if (p.name.length > name.length && p.name.startsWith(head)) { seen = p; break; }
    }
    // 全麦营养食品产业园 after 金麦源全麦营养食品产业园项目: the same project without its company
    if (!seen && name.length >= Math.min(c.aliasMin + 4, c.aliasTailMin) && c.anySuffixEnd.test(name)) {
      for (const p of byName.values()) if (p.name.length > name.length && (name.length >= c.aliasMin + 4 ? p.name.includes(name) : p.name.endsWith(name))) { seen = p; break; }
    }
    if (seen) {
      seen.batch ??= o.batch;
      seen.phase ??= o.phase;
      continue;
    }
    const { start, end } = sourceSpan(doc.norm, o.nStart, o.nEnd);
    byName.set(name, { name, start, end, nStart: o.nStart, nEnd: o.nEnd, batch: o.batch, phase: o.phase, rule: o.rule });
  }
  return [...byName.values()];
}

// ---------------------------------------------------------------------------------------------

/** `lead`: the item names its own batch (签约的A), which no clause marker overrides */
interface Item { a: number; b: number; batch: Batch | null; phase: string | null; noted: boolean; lead?: boolean }

function lastBreak(text: string, p: number, floor: number): number {
  let depth = 0;
  for (let k = p - 1; k >= floor; k--) {
    const ch = text[k];
    if (ch === ')' || ch === '）') depth++;
    else if (ch === '(' || ch === '（') { if (depth === 0) return k + 1; depth--; }
    else if (depth === 0 && /[,，。;；:：!！?？\n]/.test(ch)) return k + 1;
  }
  return floor;
}

function listEnd(text: string, q: number, ceil: number): number {
  let depth = 0;
  for (let k = q; k < ceil; k++) {
    const ch = text[k];
    if (ch === '(' || ch === '（') depth++;
    else if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    else if (depth === 0 && /[,，。;；!！?？\n]/.test(ch)) return k;
  }
  return ceil;
}

/** Splits [from, to) at 、 (and at 及/和 after a name that ends in a project word); strips notes. */
function splitItems(doc: Doc, ix: DocIndex, from: number, to: number, c: Compiled): Item[] {
  const text = doc.norm.text;
  const raw: [number, number][] = [];
  let depth = 0;
  let a = from;
  for (let k = from; k < to; k++) {
    const ch = text[k];
    if (ch === '(' || ch === '（') depth++;
    else if (ch === ')' || ch === '）') depth = Math.max(0, depth - 1);
    if (depth > 0) continue;
    if (ch === '、' || c.semis.has(ch)) { raw.push([a, k]); a = k + 1; continue; }
    const sep = c.sepAfterSuffix.exec(text.slice(k, k + 3));
    if (sep && k > a) {
      const before = stripNotes(text, a, k).b;
      // …基地和王屋山…项目: 和 before a word that begins a name of its own (a place, a proper name) separates two items
      const placeNext = (c.placeStart.test(text.slice(k + sep[0].length, k + sep[0].length + 12)) || properAt(doc, ix, c, k + sep[0].length))
        && c.anySuffixEnd.test(text.slice(a, before));
      if (c.splitAfter.test(text.slice(a, before)) || before < k || placeNext) { raw.push([a, k]); a = k + sep[0].length; k = a - 1; }
    }
  }
  raw.push([a, to]);
  const items: Item[] = [];
  for (let [s, e] of raw) {
    while (s < e && !NAME_CHAR.test(text[s]) && text[s] !== '(') s++;
    // a numbered item: (2)B项目, ②B项目, 二是B项目
    const num = c.numberingLead.exec(text.slice(s, e));
    if (num) s += num[0].length;
    let leadBatch: Batch | null = null;
    for (const l of c.campaign.itemLead) {
      const m = l.re.exec(text.slice(s, e));
      if (m) { s += m[0].length; leadBatch = l.batch; break; }
    }
    const investor = c.investorLead.exec(text.slice(s, e));
    if (investor) s += investor[0].length;
    if (/^[0-9一二三四五六七八九十百]+个/u.test(text.slice(s, e))) continue;
    const cut = text.slice(s, e).search(/等(?:[0-9一二三四五六七八九十]+个|一批|$)/u);
    if (cut >= 0) e = s + cut;
    const st = stripNotes(text, s, e, c);
    if (st.b - s < 2) continue;
    items.push({ a: s, b: st.b, batch: st.batch ?? leadBatch, phase: st.phase, noted: st.noted, lead: leadBatch !== null });
  }
  return items;
}

const CELL_SEP = /[\u3000\t]+| {2,}/;
const CELL_SEP_G = /[\u3000\t]+| {2,}/gu;

/** The cells of the name column of tables whose header row has a `name_labels` cell (序号 项目名称 建设地点 …):
 *  cells are split by full-width spaces, tabs or runs of spaces in the source; a row broken over lines
 *  (a cell split by an OCR line break) is joined until it has the header's cells; a row whose first
 *  cell is not a number (合计) is no item. Returns norm spans. */
function tableCells(doc: Doc, c: Compiled): { a: number; b: number }[] {
  const src = doc.source;
  const out: { a: number; b: number }[] = [];
  if (!c.nameLabels.size || !/[\u3000\t]| {2,}/.test(src)) return out;
  const lines: { s: number; e: number }[] = [];
  for (let k = 0; k <= src.length; ) {
    let e = src.indexOf('\n', k);
    if (e < 0) e = src.length;
    lines.push({ s: k, e: src[e - 1] === '\r' ? e - 1 : e });
    k = e + 1;
  }
  const cellsOf = (parts: { s: number; e: number }[]) => {
    // a row given as source pieces (lines joined without a separator): its cells as source spans
    let str = '';
    const at: number[] = [];
    for (const p of parts) for (let k = p.s; k < p.e; k++) { str += src[k]; at.push(k); }
    const cells: { s: number; e: number }[] = [];
    let k = 0;
    for (const m of matches(CELL_SEP_G, str)) {
      if (m.index > k) cells.push({ s: at[k], e: at[m.index - 1] + 1 });
      k = m.index + m[0].length;
    }
    if (k < str.length) cells.push({ s: at[k], e: at[str.length - 1] + 1 });
    return cells.filter((x) => /\S/.test(src.slice(x.s, x.e)));
  };
  for (let li = 0; li < lines.length; li++) {
    const head = lines[li];
    const hs = src.slice(head.s, head.e).trim().split(CELL_SEP);
    if (hs.length < 3) continue;
    const col = hs.findIndex((h) => c.nameLabels.has(h.trim()));
    if (col < 0) continue;
    let lj = li + 1;
    while (lj < lines.length && /\S/.test(src.slice(lines[lj].s, lines[lj].e))) {
      const parts = [lines[lj]];
      let cells = cellsOf(parts);
      while (cells.length < hs.length && lj + 1 < lines.length && /\S/.test(src.slice(lines[lj + 1].s, lines[lj + 1].e))
        && !/^\s*[0-9]{1,3}(?:[\u3000\t]| {2,})/.test(src.slice(lines[lj + 1].s, lines[lj + 1].e))) {
        parts.push(lines[++lj]);
        cells = cellsOf(parts);
      }
      lj++;
      if (cells.length <= col || !/^[0-9]{1,3}$/.test(src.slice(cells[0].s, cells[0].e).trim())) continue;
      const cell = cells[col];
      const a = normAt(doc, cell.s);
      const b = normAt(doc, cell.e);
      if (b > a) out.push({ a, b });
    }
    li = lj - 1;
  }
  return out;
}

/** The first norm offset whose source offset is at or after `s`. */
function normAt(doc: Doc, s: number): number {
  const ts = doc.norm.toSource;
  let lo = 0, hi = ts.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (ts[mid] < s) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Where the bracket notes right after `b` end (b itself when there are none). */
function notesEndAt(text: string, b: number): number {
  let k = b;
  while (text[k] === '(' || text[k] === '（') {
    const close = text.slice(k, k + 24).search(/[)）]/);
    if (close < 0) break;
    k += close + 1;
  }
  return k;
}

function stripNotes(text: string, a: number, b: number, c?: Compiled): { b: number; batch: Batch | null; phase: string | null; noted: boolean } {
  let batch: Batch | null = null;
  let phase: string | null = null;
  let noted = false;
  for (;;) {
    while (b > a && /[\s]/.test(text[b - 1])) b--;
    if (b <= a || !/[)）]/.test(text[b - 1])) break;
    let depth = 0;
    let k = b - 1;
    for (; k >= a; k--) {
      if (/[)）]/.test(text[k])) depth++;
      else if (/[(（]/.test(text[k])) { depth--; if (depth === 0) break; }
    }
    if (k < a) break;
    const note = text.slice(k, b);
    const m = c?.noteRe.exec(note);
    if (m) {
      noted = true;
      const n = smallNumber(m.groups?.phase ?? '');
      phase = n === null ? null : String(n);
      const w = m.groups?.batch ?? m.groups?.bare;
      batch = w === '签约' ? 'signed' : w === '开工' ? 'started' : w === '投产' ? 'producing' : null;
    }
    b = k;
  }
  return { b, batch, phase, noted };
}

/** A note applies to the items since the previous note; items after the last note are the current round's. */
function assignNotes(items: Item[], currentPhase: string | null) {
  let pending: Item[] = [];
  let anyNote = false;
  for (const it of items) {
    pending.push(it);
    if (it.noted) {
      anyNote = true;
      for (const p of pending) { p.phase = it.phase; if (!p.lead) p.batch = it.batch; }
      pending = [];
    }
  }
  // an item that names its own batch (签约的A) keeps it
  if (!anyNote) for (const p of items) { p.phase = null; if (!p.lead) p.batch = null; }
  else for (const p of pending) { p.phase = currentPhase; if (!p.lead) p.batch = null; }
}

function walkBack(doc: Doc, ix: DocIndex, c: Compiled, s: number, floor: number, fromItem: boolean): number {
  const text = doc.norm.text;
  let start = s;
  let i = s > 0 ? ix.tokAt[s - 1] : -1;
  while (i >= 0) {
    const t: Token = doc.tokens[i];
    if (t.nStart < floor) break;
    if (t.nEnd > start) { i--; continue; }
    const w = t.word;
    if (w === ')' || w === '）') {
      const open = Math.max(text.lastIndexOf('(', t.nStart), text.lastIndexOf('（', t.nStart));
      if (open < floor || t.nStart - open > 10 || open === 0 || !NAME_CHAR.test(text[open - 1])) break;
      // …项目(第十期投产项目)B产业园: a note after a whole name ends that name
      if (c.noteRe.test(text.slice(open, t.nEnd)) || c.anySuffixEnd.test(text.slice(Math.max(floor, open - 8), open))) break;
      // before an inner bracket (中国节能(昆山)…) the name runs back to punctuation or a stop word
      start = open;
      let k = open;
      while (k > floor && NAME_CHAR.test(text[k - 1]) && s - k < 30) {
        const ti = ix.tokAt[k - 1];
        if (ti >= 0 && (c.stopWords.has(doc.tokens[ti].word) || (c.stopTags.has(doc.tokens[ti].tag) && !c.keep.has(doc.tokens[ti].word)
          && doc.tokens[ti].nStart < open && !/^[(（)）]$/.test(doc.tokens[ti].word)))) break;
        k = ti >= 0 ? doc.tokens[ti].nStart : k - 1;
      }
      start = k;
      break;
    }
    if (![...w].every((ch) => NAME_CHAR.test(ch)) && !/^[0-9]+\.[0-9]+$/.test(w)) break;
    if (c.stopWords.has(w)) break;
    if (c.innerStop.has(w) && t.nEnd < s && !c.stageRe.test(text.slice(t.nEnd, s))) break;
    // A项目(一期)和B项目, A中心和长垣市B中心项目: 和/及 after a whole name separates two names
    if (c.sepAfterSuffix.test(w)) {
      const before = text.slice(Math.max(floor, t.nStart - 12), t.nStart).replace(/[(（][^()（）]{0,10}[)）]$/u, '');
      if (c.splitAfter.test(before)) break;
      if (c.anySuffixEnd.test(before) && (c.placeStart.test(text.slice(t.nEnd, t.nEnd + 12)) || properAt(doc, ix, c, t.nEnd))) break;
    }
    // 三轮摩托车: a numeral glued to a word that is no unit is part of a name
    const nameNumeral = t.tag === 'm' && /^[一二三四五六七八九十两]+[\u4e00-\u9fa5]$/u.test(w) && !c.unitWords.has(w.slice(-1));
    const quantity = !nameNumeral && (t.tag === 'm' || t.tag === 'q' || /^[0-9.]+$/.test(w));
    if (nameNumeral) {
      // part of the name
    } else if (quantity) {
      // numbers stay only after 年产/新建: look back a few words for one
      let lead = false;
      for (let j = i - 1; j >= Math.max(0, i - c.leadWindow); j--) if (c.quantityLead.has(doc.tokens[j].word)) lead = true;
      // 陕州区 | 10 | 万吨 | 铝箔…项目: a number right after a place (over numbers and units only)
      if (!lead) {
        let j = i - 1;
        while (j >= 0 && doc.tokens[j].nStart >= floor && doc.tokens[j].nEnd === doc.tokens[j + 1].nStart
          && (doc.tokens[j].tag === 'm' || doc.tokens[j].tag === 'q' || /^[0-9.]+$/.test(doc.tokens[j].word))) j--;
        const pl = j >= 0 ? doc.tokens[j] : null;
        lead = pl !== null && pl.nStart >= floor && pl.nEnd === doc.tokens[j + 1].nStart && c.regionWord.test(pl.word);
      }
      if (!lead) break;
    } else if (c.stopTags.has(t.tag) && !c.keep.has(w)) {
      // 结构 | 件/zg | 扩产项目: a one-character morpheme glued between two words of the name
      const prev = i > 0 ? doc.tokens[i - 1] : null;
      const glued = c.glueTags.has(t.tag) && w.length === 1 && prev !== null && prev.nEnd === t.nStart
        && prev.nStart >= floor && prev.word.length >= 2 && isNameWord(prev, c);
      // 减速 | 机 | 生产基地项目: a verb glued to a one-character head of the name is a noun with it
      const next = doc.tokens[i + 1];
      const compound = c.placeVerbTags.has(t.tag) && next !== undefined && next.nStart === start && t.nEnd === start
        && c.compoundHeads.has(next.word);
      if (!glued && !compound) {
        const ps = placeLedStart(doc, c, i, floor);
        if (ps >= 0) start = ps;
        break;
      }
    }
    if (s - t.nStart > 40) break;
    start = t.nStart;
    i--;
  }
  if (fromItem && start === s) return s;
  // a place written right before the name belongs to it (濮阳县…产业园), whatever jieba made of it
  const place = c.trailingRegion.exec(text.slice(Math.max(floor, start - 16), start));
  if (place) start -= place[0].length;
  else for (let k = 1; k <= 3 && start - k >= floor; k++) {
    // a place jieba cut in two across the start (上 | 街区…)
    const lead = c.leadingRegion.exec(text.slice(start - k, start - k + 16));
    if (lead && lead[0].length > k) { start -= k; break; }
  }
  // leading function words, numbers and classifiers are not part of a name
  for (;;) {
    const i2 = ix.tokAt[start];
    if (i2 < 0 || start >= s) break;
    const t = doc.tokens[i2];
    if (t.nStart !== start) break;
    if (c.stripLeading.has(t.word) || t.tag === 'm' || t.tag === 'q' || /^[0-9]+$/.test(t.word)) { start = t.nEnd; continue; }
    break;
  }
  return start;
}

const PLACE_END = /[省市县区镇乡]/u;

/** Where a name's leading run of places should be cut (0: nowhere): after the last place that is
 *  followed by a place of the same or a larger level, or by a company's full name. `located`: 在 or
 *  the like is right before the name. */
function placeRunCut(name: string, c: Compiled, located: boolean): number {
  const run: { end: number; level: number }[] = [];
  // the tail of the word before (产业集聚区 | 延津县…项目: 区延津县…) is no part of the name that a place begins
  let lead = 0;
  if (/^[区县市镇乡]/u.test(name) && c.placeLevels.some((re) => re.test(name.slice(1)))) lead = 1;
  let k = lead;
  while (run.length < 6) {
    const rest = name.slice(k);
    let len = 0, level = -1;
    c.placeLevels.forEach((re, L) => { const m = re.exec(rest); if (m && m[0].length > len) { len = m[0].length; level = L; } });
    // a city written without 市 counts only before another place (鹤壁 | 经开区), not before a word (信阳 | 毛尖茶)
    // (or, after 在, right after a smaller place: 在北关区 | 安阳北关…项目, where a name would have the city first;
    // 浉河区信阳毛尖茶…示范园 is a name with its tea)
    if (level >= 0 && !/(?:省|市|县|区|自治区)$/.test(rest.slice(0, len)) && !c.placeLevels.some((re) => re.test(rest.slice(len)))
      && !(located && run.length > 0 && level < run[run.length - 1].level)) break;
    if (level < 0) {
      // a town counts only before a known place
      const t = c.townBefore.exec(rest);
      if (!t || !c.placeLevels.some((re) => re.test(rest.slice(t[0].length)))) break;
      len = t[0].length; level = 3;
    }
    k += len;
    // a zone's generic name after a place is that place's zone (汝南县 | 产业集聚区: one place), no second place
    if (run.length > 0 && c.zones.has(rest.slice(0, len))) { run[run.length - 1].end = k; continue; }
    run.push({ end: k, level });
  }
  let cut = lead;
  for (let i = 0; i + 1 < run.length; i++) if (run[i + 1].level <= run[i].level) cut = run[i].end;
  // a place before a company's full name (…示范区 | 开封奥新…有限公司年产…项目, 兰考县 | 河南恒翌…有限公司…) is
  // where the company's project is
  // (the last place end before the company: 开封城乡一体化示范区 ends at 区, not at 乡)
  // (…but a company named without a place of its own is the place's: 正阳县昊禾农业科技有限公司…项目 keeps its county)
  for (let p = 2; p < name.length - 6; p++) {
    if (PLACE_END.test(name[p - 1]) && c.companyStart.test(name.slice(p)) && c.placeLevels.some((re) => re.test(name.slice(p)))) cut = Math.max(cut, p);
  }
  return name.length - cut >= 4 ? cut : 0;
}

/** A word that may be inside a name: name characters, not a stop word, not of a stop tag (or kept). */
function isNameWord(t: Token, c: Compiled): boolean {
  return [...t.word].every((ch) => NAME_CHAR.test(ch)) && !c.stopWords.has(t.word) && (!c.stopTags.has(t.tag) || c.keep.has(t.word));
}

/** A word of a proper-name tag (a place, a person's or brand name) begins at `n`. */
function properAt(doc: Doc, ix: DocIndex, c: Compiled, n: number): boolean {
  const i = ix.tokAt[n];
  if (i < 0) return false;
  const t = doc.tokens[i];
  return t.nStart === n && (c.properTags.has(t.tag) || c.regionWord.test(t.word));
}

/** The walk stopped at token i, a verb: when a place word that starts the clause comes before it,
 *  over name words and such verbs only (确山县 | 提琴/v | 产业园, 镇平县 | 废旧/v | 家电 | 拆解/v | 项目
 *  after punctuation, 在 or a clause word such as 其中), the verbs are part of a name that starts with the place. */
function placeLedStart(doc: Doc, c: Compiled, i: number, floor: number): number {
  const verb = (t: Token) => c.placeVerbTags.has(t.tag) && t.word.length === 2 && !c.placeVerbNot.has(t.word);
  if (!verb(doc.tokens[i])) return -1;
  for (let j = i - 1; j >= 0 && j >= i - 8; j--) {
    const t = doc.tokens[j];
    if (t.nStart < floor || t.nEnd !== doc.tokens[j + 1].nStart) return -1;
    if (c.regionWord.test(t.word)) {
      const b = j > 0 ? doc.tokens[j - 1] : null;
      const boundary = !b || b.nStart < floor || b.nEnd !== t.nStart || ![...b.word].every((ch) => NAME_CHAR.test(ch))
        || (c.stopTags.has(b.tag) && !c.keep.has(b.word)) || c.stopWords.has(b.word);
      return boundary ? t.nStart : -1;
    }
    if (!verb(t) && !isNameWord(t, c)) return -1;
  }
  return -1;
}

function acceptName(name: string, doc: Doc, ix: DocIndex, c: Compiled, a: number, b: number, mode: 'intro' | 'suffix' | 'bare' | 'series'): boolean {
  if (name.length < 2 || name.length > 60) return false;
  // figures are not a name (投资额分别为12.6亿元、8.3亿元和5亿元): nothing but figures and the words joining them
  if (doc.mentions.some((m) => m.nStart === a)) {
    let rest = '';
    let k = a;
    for (const m of doc.mentions) {
      if (m.nStart < a || m.nEnd > b) continue;
      rest += doc.norm.text.slice(k, m.nStart);
      k = m.nEnd;
    }
    rest += doc.norm.text.slice(k, b);
    if (/^[\s、和及与]*$/u.test(rest)) return false;
  }
  // a name can hold a size (年产3万吨, 100兆瓦) but never an amount, a rate or a growth: 项目:总投资4.5亿元
  // is the figure of the name before the colon
  for (const m of doc.mentions) {
    if (m.nStart >= a && m.nEnd <= b && (m.kind === 'money' || m.kind === 'percent' || m.kind === 'pp')) return false;
  }
  const bare = name.replace(/["“”]/g, '');
  if (c.genericNames.has(bare) || c.genericWords.test(bare)) return false;
  if (/(?:有限公司|公司|集团|管委会|局|委员会)$/.test(bare)) return false;
  // a name never starts with the generic word (一个项目一个项目)
  if (bare.startsWith('项目')) return false;
  const modifier = bare.replace(/项目$/, '');
  if (modifier.length < 2) return false;
  if (mode === 'intro') return true;
  // 某县12个项目, 某市2023年项目: a count phrase
  if (c.countPhrase.test(bare)) return false;
  {
    // 老工业基地: a head of generic words only; 某区工业园: a place and a project word only (an area)
    const suf = c.anySuffixEnd.exec(bare);
    const head = suf ? bare.slice(0, suf.index) : bare;
    if (c.genericHead.test(head)) return false;
    const lead = c.leadingRegion.exec(head);
    if (mode !== 'series' && ((lead && lead[0].length === head.length) || (c.regionWord.test(head) && !/小镇$/.test(head)))) return false;
  }
  if (mode === 'series') {
    // an item of A、B、C or a list line: the list says what it is; it still needs a name of its own
    const suf = c.anySuffixEnd.exec(bare);
    const head = suf ? bare.slice(0, suf.index) : bare;
    if (c.regionPrefixes.has(head) || /^[\u4e00-\u9fa5]{1,6}(?:区|县|市|省)$/.test(head) || head.includes('的')) return false;
    const lead = c.leadingRegion.exec(head);
    if (lead && head.length - lead[0].length < 2) return false;
    if (head.length >= c.seriesPlainMin) return true;
    return head.length >= c.seriesModifierMin && hasSpecific(doc, ix, c, a, a + head.length);
  }
  if (c.regionPrefixes.has(modifier) || /^[\u4e00-\u9fa5]{1,6}(?:区|县|市|省)$/.test(modifier)) return false;
  // 乡镇(街道)项目, 各村项目: places in general
  if (/^(?![\u4e00-\u9fa5]*小镇$)[\u4e00-\u9fa5]{1,3}(?:镇|乡|村|街道)$/.test(modifier.replace(/[(（][^()（）]*[)）]/g, ''))) return false;
  // a place and a word or two (临颍县入库项目, 上街区正以项目) is a phrase about the place, not a name
  const lead = c.leadingRegion.exec(modifier);
  if (lead && modifier.length - lead[0].length < 3) return false;
  // a specific element: a name word (brand, place, person), a number, an unknown word
  const specificWord = mode === "bare" ? true : hasSpecific(doc, ix, c, a, b - (bare.endsWith('项目') ? 2 : 0));
  if (mode === 'bare') return bare.length >= c.bareMin; // an item of A、B等项目: the list says it is a project
  if (bare.endsWith('项目')) return specificWord && modifier.length >= c.modifierMin;
  return specificWord || modifier.length >= c.plainMin;
}


function hasSpecific(doc: Doc, ix: DocIndex, c: Compiled, a: number, b: number): boolean {
  for (let k = a; k < b; ) {
    const i = ix.tokAt[k];
    if (i < 0) { k++; continue; }
    const t = doc.tokens[i];
    if (c.specific.has(t.tag) && !c.strongEnd.test(t.word)) return true;
    k = Math.max(t.nEnd, k + 1);
  }
  return false;
}

/** The round the article reports: the one its headline names, else its highest 第N期 in a campaign paragraph,
 *  leaving out coming rounds (力争第十一期) unless there are only those. */
const phaseCache = new WeakMap<NormText, string | null>();
export function docCurrentPhase(doc: Doc, c: Pick<Compiled, 'campaign'>, ix: DocIndex): string | null {
  // (the projects and the facts stage both ask: read once per document)
  if (phaseCache.has(doc.norm)) return phaseCache.get(doc.norm)!;
  const phase = reportedPhase(doc, c, ix);
  phaseCache.set(doc.norm, phase);
  return phase;
}

function reportedPhase(doc: Doc, c: Pick<Compiled, 'campaign'>, ix: DocIndex): string | null {
  const text = doc.norm.text;
  // the round a headline names is the one reported, whatever later rounds the article plans
  // (in a headline line that names the campaign: 简报 2025年第1期 is an issue number)
  const head = headline(doc);
  if (head) {
    const named = new Set<string>();
    for (const p of doc.paragraphs) {
      if (p.nStart < head.nStart || p.nEnd > head.nEnd || !c.campaign.campaign.test(text.slice(p.nStart, p.nEnd))) continue;
      for (const m of phaseMarkers(c.campaign, text, p.nStart, p.nEnd)) if (/^\d+$/.test(m.phase) && !ix.inBracket[m.nStart]) named.add(m.phase);
    }
    if (named.size === 1) return [...named][0];
  }
  // the highest round that is not a coming one in a paragraph naming the campaign; failing that, in any other
  // paragraph of an article that names it (第十七期又有4个项目亮相); failing that, the highest named at all
  const highest = (campaignParas: boolean) => {
    let best = 0, any = 0, named = false;
    for (const p of doc.paragraphs) {
      const campaign = c.campaign.campaign.test(text.slice(p.nStart, p.nEnd));
      named ||= campaign;
      if (campaign !== campaignParas) continue;
      for (const m of phaseMarkers(c.campaign, text, p.nStart, p.nEnd)) {
        if (ix.inBracket[m.nStart] || !/^\d+$/.test(m.phase)) continue;
        any = Math.max(any, Number(m.phase));
        if (c.campaign.futureRound.test(text.slice(Math.max(p.nStart, m.nStart - 8), m.nStart))) continue;
        if (c.campaign.futureRoundAfter.test(text.slice(m.nEnd, Math.min(p.nEnd, m.nEnd + 16)))) continue;
        best = Math.max(best, Number(m.phase));
      }
    }
    return { best, any, named };
  };
  const inCampaign = highest(true);
  const best = inCampaign.best || (inCampaign.named ? highest(false).best : 0) || inCampaign.any;
  return best ? String(best) : null;
}

/** A table's caption: the short line right above its header, naming the campaign (附表:第十五期"三个一批"部分
 *  项目情况), and the round it names, if one. (With a batch too, it is a heading sectionMarker reads.) */
function tableCaption(doc: Doc, c: Compiled, ix: DocIndex, head: number): { from: number; phase: string | null } | null {
  const text = doc.norm.text;
  if (head < 2 || text[head - 1] !== '\n') return null;
  const from = text.lastIndexOf('\n', head - 2) + 1;
  if (head - 1 - from > CAPTION_MAX || !c.campaign.campaign.test(text.slice(from, head - 1))) return null;
  const phases = new Set(phaseMarkers(c.campaign, text, from, head - 1).filter((m) => !ix.inBracket[m.nStart]).map((m) => m.phase));
  return { from, phase: phases.size === 1 ? [...phases][0] : null };
}
const CAPTION_MAX = 40;

/** The one batch marker of a sentence, with the round written right before it (第五期"三个一批"开工项目). */
/** a numbered section's mark (一、, (二), 3.) */
const SECTION_MARK = /^\s*(?:[一二三四五六七八九十]{1,2}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．](?!\d))/u;

function sentenceMarker(text: string, c: Compiled, ix: DocIndex, from: number, to: number): { batch: Batch; phase: string | null } | null {
  const ms = batchMarkers(c.campaign, text, from, to).filter((m) => !ix.inBracket[m.nStart]);
  if (ms.length !== 1) return null;
  return { batch: ms[0].batch, phase: attachedPhase(text, c.campaign, ms[0], from) };
}

export function attachedPhase(text: string, camp: Campaign, m: BatchMarker, floor: number): string | null {
  const from = Math.max(floor, m.nStart - 12);
  const ps = phaseMarkers(camp, text, from, m.nStart);
  const last = ps[ps.length - 1];
  if (!last) return null;
  const between = text.slice(last.nEnd, m.nStart);
  return /^[省市区县"“”'‘’\s]{0,4}$/.test(between) && !/三个一批/.test(between) ? last.phase : (/^["“”'‘’]?三个一批["“”'‘’]?$/.test(between) ? last.phase : null);
}

function sentenceLookup(doc: Doc): (n: number) => { nStart: number; nEnd: number } {
  const ss = doc.sentences;
  return (n: number) => {
    let lo = 0, hi = ss.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ss[mid].nEnd <= n) lo = mid + 1;
      else if (ss[mid].nStart > n) hi = mid - 1;
      else return ss[mid];
    }
    return { nStart: 0, nEnd: doc.norm.text.length };
  };
}
export { sentenceLookup };
