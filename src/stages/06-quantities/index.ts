import type { Approx, Kind, QuantityHit, StatTable, Token } from '../../model.js';
import type { Rules } from '../../rules/load.js';
import { type Dec, add, cmp, dec, div, isInteger, mul, parseDec, shift, toFixed, toString } from './decimal.js';
import { type Numeral, type NumeralTables, isAsciiDigit, readArabic, readChinese, scale, spokenPair } from './numerals.js';
import type { ApproxRules, ExclusionRules, QuantitiesRules, UnitsRules } from './rules.js';

// Stage 6: every quantity in the normalised text. One left-to-right pass: at each character that
// can start a number, read  [sign] numeral [余/多] [multipliers 万/亿] [余/多] [unit] [半]
// (or a fraction 三分之一 / 百分之三十), then perhaps a range's upper end, then approximation
// words around it; exclusions (dates, ordinals, codes, slogans, 一 as an article) drop it.
// All data comes from the rules files; they are compiled once per rules object.

interface UnitDef { surface: string; kind: Kind; unit: string | null; notFollowedBy: string[] }
interface ApproxWord { word: string; approx: Approx; inSpan: boolean; kinds: Set<Kind> | null; notAfter: string }

interface Compiled {
  tables: NumeralTables;
  half: string;
  halfNotAfter: Set<string>;
  multipliers: Map<string, number>;
  joiners: string[];
  rangeSeps: string[];
  listJoiners: Set<string>;
  minus: Set<string>;
  fractionInfix: string;
  percentDenominator: Dec;
  fractionPlaces: number;
  shares: { word: string; percent: Dec; max: Dec; notBefore: string[] } | null;
  money: { unit: string; minExp: number; window: number; breaks: Set<string>; cues: string[] };
  unitAlone: { multipliers: Set<string>; units: string[]; after: string[] } | null;
  unitsByFirst: Map<string, UnitDef[]>;
  approxBefore: ApproxWord[];
  approxAfter: ApproxWord[];
  approxInside: ApproxWord[];
  fixedNames: string[];
  /** indexes into fixedNames by the char code each name starts with */
  fixedByFirst: Map<number, number[]>;
  ordinalPrefixes: Set<string>;
  ordinalNot: string[];
  codeBefore: Set<string>;
  codeAfter: Set<string>;
  latin: boolean;
  yearUnits: Set<string>;
  yearMin: Dec;
  yearMax: Dec;
  sloganMarks: [string, string][];
  sloganMax: number;
  sloganSpare: number;
  quotedAmountMin: number;
  titleMarks: [string, string][];
  titleMax: number;
  one: { numerals: Set<string>; kinds: Set<Kind>; cuesBefore: string[]; cuesAfter: string[] };
  startsWord: boolean;
  sloganClassifiers: Set<string>;
  rankNouns: string[];
  /** by char code: 1 a quantity can start here, 2 only if an ASCII digit follows (a minus sign) */
  startCodes: Uint8Array;
}

type QuantityRuleSet = { quantities: QuantitiesRules; units: UnitsRules; approx: ApproxRules; exclusions: ExclusionRules };

const byLengthDesc = (a: { length: number } | string, b: { length: number } | string) =>
  (b as string).length - (a as string).length;

const compiledCache = new WeakMap<object, Compiled>();

