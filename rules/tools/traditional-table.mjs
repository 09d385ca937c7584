#!/usr/bin/env node
// Builds normalise.yaml's `traditional_table` from OpenCC's character table (TSCharacters, traditional →
// simplified, through the opencc-js package, a dev dependency), with its Hong Kong and Taiwan variant
// characters read as the standard ones first. Only one-to-one pairs of BMP characters are kept, the first
// simplified candidate of each, so that normalising never changes an offset; and never a character that
// simplified text uses as well (著, 乾), which folding would corrupt.
//   node rules/tools/traditional-table.mjs           print the table
//   node rules/tools/traditional-table.mjs --write   write it into rules/normalise.yaml
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const load = async (name) => (await import(`opencc-js/dict/${name}`)).default;
const pairs = (s) => s.split('|').map((e) => e.split(' ')).filter((e) => e.length >= 2);
const bmp1 = (s) => s.length === 1 && !/[\ud800-\udfff]/.test(s);
// characters simplified text writes too, in other words (显著, 著名; 乾坤): folding them would corrupt it
const SIMPLIFIED_TOO = '著乾';

export async function traditionalTable() {
  const entries = pairs(await load('TSCharacters'));
  // a character that is itself another's simplified form (么 of 麼) is simplified text's own
  const values = new Set(entries.flatMap(([, ...ss]) => ss));
  const keep = (t) => SIMPLIFIED_TOO.includes(t) || values.has(t);
  const ts = new Map();
  for (const [t, s] of entries) if (bmp1(t) && bmp1(s) && t !== s && !keep(t)) ts.set(t, s);
  // a regional variant (HK 裏, TW 綫) → the standard traditional character → simplified
  for (const name of ['HKVariantsRev', 'TWVariantsRev']) {
    for (const [variant, standard] of pairs(await load(name))) {
      const s = ts.get(standard) ?? standard;
      if (bmp1(variant) && bmp1(s) && variant !== s && !ts.has(variant) && !keep(variant)) ts.set(variant, s);
    }
  }
  return [...ts].sort(([a], [b]) => a.codePointAt(0) - b.codePointAt(0)).map(([t, s]) => t + s).join(' ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const table = await traditionalTable();
  if (process.argv.includes('--write')) {
    const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'normalise.yaml');
    const yaml = readFileSync(path, 'utf8');
    if (!/^traditional_table: ".*"$/m.test(yaml)) throw new Error(`${path}: no traditional_table line to replace`);
    writeFileSync(path, yaml.replace(/^traditional_table: ".*"$/m, `traditional_table: "${table}"`));
    console.log(`${path}: traditional_table, ${table.split(' ').length} pairs`);
  } else {
    console.log(table);
  }
}
