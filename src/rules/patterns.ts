// Regular expressions in rules files: checked at load, built from word lists once per rule set.
import { z } from 'zod';

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of literal words, longest first so the longest match wins. */
export function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
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
