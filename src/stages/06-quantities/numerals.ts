// Numeral readers: Arabic (1,234.5) and Chinese (一千二百三十四万五千, 两, 〇, 壹贰叁, 三点五).
// Both return exact decimals (see decimal.ts); which characters mean what comes from the rules.
import { type Dec, add, dec, parseDec, shift } from './decimal.js';

export interface NumeralTables {
  digits: Map<string, number>; // 零〇 0, 一壹 1, 二两贰 2 ...
  small: Map<string, number>; // 十拾 1, 百佰 2, 千仟 3 (powers of ten)
  big: Map<string, number>; // 万 4, 亿 8
  point: Set<string>; // 点
}

export interface Numeral {
  start: number;
  end: number;
  value: Dec;
  chinese: boolean;
  /** a run of bare digits with no place words, 2+ long (二〇二三): a year or a code, not a count */
  digitSequence: boolean;
  /** starts with a place word other than 十 (百舸, 万人, 千亿级): a word, not a number */
  bare: boolean;
  /** Arabic integer written without separators or decimals (candidate year: 2023) */
  plainInteger: boolean;
  /** the numeral as written, and its last character (Chinese numerals only) */
  text?: string;
  lastChar?: string;
}

// 1,234,567 (groups of three) or 1234567, then an optional decimal part.
const ARABIC = /(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/y;

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function readArabic(text: string, i: number): Numeral | null {
  ARABIC.lastIndex = i;
  const m = ARABIC.exec(text);
  if (!m) return null;
  const s = m[0];
  return {
    start: i,
    end: i + s.length,
    value: parseDec(s),
    chinese: false,
    digitSequence: false,
    bare: false,
    plainInteger: /^\d+$/.test(s),
  };
}

export function isChineseNumeralChar(ch: string, t: NumeralTables): boolean {
  return t.digits.has(ch) || t.small.has(ch) || t.big.has(ch);
}

/** Reads the longest Chinese numeral at i, or null when i holds none. */
export function readChinese(text: string, i: number, t: NumeralTables): Numeral | null {
  let j = i;
  let sawPoint = false;
  let pointAt = -1;
  while (j < text.length) {
    const ch = text[j];
    if (t.digits.has(ch) || (!sawPoint && (t.small.has(ch) || t.big.has(ch)))) { j++; continue; }
    if (!sawPoint && t.point.has(ch) && j > i && t.digits.has(text[j + 1] ?? '')) {
      sawPoint = true; pointAt = j; j++; continue;
    }
    break;
  }
  if (j === i) return null;
  const intEnd = sawPoint ? pointAt : j;
  const intPart = text.slice(i, intEnd);
  const first = intPart[0];
  const bare = !t.digits.has(first) && !(t.small.get(first) === 1);
  const r = evalChineseInteger(intPart, t);
  let value = dec(r.value);
  if (sawPoint) {
    let frac = '';
    for (let k = pointAt + 1; k < j; k++) frac += String(t.digits.get(text[k]));
    value = add(value, parseDec('0.' + frac));
  }
  return { start: i, end: j, value, chinese: true, digitSequence: r.digitSequence, bare, plainInteger: false, text: text.slice(i, j), lastChar: text[j - 1] };
}

function evalChineseInteger(s: string, t: NumeralTables): { value: bigint; digitSequence: boolean } {
  let total = 0n;
  let section = 0n;
  let num = 0n;
  let pending = false; // a digit waiting for its place word
  let lastPlace = 0; // power of ten of the place word just before the pending digit
  let directAfterPlace = false; // the pending digit follows a place word with no 零 between
  let run = 0; // consecutive digits
  let maxRun = 0;
  let places = 0;
  let digitsOnly = '';
  for (const ch of s) {
    const d = t.digits.get(ch);
    if (d !== undefined) {
      digitsOnly += String(d);
      run++;
      maxRun = Math.max(maxRun, run);
      if (d === 0) { directAfterPlace = false; pending = false; num = 0n; continue; }
      num = BigInt(d);
      pending = true;
      continue;
    }
    run = 0;
    places++;
    const sp = t.small.get(ch);
    if (sp !== undefined) {
      section += (pending ? num : 1n) * 10n ** BigInt(sp);
      num = 0n; pending = false; lastPlace = sp; directAfterPlace = true;
      continue;
    }
    const bp = t.big.get(ch)!;
    section += num;
    num = 0n; pending = false;
    if (section === 0n && total === 0n) section = 1n; // bare 万/亿
    if (bp >= 8) total = (total + section) * 10n ** BigInt(bp);
    else total += section * 10n ** BigInt(bp);
    section = 0n;
    lastPlace = bp; directAfterPlace = true;
  }
  if (pending) {
    // 一万五 = 15000, 三百五 = 350: a final digit straight after a place word counts one place lower
    if (directAfterPlace && lastPlace >= 2 && places > 0) num *= 10n ** BigInt(lastPlace - 1);
    section += num;
  }
  if (places === 0 && maxRun >= 2) return { value: BigInt(digitsOnly), digitSequence: true };
  return { value: total + section, digitSequence: places > 0 && maxRun >= 2 && hasAdjacentNonZero(s, t) };
}

// 一千二三百 (two digits side by side, neither 零): an estimate, not a number we can state exactly.
function hasAdjacentNonZero(s: string, t: NumeralTables): boolean {
  for (let k = 1; k < s.length; k++) {
    const a = t.digits.get(s[k - 1]);
    const b = t.digits.get(s[k]);
    if (a !== undefined && b !== undefined && a !== 0 && b !== 0) return true;
  }
  return false;
}

/** value × 10^exp */
export function scale(value: Dec, exp: number): Dec {
  return shift(value, exp);
}

/** A spoken estimate between two numbers written side by side (五六, 两三千万, 二三十, 十六七; 三五 too): its two
 *  ends, or null. The second digit is one more than the first, or 三五 (three to five). */
export function spokenPair(s: string, t: NumeralTables): { low: Dec; high: Dec } | null {
  const digitAt = (k: number) => t.digits.get(s[k]);
  const follows = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && a > 0 && (b === a + 1 || (a === 3 && b === 5));
  // 五六, 两三千万, 二三十: two digits, then place words only
  if (follows(digitAt(0), digitAt(1)) && [...s.slice(2)].every((ch) => t.small.has(ch) || t.big.has(ch))) {
    const place = evalChineseInteger('一' + s.slice(2), t).value;
    return { low: dec(BigInt(digitAt(0)!) * place), high: dec(BigInt(digitAt(1)!) * place) };
  }
  // 十六七, 二十六七: a number ending in a place word, then two digits
  const n = s.length;
  if (n >= 3 && t.small.has(s[n - 3]) && follows(digitAt(n - 2), digitAt(n - 1))) {
    const head = s.slice(0, n - 2);
    if ([...head].some((ch, k) => k > 0 && t.digits.has(ch) && t.digits.has(head[k - 1]))) return null;
    return { low: dec(evalChineseInteger(head + s[n - 2], t).value), high: dec(evalChineseInteger(head + s[n - 1], t).value) };
  }
  return null;
}
