import type { NormText } from '../../model.js';
import type { NormaliseRules } from './rules.js';
import { markup, type SourceFormat } from './markup.js';

// Builds the matching text. Rules only ever see `norm.text`; every character of it remembers
// the source range it stands for, so spans found there map back exactly.
// This runs on every character of every article, so it works on UTF-16 codes and typed arrays.

const NL = 10;
const SP = 32;
const DROP = 0; // fold-table value: the character carries nothing (\r)

interface Compiled {
  fold: Uint16Array;        // code → folded code (full-width, traditional, look-alikes, spaces)
  sentenceEnd: Set<number>;
  headingMax: number;
  unitStarts: Set<number>;
  fieldLabelMax: number;
  dateline: RegExp;
  wrap: NormaliseRules['column_wrap'];
  pageNumber: RegExp;
  headerMax: number;
}

const compiledCache = new WeakMap<NormaliseRules, Compiled>();
function compile(rules: NormaliseRules): Compiled {
  let c = compiledCache.get(rules);
  if (c) return c;
  const fold = new Uint16Array(0x10000);
  for (let k = 0; k < fold.length; k++) fold[k] = k;
  for (let k = 0xff01; k <= 0xff5e; k++) fold[k] = k - 0xfee0; // full-width ASCII
  for (const k of [0x09, 0x0b, 0x0c, 0xa0, 0x2002, 0x2003, 0x2009, 0x3000]) fold[k] = SP;
  fold[0x0d] = DROP;
  for (const pair of rules.traditional_table.split(' ')) if (pair.length === 2) fold[pair.charCodeAt(0)] = pair.charCodeAt(1);
  for (const [from, to] of [...Object.entries(rules.traditional), ...Object.entries(rules.characters)]) {
    fold[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  c = {
    fold,
    sentenceEnd: new Set([...rules.sentence_end].map((ch) => ch.charCodeAt(0))),
    headingMax: rules.heading_max_chars,
    unitStarts: new Set([...rules.unit_line_starts].map((ch) => ch.charCodeAt(0))),
    fieldLabelMax: rules.field_label_max_chars,
    dateline: new RegExp(rules.dateline_start, 'u'),
    wrap: rules.column_wrap,
    pageNumber: new RegExp(rules.page_furniture.page_number, 'u'),
    headerMax: rules.page_furniture.running_header_max_chars,
  };
  compiledCache.set(rules, c);
  return c;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLatin = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWordish = (c: number) => isDigit(c) || isLatin(c) || c === 46 /* . */ || c === 37; /* % */
const CLAUSE = new Set([...',，、;；:：'].map((ch) => ch.charCodeAt(0)));
const COMMAS = new Set([...',，;；'].map((ch) => ch.charCodeAt(0)));
const CLOSERS = new Set([...'”"’\')）】」'].map((ch) => ch.charCodeAt(0)));
const MULTIPLIERS = new Set([...'十百千万亿'].map((ch) => ch.charCodeAt(0)));
// A line that starts a list item or a heading mark is never the tail of a broken sentence.
const LIST_START = new Set([...'-*#—(（'].map((ch) => ch.charCodeAt(0)));
const CHINESE_DIGITS = new Set([...'一二三四五六七八九十'].map((ch) => ch.charCodeAt(0)));
const ITEM_MARK = new Set([...'.、'].map((ch) => ch.charCodeAt(0)));
/** A numbered item starts at k (1.X, 12、X, 一、X), not a number (12.5亿元). */
function numberedItemAt(codes: Uint16Array, k: number): boolean {
  return numberedItemEnd(codes, k) >= 0;
}
/** Where the mark of the numbered item at k ends (after 三、 or 2.), or -1 when none starts there. */
function numberedItemEnd(codes: Uint16Array, k: number): number {
  const chinese = CHINESE_DIGITS.has(codes[k]);
  const digit = chinese ? (c: number) => CHINESE_DIGITS.has(c) : isDigit;
  let e = k;
  while (e < codes.length && e - k < 3 && digit(codes[e])) e++;
  if (e === k || e - k > 2 || e >= codes.length) return -1;
  const item = chinese ? codes[e] === 0x3001 /* 、 */ : ITEM_MARK.has(codes[e]) && !(e + 1 < codes.length && isDigit(codes[e + 1]));
  return item ? e + 1 : -1;
}

const isHan = (c: number) => c >= 0x4e00 && c <= 0x9fa5;
const CELL_CHARS = new Set([...'0123456789.-—–…%'].map((ch) => ch.charCodeAt(0)));
/** Two cells of a table row (施工项目(个) 186 8.1): the number before the space stands apart from its
 *  label, and only figures follow it to the end of the line. An OCR space inside one number has words
 *  right before it (总投资1 200亿元) or after it. */
function tableCells(codes: Uint16Array, leftStart: number, next: number): boolean {
  const before = leftStart > 0 ? codes[leftStart - 1] : NL;
  if (before !== SP && before !== DROP) return false;
  for (let k = next; k < codes.length && codes[k] !== NL; k++) {
    if (!CELL_CHARS.has(codes[k]) && codes[k] !== SP && codes[k] !== DROP) return false;
  }
  return true;
}
/** The `digits` digits before `end` are each set apart by one space (1 0 1 8): OCR that spaced every digit of one
 *  number, not a run of numbers. */
function everyDigitSpaced(codes: Uint16Array, end: number, digits: number): boolean {
  if (digits < 2) return false;
  for (let d = 0, k = end - 1; d < digits; d++, k -= 2) {
    if (k < 0 || !isDigit(codes[k]) || (d < digits - 1 && codes[k - 1] !== SP)) return false;
  }
  return true;
}

/** The line [from, to) ends in one number OCR spaced character by character right after its words
 *  (产值3 3 8 5, 总投资1 1 5 2 6 . 8): not a row of cells, which stand apart from their label. */
function spacedNumberEnds(codes: Uint16Array, from: number, to: number): boolean {
  let k = to;
  while (k > from && (codes[k - 1] === SP || codes[k - 1] === DROP)) k--;
  let chars = 0;
  while (k > from && (isDigit(codes[k - 1]) || codes[k - 1] === 46)) {
    chars++;
    k--;
    if (k > from + 1 && codes[k - 1] === SP && (isDigit(codes[k - 2]) || codes[k - 2] === 46)) k--;
    else break;
  }
  return chars >= 3 && k > from && isHan(codes[k - 1]);
}

/** The line [from, to) ends in two or more figures (or dashes) set apart by spaces, as a table row does. */
function tableRow(codes: Uint16Array, from: number, to: number): boolean {
  let k = to;
  let cells = 0;
  for (;;) {
    while (k > from && (codes[k - 1] === SP || codes[k - 1] === DROP)) k--;
    const end = k;
    while (k > from && CELL_CHARS.has(codes[k - 1])) k--;
    if (k === end || (k > from && codes[k - 1] !== SP)) return cells >= 2;
    cells++;
  }
}
/** The line [from, to) is cells apart by tabs or wide gaps (序号⇥项目名称⇥建设地点): two or more inside it. (The
 *  folded codes have lost tabs, so this reads the unfolded text.) */
function cellLine(text: string, from: number, to: number): boolean {
  while (from < to && /[ \t\u3000\r]/u.test(text[from])) from++;
  while (to > from && /[ \t\u3000\r]/u.test(text[to - 1])) to--;
  let gaps = 0;
  for (let k = from; k < to; k++) {
    if (text[k] === '\t') { gaps++; while (k + 1 < to && /[ \t\u3000]/u.test(text[k + 1])) k++; continue; }
    if ((text[k] === ' ' || text[k] === '\u3000') && (text[k + 1] === ' ' || text[k + 1] === '\u3000')) {
      gaps++;
      while (k + 1 < to && /[ \t\u3000]/u.test(text[k + 1])) k++;
    }
    if (gaps >= 2) return true;
  }
  return false;
}
const COLONS = new Set([...':：'].map((ch) => ch.charCodeAt(0)));
/** A record's field starts at k: a short label and a colon (建设单位：X). (A numbered one, 1.项目名称：X,
 *  is already a numbered item, which is never joined either.) */
function fieldLineAt(codes: Uint16Array, k: number, labelMax: number): boolean {
  let e = k;
  while (e < codes.length && e - k <= labelMax && isHan(codes[e])) e++;
  return e - k >= 2 && e - k <= labelMax && e < codes.length && COLONS.has(codes[e]);
}

/** How wide a line prints, in characters: OCR spaces inside it take room too, those at its ends do not. */
function lineWidth(codes: Uint16Array, from: number, to: number): number {
  while (from < to && (codes[from] === SP || codes[from] === DROP)) from++;
  while (to > from && (codes[to - 1] === SP || codes[to - 1] === DROP)) to--;
  let chars = 0;
  for (let k = from; k < to; k++) if (codes[k] !== DROP) chars++;
  return chars;
}

/** The width most lines of a text set in narrow columns have (as `lineWidth` counts), or 0 when its
 *  lines are of no one width (a paragraph a line, or a table's narrow cells). */
function columnWidth(codes: Uint16Array, wrap: NormaliseRules['column_wrap']): number {
  const lengths: number[] = [];
  for (let k = 0; k < codes.length; ) {
    let e = k;
    while (e < codes.length && codes[e] !== NL) e++;
    const chars = lineWidth(codes, k, e);
    if (chars >= wrap.min_width && !tableRow(codes, k, e)) lengths.push(chars); // (a table's rows are no column of prose)
    k = e + 1;
  }
  if (lengths.length < wrap.min_lines) return 0;
  const count = new Map<number, number>();
  for (const l of lengths) count.set(l, (count.get(l) ?? 0) + 1);
  let width = 0, best = 0;
  for (const [l, n] of count) if (n > best || (n === best && l > width)) { best = n; width = l; }
  const near = lengths.filter((l) => Math.abs(l - width) <= wrap.slack).length;
  // (a column's lines never run far past its width; a post of short lines of all lengths is no column)
  const wider = lengths.filter((l) => l > width + 2 * wrap.slack).length;
  return near >= wrap.share * lengths.length && wider <= wrap.wider_share * lengths.length ? width : 0;
}

function hasTab(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 9) return true;
  return false;
}

export function normalise(source: string, format: SourceFormat, rules: NormaliseRules): NormText {
  const { fold, sentenceEnd, headingMax, unitStarts, fieldLabelMax, dateline, wrap, pageNumber, headerMax } = compile(rules);
  // 1. markup → visible characters, each with its source range; then fold them
  const cells = markup(source, format);
  const n = cells.text.length;
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) codes[i] = fold[cells.text.charCodeAt(i)];
  dropPageFurniture(cells.text, codes, pageNumber, headerMax);

  const out = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let len = 0;
  const emit = (c: number, i: number) => {
    out[len] = c;
    starts[len] = cells.start ? cells.start[i] : i;
    ends[len] = cells.end ? cells.end[i] : i + 1;
    len++;
  };
  // A source line reads as prose (not a heading or byline) when it has clause punctuation or is long.
  const isProse = (from: number, to: number) => {
    let k0 = from;
    while (k0 < to && (codes[k0] === DROP || codes[k0] === SP)) k0++;
    // a numbered line without punctuation (past its own mark: 三、存在的问题) is a title, however long
    const itemEnd = numberedItemEnd(codes, k0);
    const item = itemEnd >= 0;
    let chars = 0;
    for (let k = item ? itemEnd : from; k < to; k++) {
      const c = codes[k];
      if (c === DROP || c === SP) continue;
      if (CLAUSE.has(c) || sentenceEnd.has(c)) return true;
      chars++;
    }
    return !item && chars >= headingMax;
  };
  // a line that fills a narrow column's width wraps (0: no such width)
  const width = columnWidth(codes, wrap);
  const fillsColumn = (from: number, to: number) => lineWidth(codes, from, to) >= width * wrap.fill;
  // whether the whitespace [from, to) holds a blank line (two breaks)
  const blankBetween = (from: number, to: number) => {
    let breaks = 0;
    for (let k = from; k < to; k++) if (codes[k] === NL && ++breaks === 2) return true;
    return false;
  };
  const blankBefore = (lineStart: number) => {
    let k = lineStart - 1;
    while (k >= 0 && (codes[k] === SP || codes[k] === DROP)) k--;
    if (k < 0) return true;
    k--;
    while (k >= 0 && (codes[k] === SP || codes[k] === DROP)) k--;
    return k < 0 || codes[k] === NL;
  };
  const hasComma = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (COMMAS.has(codes[k])) return true;
    return false;
  };
  // the line at lineStart follows a blank line, or a line that ends a sentence, or nothing
  const startsAfterBreak = (lineStart: number) => {
    if (blankBefore(lineStart)) return true;
    let k = lineStart - 1;
    while (k >= 0 && (codes[k] === SP || codes[k] === DROP || codes[k] === NL)) k--;
    return k < 0 || sentenceEnd.has(codes[k]) || (CLOSERS.has(codes[k]) && k > 0 && sentenceEnd.has(codes[k - 1]));
  };
  const nextBreakEnd = (k: number) => {
    while (k < n && (codes[k] === SP || codes[k] === DROP || codes[k] === NL)) k++;
    return k;
  };
  const endsSentence = () => {
    const last = out[len - 1];
    return sentenceEnd.has(last) || (CLOSERS.has(last) && len > 1 && sentenceEnd.has(out[len - 2]));
  };

  // 2. whitespace: a run of spaces and line breaks is dropped (an OCR/PDF artefact inside a word,
  //    number or sentence), kept as one space between two Latin/digit words, or kept as a break.
  for (let i = 0; i < n; ) {
    const c = codes[i];
    if (c === DROP) { i++; continue; }
    if (c !== SP && c !== NL) { emit(c, i); i++; continue; }
    let j = i;
    let firstNewline = -1;
    while (j < n && (codes[j] === DROP || codes[j] === SP || codes[j] === NL)) {
      if (codes[j] === NL && firstNewline < 0) firstNewline = j;
      j++;
    }
    if (len === 0 || out[len - 1] === NL || j === n) { i = j; continue; }
    const prev = out[len - 1];
    const next = codes[j];
    // a tab within a line separates fields (a spreadsheet's cells: 2000⇥100.0% is two figures), never an OCR gap
    if (firstNewline < 0 && hasTab(cells.text, i, j)) { emit(SP, i); i = j; continue; }
    if (firstNewline >= 0) {
      let lineStart = i;
      while (lineStart > 0 && codes[lineStart - 1] !== NL) lineStart--;
      let lineEnd = j;
      while (lineEnd < n && codes[lineEnd] !== NL) lineEnd++;
      // a table row (房地产开发投资 — -11.6; or cells apart by tabs) ends its line, however long, whatever follows
      // (亿元及以上…), and a line of cells never continues the one before
      const spacedWrap = (MULTIPLIERS.has(next) || unitStarts.has(next)) && spacedNumberEnds(codes, lineStart, i);
      const row = !spacedWrap && (tableRow(codes, lineStart, i) || cellLine(cells.text, lineStart, i) || cellLine(cells.text, j, lineEnd));
      const unitWrap = !row && (isDigit(prev) || MULTIPLIERS.has(prev)) && unitStarts.has(next);
      const continues = !row && !endsSentence() && !LIST_START.has(next) && !numberedItemAt(codes, j) && !fieldLineAt(codes, j, fieldLabelMax)
        && !dateline.test(cells.text.slice(j, j + 16));
      // (a column's line wraps with one break after it; one after a blank line, a headline's perhaps, only with clause
      // punctuation or when the line it wraps onto goes on into more)
      const columnWrap = () => width > 0 && fillsColumn(lineStart, i) && !blankBetween(i, j) && !tableRow(codes, j, lineEnd)
        && (isProse(lineStart, i) || !blankBefore(lineStart) || !blankBetween(lineEnd, nextBreakEnd(lineEnd)));
      // (a short line that starts after a sentence or a blank line and has a blank line after it is a heading,
      // though it has a colon or 、: 三、企业效益:产值、税收双增长; the tail of a wrapped sentence, …已达效41⏎个,转化率, is not)
      // (a comma in it says it is prose broken over a blank line: 项目建设,招商引资是关⏎⏎键。)
      const heading = blankBetween(i, j) && lineWidth(codes, lineStart, i) < headingMax && startsAfterBreak(lineStart) && !hasComma(lineStart, i);
      const brokenSentence = unitWrap || (continues && !heading && ((isProse(lineStart, i) && isProse(j, lineEnd)) || columnWrap()));
      // (a number broken over the lines of a sentence is one number: 完成率5⏎0%)
      if (!brokenSentence) emit(NL, firstNewline);
      else if (isWordish(prev) && isWordish(next) && prev !== 46 && prev !== 37 && next !== 46 && next !== 37
        && !(isDigit(prev) && isDigit(next))) emit(SP, firstNewline);
    } else if (isDigit(prev) && isDigit(next)) {
      // OCR splits digit runs (4 87.3亿元, 1 200余家: thousands spacing too): a short run before the
      // space, or three digits after it, is one number; longer runs (2022 2023) stay apart
      let left = 0;
      while (left < len && isDigit(out[len - 1 - left])) left++;
      const before = len - 1 - left >= 0 ? out[len - 1 - left] : SP;
      let right = 0;
      while (j + right < n && isDigit(codes[j + right])) right++;
      const after = j + right < n ? codes[j + right] : SP;
      // (a year never continues a number: 表1 2025年)
      const year = right === 4 && after === 0x5e74 /* 年 */ && (codes[j] === 49 || codes[j] === 50);
      // (after a decimal point only a short run right before its unit: 3.1 2亿元, not 8.1 186)
      const decimal = before === 46 && left <= 2 && right <= 2 && (MULTIPLIERS.has(after) || unitStarts.has(after));
      // (and a number OCR spaced digit by digit up to its decimal point or unit, 1 0 1 8 8.6亿元, 3 3 8 5⏎亿元,
      // however long; a row of one-digit cells has no unit after it)
      let unitAt = j + right;
      while (unitAt < n && (isDigit(codes[unitAt]) || codes[unitAt] === 46 || codes[unitAt] === SP || codes[unitAt] === DROP)) unitAt++;
      while (unitAt < n && (codes[unitAt] === SP || codes[unitAt] === NL || codes[unitAt] === DROP)) unitAt++;
      const spacedOut = right === 1 && everyDigitSpaced(codes, i, left)
        && unitAt < n && (MULTIPLIERS.has(codes[unitAt]) || unitStarts.has(codes[unitAt]));
      const oneNumber = !isLatin(before) && (before !== 46 || decimal) && (left <= 3 || (right === 3 && !isDigit(after)) || spacedOut)
        && !year && (spacedOut || !tableCells(codes, i - left, j));
      if (!oneNumber) emit(SP, i);
    } else if (isWordish(prev) && isWordish(next)) {
      // two Latin words stay apart; 12 % or 3 .5 join
      if (isLatin(prev) || isLatin(next)) emit(SP, i);
    }
    i = j;
  }

  return {
    text: new TextDecoder('utf-16le').decode(out.subarray(0, len)),
    toSource: starts.slice(0, len),
    toSourceEnd: ends.slice(0, len),
  };
}