export function compile(rules: QuantityRuleSet): Compiled {
  let c = compiledCache.get(rules.quantities);
  if (c) return c;
  const q = rules.quantities;
  const u = rules.units;
  const a = rules.approx;
  const x = rules.exclusions;
  const unitsByFirst = new Map<string, UnitDef[]>();
  const addUnits = (kind: Kind, group: Record<string, string | null> | undefined) => {
    for (const [surface, unit] of Object.entries(group ?? {})) {
      const def: UnitDef = { surface, kind, unit, notFollowedBy: u.not_followed_by[surface] ?? [] };
      const list = unitsByFirst.get(surface[0]) ?? [];
      list.push(def);
      unitsByFirst.set(surface[0], list);
    }
  };
  addUnits('money', u.money);
  addUnits('count', u.count);
  addUnits('percent', u.percent);
  addUnits('pp', u.pp);
  addUnits('measure', u.measure);
  addUnits('duration', u.duration);
  addUnits('ratio', u.ratio);
  for (const list of unitsByFirst.values()) list.sort((m, n) => n.surface.length - m.surface.length);
  const approxList = (list: { word: string; approx: Approx; in_span?: boolean; kinds?: Kind[]; not_after?: string }[], inSpanDefault: boolean) =>
    list
      .map((w) => ({
        word: w.word, approx: w.approx, inSpan: w.in_span ?? inSpanDefault,
        kinds: w.kinds ? new Set(w.kinds) : null, notAfter: w.not_after ?? '',
      }))
      .sort((m, n) => n.word.length - m.word.length);
  const pairs = (marks: string[]) => marks.map((m) => [m[0], m[1]] as [string, string]);
  const parts: Omit<Compiled, 'startCodes' | 'fixedByFirst'> = {
    tables: {
      digits: new Map(Object.entries(q.numerals.digits)),
      small: new Map(Object.entries(q.numerals.places)),
      big: new Map(Object.entries(q.numerals.sections)),
      point: new Set(q.numerals.point),
    },
    half: q.numerals.half,
    halfNotAfter: new Set(q.numerals.half_not_after),
    multipliers: new Map(Object.entries(q.multipliers)),
    joiners: [...q.multiplier_joiners].sort(byLengthDesc),
    rangeSeps: [...q.range_separators].sort(byLengthDesc),
    listJoiners: new Set(q.list_joiners),
    minus: new Set(q.minus_signs),
    fractionInfix: q.fractions.infix,
    percentDenominator: dec(q.fractions.percent_denominator),
    fractionPlaces: q.fractions.places,
    shares: q.shares ? { word: q.shares.word, percent: dec(q.shares.percent), max: dec(q.shares.max), notBefore: q.shares.not_before } : null,
    money: {
      unit: q.money_without_unit.unit,
      minExp: q.money_without_unit.min_multiplier,
      window: q.money_without_unit.window,
      breaks: new Set(q.money_without_unit.clause_breaks),
      cues: q.money_without_unit.cues,
    },
    unitAlone: q.unit_alone
      ? { multipliers: new Set(q.unit_alone.multipliers), units: [...q.unit_alone.units].sort(byLengthDesc), after: [...q.unit_alone.after].sort(byLengthDesc) }
      : null,
    unitsByFirst,
    approxBefore: approxList(a.before, false),
    approxAfter: approxList(a.after, true),
    approxInside: approxList(a.inside, true),
    fixedNames: [...x.fixed_names].sort(byLengthDesc),
    ordinalPrefixes: new Set(x.ordinal_prefixes),
    ordinalNot: x.ordinal_prefix_words_not,
    codeBefore: new Set(x.code_neighbours.before),
    codeAfter: new Set(x.code_neighbours.after),
    latin: x.code_neighbours.latin_letters,
    yearUnits: new Set(x.years.units),
    yearMin: dec(x.years.min),
    yearMax: dec(x.years.max),
    sloganMarks: pairs(x.quotes.slogan_marks),
    sloganMax: x.quotes.slogan_max_chars,
    sloganSpare: x.quotes.slogan_spare_chars,
    quotedAmountMin: x.quotes.quoted_amount_min_chars,
    titleMarks: pairs(x.quotes.title_marks),
    titleMax: x.quotes.title_max_chars,
    one: {
      numerals: new Set(x.indefinite_one.numerals),
      kinds: new Set(x.indefinite_one.kinds),
      cuesBefore: [...x.indefinite_one.cues_before].sort(byLengthDesc),
      cuesAfter: [...x.indefinite_one.cues_after].sort(byLengthDesc),
    },
    startsWord: x.chinese_numeral_starts_word,
    sloganClassifiers: new Set(x.slogan_classifiers),
    rankNouns: x.rank_nouns,
  };
  const fixedByFirst = new Map<number, number[]>();
  for (const [n, name] of parts.fixedNames.entries()) {
    const first = name.charCodeAt(0);
    if (!fixedByFirst.has(first)) fixedByFirst.set(first, []);
    fixedByFirst.get(first)!.push(n);
  }
  c = { ...parts, fixedByFirst, startCodes: startCodes(parts) };
  compiledCache.set(rules.quantities, c);
  return c;
}

// ---------------------------------------------------------------------------------------------

/** One number with what follows it: 3600万余元, 5.3个百分点, 两年半, 三分之一. */
interface Simple {
  start: number; // first character, sign included
  numeral: Numeral;
  base: Dec; // the numeral's value (signed), before multipliers
  value: Dec; // scaled by the multipliers
  exp: number;
  joined: boolean; // 两个亿: number + joiner + multiplier
  unit: UnitDef | null;
  end: number;
  inside: Approx | null;
  half: boolean;
  fraction: boolean;
  isHalfNumeral: boolean;
  /** a spoken estimate's upper end (五六个亿: 6亿), scaled like value */
  max?: Dec | null;
}

interface UnitMatch { def: UnitDef; end: number; inside: Approx | null; half: boolean }

