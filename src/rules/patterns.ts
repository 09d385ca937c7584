// Regular expressions in rules files: checked at load, built from word lists once per rule set.
import { z } from 'zod';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of literal words, longest first so the longest match wins. */
export function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
}

/** A lookahead for the first characters of `words`. Put before a long alternation that is searched
 *  for (not anchored): most places in a text start none of the words, and the one class test turns
 *  them away without trying every alternative (the place-name pattern runs twice as fast). */
export function firstCharOf(words: string[]): string {
  const chars = new Set(words.filter((w) => w.length).map((w) => String.fromCodePoint(w.codePointAt(0)!)));
  return `(?=[${[...chars].map((ch) => ch.replace(/[\\\]^-]/g, '\\$&')).join('')}])`;
}

/** A regular-expression source in a rules file: a typo fails when the rules load, not mid-run. */
export const regexSource = z.string().min(1).refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/**
 * Every match of a global expression in `s`, as String.prototype.matchAll gives them, but about four
 * times quicker on the short strings the stages test: matchAll clones the expression and makes an
 * iterator on every call. Starts, as matchAll does, at the expression's lastIndex, and leaves it as
 * it was.
 */
export function matches(re: RegExp, s: string): RegExpExecArray[] {
  const from = re.lastIndex;
  const out: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push(m);
    // an empty match would be found again at the same place: step past it (by code point under /u)
    if (m[0] === '') re.lastIndex = re.unicode && (s.codePointAt(re.lastIndex) ?? 0) > 0xffff ? re.lastIndex + 2 : re.lastIndex + 1;
  }
  re.lastIndex = from;
  return out;
}

/** A set of characters as a table by char code, for scans that test every character: text[k] makes
 *  a new string for each Chinese character, charCodeAt does not. (BMP characters only.) */
export function charCodes(chars: Iterable<string>): Uint8Array {
  const codes = new Uint8Array(0x10000);
  for (const ch of chars) if (ch.length === 1) codes[ch.charCodeAt(0)] = 1;
  return codes;
}
