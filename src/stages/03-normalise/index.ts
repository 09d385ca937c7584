import type { NormText } from '../../model.js';
import type { NormaliseRules } from './rules.js';
import { markup, type SourceFormat } from './markup.js';

// Builds the matching text. Rules only ever see `norm.text`; every character of it remembers
// the source range it stands for, so spans found there map back exactly.

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019《》]/;
const ALNUM = /[0-9A-Za-z.%]/;
const CLAUSE_PUNCT = /[,，、;；:：]/;

export interface Compiled {
  map: Map<string, string>;
  sentenceEnd: Set<string>;
  headingMax: number;
}

const compiledCache = new WeakMap<NormaliseRules, Compiled>();
function compile(rules: NormaliseRules): Compiled {
  let c = compiledCache.get(rules);
  if (!c) {
    const map = new Map<string, string>(Object.entries(rules.traditional));
    for (const [k, v] of Object.entries(rules.characters)) map.set(k, v);
    c = { map, sentenceEnd: new Set(rules.sentence_end), headingMax: rules.heading_max_chars };
    compiledCache.set(rules, c);
  }
  return c;
}

function foldChar(ch: string, map: Map<string, string>): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0); // full-width ASCII
  else if (code === 0x3000 || code === 0xa0 || code === 0x2002 || code === 0x2003 || code === 0x2009) ch = ' ';
  else if (ch === '\t' || ch === '\f' || ch === '\v') ch = ' ';
  return map.get(ch) ?? ch;
}

const isSpace = (ch: string) => ch === ' ' || ch === '\n';

export function normalise(source: string, format: SourceFormat, rules: NormaliseRules): NormText {
  const { map, sentenceEnd, headingMax } = compile(rules);
  // 1. markup → visible characters, each with its source range
  const cells = markup(source, format);
  const n = cells.chars.length;
  const chars = cells.chars.map((c) => (c === '\r' ? '' : foldChar(c, map)));

  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const emit = (ch: string, i: number) => {
    out.push(ch);
    starts.push(cells.start[i]);
    ends.push(cells.end[i]);
  };
  // A source line reads as prose (not a heading or byline) when it has clause punctuation or is long.
  const isProse = (from: number, to: number) => {
    let len = 0;
    for (let k = from; k < to; k++) {
      const c = chars[k];
      if (c === '' || c === ' ') continue;
      if (CLAUSE_PUNCT.test(c) || sentenceEnd.has(c)) return true;
      len++;
    }
    return len >= headingMax;
  };
  const lineStartBefore = (i: number) => {
    let k = i;
    while (k > 0 && chars[k - 1] !== '\n') k--;
    return k;
  };
  const lineEndFrom = (j: number) => {
    let k = j;
    while (k < n && chars[k] !== '\n') k++;
    return k;
  };

  // 2. whitespace: a run of spaces and line breaks is dropped (an OCR/PDF artefact inside a word,
  //    number or sentence), kept as one space between two Latin/digit words, or kept as a break.
  for (let i = 0; i < n; ) {
    const ch = chars[i];
    if (ch === '') { i++; continue; }
    if (!isSpace(ch)) { emit(ch, i); i++; continue; }
    let j = i;
    let newlines = 0;
    let firstNewline = -1;
    while (j < n && (chars[j] === '' || isSpace(chars[j]))) {
      if (chars[j] === '\n') { newlines++; if (firstNewline < 0) firstNewline = j; }
      j++;
    }
    const prev = out.length ? out[out.length - 1] : '';
    const next = j < n ? chars[j] : '';
    if (prev === '' || prev === '\n' || next === '') { i = j; continue; }
    if (newlines > 0) {
      const brokenSentence =
        !endsSentence(out, sentenceEnd) &&
        !isListStart(chars, j) &&
        isProse(lineStartBefore(i), i) &&
        isProse(j, lineEndFrom(j));
      if (!brokenSentence) emit('\n', firstNewline);
      else if (ALNUM.test(prev) && ALNUM.test(next) && !/[.%]/.test(prev + next)) emit(' ', firstNewline);
    } else if (ALNUM.test(prev) && ALNUM.test(next) && !CJK.test(prev) && !CJK.test(next)) {
      if (/[0-9]/.test(prev) && /[0-9]/.test(next)) emit(' ', i); // two numbers side by side stay apart
      else if (/[A-Za-z]/.test(prev) || /[A-Za-z]/.test(next)) emit(' ', i);
    }
    i = j;
  }

  const text = out.join('');
  const toSource = Int32Array.from(starts);
  const toSourceEnd = Int32Array.from(ends);
  return { text, toSource, toSourceEnd };
}

function endsSentence(out: string[], sentenceEnd: Set<string>): boolean {
  const last = out[out.length - 1];
  if (sentenceEnd.has(last)) return true;
  // a closing quote or bracket after a sentence end: 。” or !)
  return /[”"’')）】」]/.test(last) && out.length > 1 && sentenceEnd.has(out[out.length - 2]);
}

// A line that starts a list item or a heading mark is never the tail of a broken sentence.
function isListStart(chars: string[], j: number): boolean {
  const c = chars[j];
  return c === '-' || c === '*' || c === '#' || c === '—' || c === '(' || c === '（';
}

/** Source span of the normalised span [nStart, nEnd). */
export function sourceSpan(norm: NormText, nStart: number, nEnd: number): { start: number; end: number } {
  return { start: norm.toSource[nStart], end: norm.toSourceEnd[nEnd - 1] };
}

export type { SourceFormat } from './markup.js';