const isLatin = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);
const isLatinOrDigit = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);

/** The longest unit at pos: a plain surface (个百分点, 千瓦, 亿人次) or a joined one (个多月, 个半小时). */
function matchUnit(text: string, pos: number, c: Compiled): UnitMatch | null {
  const direct = matchDirectUnit(text, pos, c);
  const joined = matchJoinedUnit(text, pos, c);
  if (direct && joined) return joined.end > direct.end ? joined : direct;
  return direct ?? joined;
}

function matchDirectUnit(text: string, pos: number, c: Compiled): UnitMatch | null {
  const ch = text[pos];
  if (ch === undefined) return null;
  const list = c.unitsByFirst.get(ch);
  if (!list) return null;
  for (const def of list) {
    if (!text.startsWith(def.surface, pos)) continue;
    const end = pos + def.surface.length;
    if (def.notFollowedBy.some((w) => text.startsWith(w, end))) continue;
    if (isLatin(def.surface[def.surface.length - 1]) && isLatin(text[end])) continue;
    return { def, end, inside: null, half: false };
  }
  return null;
}

function matchJoinedUnit(text: string, pos: number, c: Compiled): UnitMatch | null {
  // 个 + 多/余/半 + 月: "3个多月", "一个半小时" — units written with a leading joiner
  for (const joiner of c.joiners) {
    if (!text.startsWith(joiner, pos)) continue;
    const mid = pos + joiner.length;
    let inside: Approx | null = null;
    let half = false;
    let after = -1;
    if (text[mid] === c.half) { half = true; after = mid + 1; }
    else {
      const w = c.approxInside.find((aw) => text.startsWith(aw.word, mid));
      if (w) { inside = w.approx; after = mid + w.word.length; }
    }
    if (after < 0) continue;
    const joinedList = c.unitsByFirst.get(joiner[0]) ?? [];
    for (const def of joinedList) {
      if (!def.surface.startsWith(joiner) || def.surface.length === joiner.length) continue;
      const rest = def.surface.slice(joiner.length);
      if (!text.startsWith(rest, after)) continue;
      const end = after + rest.length;
      if (def.notFollowedBy.some((w) => text.startsWith(w, end))) continue;
      return { def, end, inside, half };
    }
  }
  return null;
}

function readNumeral(text: string, p: number, c: Compiled): Numeral | null {
  if (isAsciiDigit(text[p])) return readArabic(text, p);
  return readChinese(text, p, c.tables);
}

const HALF = parseDec('0.5');

