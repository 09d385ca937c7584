// The floor: read, decode and cut every file with nodejieba (same user dictionary), nothing else.
import fg from 'fast-glob';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rulesFor } from '../src/rules/load.js';
import { decode } from '../src/stages/02-decode/index.js';
import { cutOnly } from '../src/stages/05-segment/index.js';

const rules = rulesFor(fileURLToPath(new URL('../../rules', import.meta.url)));
let words = 0;
for await (const path of fg.stream(`${process.argv[2]}/**/*.{txt,md,html,htm}`)) {
  words += cutOnly(decode(await readFile(String(path))).source, rules.segmentation);
}
process.stderr.write(`cut-only: ${words} words\n`);
