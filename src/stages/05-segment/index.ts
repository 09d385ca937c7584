import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Token } from '../../model.js';
import type { SegmentationRules } from './rules.js';

// nodejieba segments the normalised text; tokens keep their offsets so later stages can ask
// "does a word boundary fall here?" and "what POS is the word before this name?".

const require = createRequire(import.meta.url);
const jieba = require('nodejieba') as {
  load(opts: { userDict?: string }): void;
  tag(text: string): { word: string; tag: string }[];
  cut(text: string, hmm?: boolean): string[];
};

let loadedWith: SegmentationRules | null = null;

/** jieba's dictionaries are process-wide: load once, with our user dictionary. */
export function loadSegmenter(rules: SegmentationRules): void {
  if (loadedWith === rules) return;
  if (loadedWith) return; // a process serves one rule set; a second load would only add words
  const dir = mkdtempSync(join(tmpdir(), 'newsfacts-jieba-'));
  const dict = join(dir, 'user.dict.utf8');
  writeFileSync(dict, rules.words.join('\n') + '\n');
  jieba.load({ userDict: dict });
  loadedWith = rules;
}

export function segment(text: string, rules: SegmentationRules): Token[] {
  loadSegmenter(rules);
  const tokens: Token[] = [];
  let pos = 0;
  for (const { word, tag } of jieba.tag(text)) {
    // jieba returns the text's characters in order; search defensively in case it drops any
    const at = text.startsWith(word, pos) ? pos : text.indexOf(word, pos);
    if (at < 0) continue;
    tokens.push({ word, tag, nStart: at, nEnd: at + word.length });
    pos = at + word.length;
  }
  return tokens;
}

/** Plain segmentation, for the benchmark's floor. */
export function cutOnly(text: string, rules: SegmentationRules): number {
  loadSegmenter(rules);
  return jieba.cut(text).length;
}