function readSimple(text: string, i: number, c: Compiled): Simple | null {
  let p = i;
  let negative = false;
  if (c.minus.has(text[p]) && isAsciiDigit(text[p + 1])) {
    const prev = text[p - 1];
    if (prev !== undefined && (isLatinOrDigit(prev) || prev === '%' || prev === '.')) return null;
    negative = true;
    p++;
  }
  // 半年, 半个月: a lone half
  if (text[p] === c.half) {
    const m = matchUnit(text, p + 1, c);
    if (!m || m.half || (m.def.kind !== 'duration' && m.def.kind !== 'measure')) return null;
    const numeral: Numeral = { start: p, end: p + 1, value: HALF, chinese: true, digitSequence: false, bare: false, plainInteger: false };
    return { start: i, numeral, base: HALF, value: HALF, exp: 0, joined: false, unit: m.def, end: m.end, inside: m.inside, half: false, fraction: false, isHalfNumeral: true };
  }
  let numeral = readNumeral(text, p, c);
  if (!numeral) return null;
  // 五六个亿, 十六七个: two numbers side by side are a spoken range, not a code
  const pair = numeral.chinese ? spokenPair(numeral.text!, c.tables) : null;
  if (pair) numeral = { ...numeral, value: pair.low, digitSequence: false };
  const base = negative ? { m: -numeral.value.m, s: numeral.value.s } : numeral.value;
  // fractions: 三分之一, 百分之三十
  if (text.startsWith(c.fractionInfix, numeral.end)) {
    const top = readNumeral(text, numeral.end + c.fractionInfix.length, c);
    if (top && !top.digitSequence && numeral.value.m !== 0n) {
      const isPercent = cmp(numeral.value, c.percentDenominator) === 0;
      const unit: UnitDef = isPercent
        ? { surface: '', kind: 'percent', unit: '%', notFollowedBy: [] }
        : { surface: '', kind: 'ratio', unit: null, notFollowedBy: [] };
      const value = isPercent ? top.value : div(top.value, numeral.value, c.fractionPlaces);
      return { start: i, numeral: { ...numeral, bare: false }, base: value, value, exp: 0, joined: false, unit, end: top.end, inside: null, half: false, fraction: true, isHalfNumeral: false };
    }
  }
  // 三成, 六成以上: a share in tenths is a percent
  const sh = c.shares;
  if (sh && !negative && text.startsWith(sh.word, numeral.end) && isInteger(numeral.value) && numeral.value.m > 0n
    && cmp(numeral.value, sh.max) <= 0 && !sh.notBefore.some((w) => text.startsWith(w, numeral.end + sh.word.length))) {
    const value = mul(numeral.value, sh.percent);
    const unit: UnitDef = { surface: sh.word, kind: 'percent', unit: '%', notFollowedBy: [] };
    return { start: i, numeral: { ...numeral, bare: false }, base: value, value, exp: 0, joined: false, unit, end: numeral.end + sh.word.length, inside: null, half: false, fraction: false, isHalfNumeral: false };
  }
  // [余/多] [joiner] [multipliers] [余/多] — every stop is a place a unit may start
  type Stop = { pos: number; exp: number; inside: Approx | null; joined: boolean };
  const stops: Stop[] = [{ pos: numeral.end, exp: 0, inside: null, joined: false }];
  let pos = numeral.end;
  let inside: Approx | null = null;
  const takeInside = () => {
    if (inside) return;
    const w = c.approxInside.find((aw) => text.startsWith(aw.word, pos));
    if (w && (c.multipliers.has(text[pos + w.word.length]) || c.unitsByFirst.has(text[pos + w.word.length]))) {
      inside = w.approx;
      pos += w.word.length;
      stops.push({ pos, exp: 0, inside, joined: false });
    }
  };
  takeInside();
  let exp = 0;
  let joined = false;
  for (const j of c.joiners) {
    if (!text.startsWith(j, pos)) continue;
    if ((c.multipliers.get(text[pos + j.length]) ?? 0) >= c.money.minExp) {
      pos += j.length;
      joined = true;
      break;
    }
    // 8个多亿: the approximation between the joiner and the multiplier
    const w = inside ? undefined : c.approxInside.find((aw) => text.startsWith(aw.word, pos + j.length));
    if (w && (c.multipliers.get(text[pos + j.length + w.word.length]) ?? 0) >= c.money.minExp) {
      pos += j.length + w.word.length;
      inside = w.approx;
      joined = true;
      break;
    }
  }
  while (c.multipliers.has(text[pos])) {
    exp += c.multipliers.get(text[pos])!;
    pos++;
    stops.push({ pos, exp, inside, joined });
  }
  if (exp > 0) {
    const before = stops.length;
    takeInside();
    if (stops.length > before) stops[stops.length - 1].exp = exp;
  }
  let chosen: Stop = stops[stops.length - 1];
  let unit: UnitMatch | null = null;
  for (let k = stops.length - 1; k >= 0; k--) {
    if (joined && !stops[k].joined) break; // 两个亿: the joiner is not the unit 个
    const m = matchUnit(text, stops[k].pos, c);
    if (m) { chosen = stops[k]; unit = m; break; }
  }
  if (joined && chosen.exp === 0) return null; // 两个 + ... without the multiplier: read again as a plain count
  let value = scale(base, chosen.exp);
  let end = unit ? unit.end : chosen.pos;
  let half = false;
  if (unit?.half) { value = add(value, negative ? { m: -5n, s: 1 } : HALF); half = true; }
  else if (unit && (unit.def.kind === 'duration' || unit.def.kind === 'measure') && text[end] === c.half && chosen.exp === 0) {
    value = add(value, HALF);
    half = true;
    end++;
  }
  return {
    start: i, numeral, base, value, exp: chosen.exp, joined: chosen.joined, unit: unit?.def ?? null, end,
    inside: chosen.inside ?? unit?.inside ?? null, half, fraction: false, isHalfNumeral: false,
    max: pair && !half ? scale(pair.high, chosen.exp) : null,
  };
}

// ---------------------------------------------------------------------------------------------

interface Context {
  text: string;
  c: Compiled;
  excluded: Uint8Array; // 1 where titles and fixed names are, 2 inside a short quote
  quotes: Map<number, [number, number]>; // short quote: any inside position → its content [start, end)
  wordStart: Uint8Array | null; // 1 where a jieba word starts (null: no tokens, every place is one)
}

