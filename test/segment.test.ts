import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/stages/05-segment/index.js';
import { ROOT, rules } from './helpers/pipeline.js';

const jieba = createRequire(import.meta.url)('nodejieba') as {
  tag(t: string): { word: string; tag: string }[];
  textRankExtract(t: string, n: number): unknown;
  cut(t: string, hmm?: boolean): string[];
  cutSpans(t: string, hmm?: boolean): Uint32Array;
};

describe('segment (real nodejieba)', () => {
  const text = '据统计,上街区纳入省"三个一批"项目共45个,总投资186.3亿元:其中5G基站3个,Model 3产线1条。\n新签约项目8个';

  it('gives the same words and POS tags as jieba.tag, with offsets into the text', () => {
    const tokens = segment(text, rules().segmentation);
    expect(tokens.map((t) => [t.word, t.tag])).toEqual(jieba.tag(text).map((t) => [t.word, t.tag]));
    for (const t of tokens) expect(text.slice(t.nStart, t.nEnd)).toBe(t.word);
  });

  it('keeps the user dictionary words whole', () => {
    const words = segment(text, rules().segmentation).map((t) => t.word);
    expect(words).toContain('三个一批');
    expect(words).toContain('总投资');
  });
});

describe('nodejieba as patched at install (patches/, postinstall)', () => {
  // The patch drops the TextRank extractor that load() built with a second copy of the dictionary.
  // If npm install skipped it, the unpatched build would extract keywords here instead.
  it('loads one copy of the dictionary: keyword extraction is not built, and says so', () => {
    segment('签约项目', rules().segmentation);
    expect(() => jieba.textRankExtract('上街区纳入省重点项目共45个', 3)).toThrow(/not built/);
  });

  // cutSpans counts UTF-16 units: a character outside the BMP (𠮷, an emoji) is two of them
  it('cutSpans gives the words of cut() as UTF-16 offsets, astral characters and all', () => {
    segment('签约项目', rules().segmentation);
    const text = '𠮷祥村🙂新签约项目８个,Model 3产线\n总投资1.5亿元';
    const spans = jieba.cutSpans(text, true);
    const words = jieba.cut(text, true);
    expect(spans.length).toBe(2 * words.length);
    expect(words.map((_, i) => text.slice(spans[2 * i], spans[2 * i + 1]))).toEqual(words);
    expect(spans[spans.length - 1]).toBe(text.length);
    expect(() => jieba.cutSpans(42 as unknown as string)).toThrow(/takes a string/);
  });

  // Worker threads share one jieba (the patch's load()): one trie in memory and in the CPU cache.
  // A word added in one thread is there in the other; and cutting at once in two threads, which
  // the shared trie must allow, gives the words one thread gives.
  it('shares one jieba between worker threads, and cuts correctly in two at once', async () => {
    const text = '据统计,上街区纳入省"三个一批"项目共45个,总投资186.3亿元。新签约犇犇犇犇项目8个。'.repeat(200);
    const run = (task: 'insert' | 'cut') => new Promise<unknown>((resolve, reject) => {
      const w = new Worker(`
        const { parentPort, workerData } = require('node:worker_threads');
        (async () => {
          const seg = await import(workerData.root + 'dist/src/stages/05-segment/index.js');
          const { rulesFor } = await import(workerData.root + 'dist/src/rules/load.js');
          seg.segment('签约', rulesFor(workerData.root + 'rules').segmentation);
          const jieba = require(require.resolve('nodejieba', { paths: [workerData.root] }));
          if (workerData.task === 'insert') jieba.insertWord('犇犇犇犇项目');
          const out = [];
          for (let i = 0; i < 50; i++) out.push(Array.from(jieba.cutSpans(workerData.text, true)).join(','));
          parentPort.postMessage(out);
        })().catch((e) => { throw e; });`, { eval: true, workerData: { root: ROOT, text, task } });
      w.once('message', resolve);
      w.once('error', reject);
    });
    segment('签约', rules().segmentation);
    const before = Array.from(jieba.cutSpans(text, true)).join(',');
    const inserted = (await run('insert')) as string[];
    // after the word went in (the first worker's cuts came after it), both threads cut it whole
    expect(inserted[0]).not.toBe(before);
    const [a, b] = (await Promise.all([run('cut'), run('cut')])) as string[][];
    for (const cut of [...a, ...b]) expect(cut).toBe(inserted[0]);
    expect(Array.from(jieba.cutSpans(text, true)).join(',')).toBe(inserted[0]);
  });
});
