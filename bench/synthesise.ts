// A synthetic corpus from our corpus/ articles: each digit run rewritten, so every file is distinct
// (and so never skipped as a duplicate) while the text keeps the genre's shape.
// Usage: node dist/bench/synthesise.js DIR MB
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from '../src/stages/02-decode/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Our articles, decoded, with each digit run rewritten so every generated file is distinct. */
export function synthesise(dir: string, targetBytes: number, seed: number): { files: number; bytes: number } {
  const corpusDir = join(ROOT, 'corpus');
  const articles = readdirSync(corpusDir)
    .filter((f) => /\.(txt|md|html?)$/.test(f))
    .map((f) => ({ ext: f.slice(f.lastIndexOf('.')), text: decode(readFileSync(join(corpusDir, f))).source }));
  if (!articles.length) throw new Error('no articles in corpus/');
  mkdirSync(dir, { recursive: true });
  let rnd = seed;
  const next = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff);
  let bytes = 0;
  let files = 0;
  while (bytes < targetBytes) {
    const a = articles[files % articles.length];
    const text = a.text.replace(/\d+/g, (d) => {
      const first = d.length > 1 ? 1 + (next() % 9) : next() % 10;
      let out = String(first);
      for (let i = 1; i < d.length; i++) out += String(next() % 10);
      return out;
    });
    const body = Buffer.from(text, 'utf8');
    writeFileSync(join(dir, `doc${String(files).padStart(6, '0')}${a.ext}`), body);
    bytes += body.length;
    files++;
  }
  return { files, bytes };
}


if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = synthesise(process.argv[2], Number(process.argv[3] ?? 3) * 1e6, 1);
  console.log(`${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${process.argv[2]}`);
}