function buildExcluded(text: string, c: Compiled, quotes: Map<number, [number, number]>): Uint8Array {
  const mask = new Uint8Array(text.length);
  let markValue = 1;
  const mark = (s: number, e: number) => {
    if (markValue === 1) { mask.fill(1, s, e); return; }
    for (let k = s; k < e; k++) if (mask[k] === 0) { mask[k] = 2; quotes.set(k, [s + 1, e - 1]); }
  };
  // one pass over the text, trying only the names that start with the character there (44 indexOf
  // scans of every article cost more); each name's occurrences do not overlap, as with indexOf
  const until = new Int32Array(c.fixedNames.length);
  for (let k = 0; k < text.length; k++) {
    const names = c.fixedByFirst.get(text.charCodeAt(k));
    if (names === undefined) continue;
    for (const n of names) {
      if (k < until[n] || !text.startsWith(c.fixedNames[n], k)) continue;
      until[n] = k + c.fixedNames[n].length;
      mark(k, until[n]);
    }
  }
  const markPairs = (marks: [string, string][], max: number) => {
    for (const [open, close] of marks) {
      if (open !== close) {
        for (let k = text.indexOf(open); k >= 0; k = text.indexOf(open, k + 1)) {
          const e = text.indexOf(close, k + 1);
          if (e < 0) break;
          const nl = text.indexOf('\n', k + 1);
          if (e - k - 1 <= max && (nl < 0 || nl > e) && text.lastIndexOf(open, e) === k) mark(k, e + 1);
        }
      } else {
        // the same mark opens and closes ("..."): pair them in order within a line
        let openAt = -1;
        for (let k = text.indexOf(open); k >= 0; k = text.indexOf(open, k + 1)) {
          const nl = openAt >= 0 ? text.indexOf('\n', openAt) : -1;
          if (openAt >= 0 && nl >= 0 && nl < k) openAt = -1;
          if (openAt < 0) { openAt = k; continue; }
          if (k - openAt - 1 <= max) mark(openAt, k + 1);
          openAt = -1;
        }
      }
    }
  };
  markPairs(c.titleMarks, c.titleMax);
  markValue = 2;
  markPairs(c.sloganMarks, c.sloganMax);
  return mask;
}

function buildWordStarts(text: string, tokens: Token[]): Uint8Array | null {
  if (tokens.length === 0) return null;
  const starts = new Uint8Array(text.length + 1);
  for (const t of tokens) starts[t.nStart] = 1;
  return starts;
}

const endsWithAt = (text: string, end: number, w: string) => end >= w.length && text.startsWith(w, end - w.length);

function approxBefore(ctx: Context, at: number): ApproxWord | null {
  for (const w of ctx.c.approxBefore) {
    if (!endsWithAt(ctx.text, at, w.word)) continue;
    const s = at - w.word.length;
    if (s > 0 && w.notAfter.includes(ctx.text[s - 1])) continue;
    return w;
  }
  return null;
}

function approxAfter(ctx: Context, at: number, kind: Kind): ApproxWord | null {
  for (const w of ctx.c.approxAfter) {
    if (w.kinds && !w.kinds.has(kind)) continue;
    if (ctx.text.startsWith(w.word, at)) return w;
  }
  return null;
}

function isYear(s: Simple, c: Compiled): boolean {
  if (!s.unit || !c.yearUnits.has(s.unit.unit ?? '')) return false;
  if (s.numeral.digitSequence) return true;
  return s.numeral.plainInteger && s.exp === 0 && cmp(s.base, c.yearMin) >= 0 && cmp(s.base, c.yearMax) <= 0;
}

function moneyCue(ctx: Context, at: number): boolean {
  const { text, c } = ctx;
  let from = at;
  while (from > 0 && at - from < c.money.window && !c.money.breaks.has(text[from - 1])) from--;
  const before = text.slice(from, at);
  return c.money.cues.some((w) => before.includes(w));
}

/** Why a number is not a quantity, or null when it is one. */
function excludedNumber(ctx: Context, s: Simple, hasApproxBefore: boolean, isRangeEnd: boolean): string | null {
  const { text, c } = ctx;
  const prev = text[s.start - 1];
  if (prev !== undefined) {
    if (c.ordinalPrefixes.has(prev) && !c.ordinalNot.some((w) => endsWithAt(text, s.start, w))) return 'ordinal';
    if (c.codeBefore.has(prev) || (c.latin && isLatinOrDigit(prev))) return 'code';
  }
  const next = text[s.numeral.end];
  if (next !== undefined && c.codeAfter.has(next)) return 'code';
  if (s.numeral.digitSequence) return 'digit-sequence';
  if (isYear(s, c)) return 'year';
  if (s.numeral.chinese && !s.fraction) {
    if (s.numeral.bare && !hasApproxBefore && !s.inside) return 'bare-place-word'; // 百舸, 万人 — but 千余名, 近百家
    if (!isRangeEnd && !hasApproxBefore && c.startsWord && ctx.wordStart && !ctx.wordStart[s.numeral.start]) return 'inside-word';
  }
  if (s.isHalfNumeral && prev !== undefined && c.halfNotAfter.has(prev)) return 'half-period';
  return null;
}

