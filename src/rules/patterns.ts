// Building regular expressions from word lists in rules files (compiled once per rule set).

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of literal words, longest first so the longest match wins. */
export function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
}
