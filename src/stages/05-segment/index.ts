import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Token } from '../../model.js';
import type { SegmentationRules } from './rules.js';

// nodejieba segments the normalised text; tokens keep their offsets so later stages can ask
// "does a word boundary fall here?" and "what POS is the word before this name?".

const require = createRequire(import.meta.url);
const jieba = require('nodejieba') as {
  load(opts: { dict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  tag(text: string): { word: string; tag: string }[];
  cut(text: string, hmm?: boolean): string[];
  /** our patch (patches/): [start, end) of each word in UTF-16 units, two numbers a word */
  cutSpans(text: string, hmm?: boolean): Uint32Array;
};
const JIEBA_DICT_DIR = join(dirname(require.resolve('nodejieba')), 'submodules', 'cppjieba', 'dict');

let loadedWith: SegmentationRules | null = null;
/** word → POS tag, from the same dictionaries jieba loaded */
let posOf: Map<string, string> = new Map();

/** Loads jieba with our user dictionary. Every thread calls this; the patched nodejieba builds the
 *  trie once per process and shares it, and each thread keeps its own tag table. */
export function loadSegmenter(rules: SegmentationRules): void {
  if (loadedWith) return; // a process serves one rule set; a second load would only add words
  const files = dictionaryFiles(rules);
  jieba.load(files);
  posOf = posTable([files.dict, files.userDict]);
  loadedWith = rules;
}

// jieba's tag() is its HMM cut plus a dictionary look-up per word, but it hands every word back as
// a {word, tag} object built in C++, which costs more than the cut itself. Cutting to strings and
// looking the tag up here gives the same words and tags at about half the cost.
function posTable(dicts: string[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const path of dicts) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const parts = line.split(' ');
      const tag = parts.length >= 3 ? parts[2] : parts.length === 2 && !/^\d+$/.test(parts[1]) ? parts[1] : '';
      if (parts[0] && tag) table.set(parts[0], tag);
    }
  }
  return table;
}

/** jieba's tag for a word not in its dictionaries (cppjieba's PosTagger::SpecialRule). */
function specialTag(word: string): string {
  let ascii = 0;
  let digits = 0;
  for (let i = 0; i < word.length && ascii < Math.floor(word.length / 2); i++) {
    const c = word.charCodeAt(i);
    if (c < 0x80) {
      ascii++;
      if (c >= 48 && c <= 57) digits++;
    }
  }
  if (ascii === 0) return 'x';
  return digits === ascii ? 'm' : 'eng';
}

/**
 * The dictionaries jieba loads, written once per machine into a cache folder named by their content.
 * The main dictionary keeps words of at least `min_frequency` (rare words fall back to jieba's HMM):
 * the full 350k-word trie costs ~120 MB and 0.4 s of loading in every worker, the trimmed one 31 MB
 * and 0.09 s. Keyword extraction is unused, so its IDF and stop-word lists are one line each.
 */
function dictionaryFiles(rules: SegmentationRules) {
  const source = join(JIEBA_DICT_DIR, 'jieba.dict.utf8');
  const key = createHash('sha256')
    .update(JSON.stringify([statSync(source).size, statSync(source).mtimeMs, rules.dictionary.min_frequency, rules.words]))
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `newsfacts-jieba-${key}`);
  const files = {
    dict: join(dir, 'jieba.dict.utf8'),
    hmmDict: join(JIEBA_DICT_DIR, 'hmm_model.utf8'),
    userDict: join(dir, 'user.dict.utf8'),
    idfDict: join(dir, 'idf.utf8'),
    stopWordDict: join(dir, 'stop_words.utf8'),
  };
  if (existsSync(files.stopWordDict)) return files;
  mkdirSync(dir, { recursive: true });
  const min = rules.dictionary.min_frequency;
  const kept = readFileSync(source, 'utf8')
    .split('\n')
    .filter((line) => Number(line.split(' ')[1]) >= min);
  // written to a temporary name and renamed, so workers starting together never read half a file
  const write = (path: string, text: string) => {
    const tmp = `${path}.${process.pid}.${threadId}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  };
  write(files.dict, kept.join('\n') + '\n');
  write(files.userDict, rules.words.join('\n') + '\n');
  write(files.idfDict, '的 1.0\n');
  write(files.stopWordDict, '的\n'); // last: its presence means the folder is complete
  return files;
}

/**
 * A jieba word: where it is in the text. Its characters and its tag are read the first time a stage
 * asks: most words are never asked about, and making a string per word (as jieba's cut() does) cost
 * more than the cut itself.
 */
class Word implements Token {
  private cachedWord: string | undefined;
  private cachedTag: string | undefined;
  constructor(private readonly text: string, readonly nStart: number, readonly nEnd: number) {}
  get word(): string {
    return (this.cachedWord ??= this.text.slice(this.nStart, this.nEnd));
  }
  get tag(): string {
    return (this.cachedTag ??= posOf.get(this.word) ?? specialTag(this.word));
  }
}

export function segment(text: string, rules: SegmentationRules): Token[] {
  loadSegmenter(rules);
  const spans = jieba.cutSpans(text, true);
  const tokens: Token[] = new Array(spans.length / 2);
  for (let i = 0; i < tokens.length; i++) tokens[i] = new Word(text, spans[2 * i], spans[2 * i + 1]);
  return tokens;
}

/** Plain segmentation as nodejieba's README calls it (cut(), a string per word): the benchmark's floor. */
export function cutOnly(text: string, rules: SegmentationRules): number {
  loadSegmenter(rules);
  return jieba.cut(text).length;
}