/** Marks a PDF's page numbers (— 3 —) and the running header after them (a short line the text repeats)
 *  as carrying nothing, so the whitespace around them reads as one break inside a sentence, which the
 *  rules for broken lines then join or keep. Only short lines are looked at: most articles have none. */
function dropPageFurniture(text: string, codes: Uint16Array, pageNumber: RegExp, headerMax: number): void {
  // each line trimmed ([from, to) without the spaces at either end); a page number is short and has a digit,
  // so most articles stop after one pass that keeps nothing
  const eachLine = (visit: (from: number, to: number) => boolean | void) => {
    for (let from = 0; from <= text.length; ) {
      let end = text.indexOf('\n', from);
      if (end < 0) end = text.length;
      let a = from, b = end;
      while (a < b && codes[a] === SP) a++;
      while (b > a && (codes[b - 1] === SP || codes[b - 1] === DROP)) b--;
      if (visit(a, b) === true) return;
      from = end + 1;
    }
  };
  let anyNumber = false;
  eachLine((a, b) => {
    if (b > a && b - a <= 16) for (let k = a; k < b; k++) if (isDigit(codes[k])) return (anyNumber = true);
  });
  if (!anyNumber) return;
  const lines: { from: number; to: number }[] = [];
  eachLine((from, to) => { lines.push({ from, to }); });
  const lineText = (l: { from: number; to: number }) => text.slice(l.from, l.to);
  let counts: Map<string, number> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.to === l.from || l.to - l.from > 16 || !pageNumber.test(lineText(l))) continue;
    codes.fill(DROP, l.from, l.to);
    let h = i + 1;
    while (h < lines.length && lines[h].to === lines[h].from) h++;
    if (h >= lines.length || lines[h].to - lines[h].from > headerMax || pageNumber.test(lineText(lines[h]))) continue;
    if (!counts) {
      counts = new Map();
      for (const x of lines) if (x.to > x.from && x.to - x.from <= headerMax) counts.set(lineText(x), (counts.get(lineText(x)) ?? 0) + 1);
    }
    if ((counts.get(lineText(lines[h])) ?? 0) >= 2) codes.fill(DROP, lines[h].from, lines[h].to);
  }
}

/** Source span of the normalised span [nStart, nEnd). */
export function sourceSpan(norm: NormText, nStart: number, nEnd: number): { start: number; end: number } {
  return { start: norm.toSource[nStart], end: norm.toSourceEnd[nEnd - 1] };
}

export type { SourceFormat } from './markup.js';