/** The low end of a range written short: 30-50亿 (30亿), 两到三万 (两万), 两到三千万 (两千万). */
function rangeLow(a: Simple, b: Simple, c: Compiled): Dec {
  if (b.exp > 0) return scale(a.base, b.exp);
  const plainDigit = a.numeral.chinese
    ? a.numeral.end - a.numeral.start === 1 && c.tables.digits.has(a.numeral.text ?? '')
    : a.numeral.plainInteger && cmp(a.base, dec(10)) < 0;
  if (!b.numeral.chinese || !plainDigit) return a.value;
  // align the low digit with the high end's leading digit: 三千万 = 3×10^7 → 两 = 2×10^7
  const k = leadingDigitExp(b.value);
  if (k > 0 && cmp(scale(a.base, k), b.value) < 0) return scale(a.base, k);
  // 五到十万: 十万 is 10^5, so 五 stands for 5×10^4 (the section word's power)
  const sec = c.tables.big.get(b.numeral.lastChar ?? '') ?? 0;
  if (sec > 0 && cmp(scale(a.base, sec), b.value) < 0) return scale(a.base, sec);
  return a.value;
}

/** k when v = d × 10^k with one digit d, else -1. */
function leadingDigitExp(v: Dec): number {
  if (v.s !== 0 || v.m <= 0n) return -1;
  const digits = v.m.toString();
  return /^[1-9]0*$/.test(digits) ? digits.length - 1 : -1;
}

interface Candidate { hit: QuantityHit | null; next: number }

function readQuantity(ctx: Context, i: number): Candidate {
  const { text, c } = ctx;
  const a = readSimple(text, i, c);
  if (!a) {
    // skip the whole numeral so its tail is not read again as a number
    const n = readNumeral(text, c.minus.has(text[i]) ? i + 1 : i, c);
    return { hit: null, next: n ? Math.max(n.end, i + 1) : i + 1 };
  }
  const before = approxBefore(ctx, a.start);
  const skipA = Math.max(a.numeral.end, i + 1);

  // a range's upper end: 30-50亿元, 1—3个, 20%-30%, 两到三万元
  let b: Simple | null = null;
  if (!a.fraction) {
    const sep = c.rangeSeps.find((w) => text.startsWith(w, a.end));
    if (sep) {
      const cand = readSimple(text, a.end + sep.length, c);
      if (cand && !cand.fraction) {
        const sameUnit = a.unit && cand.unit && a.unit.kind === cand.unit.kind && a.unit.unit === cand.unit.unit;
        const moneyPair = !a.unit && !cand.unit && a.exp > 0 && cand.exp >= c.money.minExp;
        if ((cand.unit && (!a.unit || sameUnit)) || moneyPair) b = cand;
        if (b && isYear(b, c)) return { hit: null, next: b.end };
      }
    }
  }
  const last = b ?? a;
  let kind: Kind | null = last.unit?.kind ?? null;
  let unit: string | null = last.unit?.unit ?? null;
  if (!last.unit) {
    if (last.joined || (last.exp >= c.money.minExp && moneyCue(ctx, a.start - (before?.word.length ?? 0)))) {
      kind = 'money';
      unit = c.money.unit;
    }
  }
  if (!kind) return { hit: null, next: skipA };

  let low = a.value;
  if (b && !a.unit && a.exp === 0) low = rangeLow(a, b, c);
  if (b && cmp(low, b.value) >= 0) {
    // not an ascending range (e.g. 2-1): take the first part alone if it stands by itself
    b = null;
    if (!a.unit) return { hit: null, next: skipA };
    kind = a.unit.kind;
    unit = a.unit.unit;
    low = a.value;
  }
  const end = b ? b.end : a.end;

  if (excludedNumber(ctx, a, Boolean(before), false)) return { hit: null, next: b ? b.end : skipA };
  if (b && excludedNumber(ctx, b, true, true)) return { hit: null, next: b.end };
  for (let k = a.start; k < end; k++) {
    if (ctx.excluded[k] === 1) return { hit: null, next: end };
    if (ctx.excluded[k] === 2) {
      // a short quote is a slogan ("一日两巡", "2+1") unless it quotes just this amount ("壹佰万元整")
      const [qs, qe] = ctx.quotes.get(k)!;
      const quotedAmount = end - a.start >= c.quotedAmountMin && qe - qs - (end - a.start) <= c.sloganSpare && a.start >= qs && end <= qe;
      if (!quotedAmount) return { hit: null, next: end };
      break;
    }
  }

  // 三个一批, 四个一百: a count followed straight by another numeral is a slogan
  if (!b && last.unit && c.sloganClassifiers.has(last.unit.surface) && c.tables.digits.has(text[end] ?? '')) {
    return { hit: null, next: end };
  }

  // 上升2个位次: a move in a ranking is a rank, not a quantity
  if (!b && kind === 'count' && c.rankNouns.some((w) => text.startsWith(w, end))) return { hit: null, next: end };

  // 一 as an article: 一辆卡车, 一个项目一个方案 — a count only after a counting cue
  if (!b && !a.half && a.exp === 0 && c.one.kinds.has(kind) && c.one.numerals.has(text.slice(a.numeral.start, a.numeral.end))) {
    const cueAt = a.start - (before?.word.length ?? 0);
    const cued =
      Boolean(before) ||
      c.one.cuesBefore.some((w) => endsWithAt(text, cueAt, w)) ||
      c.one.cuesAfter.some((w) => text.startsWith(w, end));
    if (!cued) return { hit: null, next: end };
  }

  const after = approxAfter(ctx, end, kind);
  const approx: Approx = a.inside ?? last.inside ?? before?.approx ?? after?.approx ?? 'exact';
  const nStart = before?.inSpan ? a.start - before.word.length : a.start;
  const nEnd = after?.inSpan ? end + after.word.length : end;
  // a ratio is written with its fixed places (annotation guide: "0.333333", and so "0.500000")
  const show = (v: Dec) => (kind === 'ratio' ? toFixed(v, c.fractionPlaces) : toString(v));
  const value = show(low);
  const valueMax = b ? show(b.value) : a.max ? show(a.max) : null;
  const rule = `${kind}:${b || a.max ? 'range' : a.fraction ? 'fraction' : last.unit ? last.unit.surface : 'money-cue'}`;
  return { hit: { nStart, nEnd, kind, value, valueMax, unit, approx, rule }, next: nEnd };
}

