import type { Span } from '../../model.js';

// Paragraphs end at a kept line break; sentences end after 。!? (and at paragraph ends).
// Semicolons and commas are clause marks inside a sentence: facts read them, they do not split here.

const SENTENCE_END = /[。!?！？]/;
const CLOSERS = /[”"’')）】」]/;

export function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      if (i > s) spans.push({ nStart: s, nEnd: i });
      s = i + 1;
    }
  }
  return spans;
}

export function sentences(text: string, paras: Span[]): Span[] {
  const spans: Span[] = [];
  for (const p of paras) {
    let s = p.nStart;
    for (let i = p.nStart; i < p.nEnd; i++) {
      if (!SENTENCE_END.test(text[i])) continue;
      let e = i + 1;
      while (e < p.nEnd && (SENTENCE_END.test(text[e]) || CLOSERS.test(text[e]))) e++;
      spans.push({ nStart: s, nEnd: e });
      s = e;
      i = e - 1;
    }
    if (s < p.nEnd) spans.push({ nStart: s, nEnd: p.nEnd });
  }
  return spans;
}