// Asked at every character of every article: a table by char code, not string look-ups (text[i]
// makes a new string for each Chinese character).
function startCodes(c: Omit<Compiled, 'startCodes' | 'fixedByFirst'>): Uint8Array {
  const codes = new Uint8Array(0x10000);
  const mark = (ch: string, v: number) => { if (ch.length === 1 && codes[ch.charCodeAt(0)] !== 1) codes[ch.charCodeAt(0)] = v; };
  for (const d of '0123456789') mark(d, 1);
  mark(c.half, 1);
  for (const table of [c.tables.digits, c.tables.small, c.tables.big]) for (const ch of table.keys()) mark(ch, 1);
  for (const ch of c.minus) mark(ch, 2);
  return codes;
}

function canStart(text: string, i: number, c: Compiled): boolean {
  const v = c.startCodes[text.charCodeAt(i)];
  if (v === 2) { const n = text.charCodeAt(i + 1); return n >= 48 && n <= 57; }
  return v === 1;
}

/** Every quantity in the normalised text, left to right, non-overlapping. */
export function findQuantities(text: string, tokens: Token[], rules: Rules, tables: StatTable[] = []): QuantityHit[] {
  const c = compile(rules);
  const quotes = new Map<number, [number, number]>();
  const ctx: Context = { text, c, excluded: buildExcluded(text, c, quotes), quotes, wordStart: buildWordStarts(text, tokens) };
  const hits: QuantityHit[] = [];
  let i = 0;
  while (i < text.length) {
    if (!canStart(text, i, c)) { i++; continue; }
    const alone = c.unitAlone?.multipliers.has(text[i]) ? unitAlone(ctx, i) : null;
    if (alone) { hits.push(alone); i = alone.nEnd; continue; }
    const { hit, next } = readQuantity(ctx, i);
    if (hit) hits.push(hit);
    i = Math.max(next, i + 1);
  }
  if (c.listJoiners.size) sharedUnits(text, hits, rules, c);
  return tables.length ? withTableCells(text, hits, rules, tables) : hits;
}

/** 亿元以上: a multiplier standing for one of itself, after no numeral, in a threshold. */
function unitAlone(ctx: Context, i: number): QuantityHit | null {
  const { text, c } = ctx;
  const u = c.unitAlone!;
  if (i > 0 && (canStart(text, i - 1, c) || c.tables.point.has(text[i - 1]) || text[i - 1] === '.')) return null;
  const unit = u.units.find((w) => text.startsWith(w, i + 1));
  if (!unit) return null;
  const after = u.after.find((w) => text.startsWith(w, i + 1 + unit.length));
  if (!after) return null;
  const nEnd = i + 1 + unit.length + after.length;
  for (let k = i; k < nEnd; k++) if (ctx.excluded[k]) return null;
  const money = matchUnit(text, i + 1, c);
  if (!money || money.def.kind !== 'money') return null;
  const value = toString(shift(dec(1), c.multipliers.get(text[i])!));
  return { nStart: i, nEnd, kind: 'money', value, valueMax: null, unit: money.def.unit, approx: 'over', rule: `money:${text[i]}${unit}` };
}

/** The unit a hit was read with, as written (个百分点), if its rule names one. */
const unitOf = (h: QuantityHit) => h.rule.slice(h.rule.indexOf(':') + 1);

/** 分别提高2.4个、0.5个和1.4个百分点: the figures of a list before its last take the last one's unit when theirs
 *  is where it starts (个 of 个百分点). Each is read again with the rest of that unit after it. */
function sharedUnits(text: string, hits: QuantityHit[], rules: Rules, c: Compiled): void {
  for (let k = hits.length - 1; k >= 0; k--) {
    const whole = unitOf(hits[k]);
    let j = k - 1;
    for (; j >= 0 && c.listJoiners.has(text.slice(hits[j].nEnd, hits[j + 1].nStart)); j--) {
      const own = unitOf(hits[j]);
      if (!own || own.length >= whole.length || !whole.startsWith(own) || !text.endsWith(own, hits[j].nEnd)) break;
      const figure = text.slice(hits[j].nStart, hits[j].nEnd) + whole.slice(own.length);
      const read = findQuantities(figure, [], rules).find((h) => h.nStart === 0 && h.nEnd === figure.length);
      if (!read) break;
      hits[j] = { ...read, nStart: hits[j].nStart, nEnd: hits[j].nEnd, rule: `${read.rule}:list` };
    }
    // …and bare numbers before them (分别提高1.2、0.8和1.5个百分点; 分别增长12.5、8.3和6.1%): a rate's or points' list
    if (hits[k].kind === 'pp' || hits[k].kind === 'percent') {
      const added: QuantityHit[] = [];
      let at = hits[j + 1].nStart;
      for (;;) {
        const bare = BARE_BEFORE.exec(text.slice(Math.max(0, at - 16), at));
        if (!bare || !c.listJoiners.has(bare[2]) || (j >= 0 && hits[j].nEnd > at - bare[0].length)) break;
        const start = at - bare[0].length;
        // (a list that starts on an ordinal or a date, 第3、5和12%, is none)
        if (start > 0 && /[0-9.年月日第]/u.test(text[start - 1])) { added.length = 0; break; }
        const figure = bare[1] + text.slice(hits[k].nStart, hits[k].nEnd).replace(/^[-+]?[0-9.]+/u, '');
        const read = findQuantities(figure, [], rules).find((h) => h.nStart === 0 && h.nEnd === figure.length);
        if (!read || read.kind !== hits[k].kind) break;
        added.unshift({ ...read, nStart: start, nEnd: start + bare[1].length, rule: `${read.rule}:list` });
        at = start;
      }
      if (added.length) { hits.splice(j + 1, 0, ...added); }
    }
    if (j < k - 1) k = j + 1;
  }
}
/** a bare number and the list joiner after it, right before a figure (1.2、⟨0.8…⟩) */
const BARE_BEFORE = /([0-9]+(?:\.[0-9]+)?)(、|和|及|与|以及)$/u;

/** A table's bare figures, each read with its unit: its column's (比上年增长(%)), else its row's (…(亿元)).
 *  A cell is one figure: whatever the text pass read across it gives way. */
function withTableCells(text: string, hits: QuantityHit[], rules: Rules, tables: StatTable[]): QuantityHit[] {
  const cells: QuantityHit[] = [];
  for (const t of tables) {
    for (const row of t.rows) {
      for (const cell of row.cells) {
        const unit = t.columns[cell.column].unit ?? row.unit;
        const figure = text.slice(cell.nStart, cell.nEnd);
        if (!unit || !/\d/u.test(figure)) continue;
        const read = findQuantities(figure + unit, [], rules).find((h) => h.nStart === 0 && h.nEnd === figure.length + unit.length);
        if (read) cells.push({ ...read, nStart: cell.nStart, nEnd: cell.nEnd, rule: 'table_cell' });
      }
    }
  }
  if (!cells.length) return hits;
  const kept = hits.filter((h) => !cells.some((x) => h.nStart < x.nEnd && x.nStart < h.nEnd));
  return [...kept, ...cells].sort((a, b) => a.nStart - b.nStart);
}
