import { describe, expect, it } from 'vitest';
import { rules } from './helpers/pipeline.js';
// the generator the rules file says its table comes from (a plain ES module, run by hand with --write)
import { traditionalTable } from '../rules/tools/traditional-table.mjs';

describe('traditional_table (rules/normalise.yaml)', () => {
  it('is what rules/tools/traditional-table.mjs builds from OpenCC', async () => {
    expect(rules().normalise.traditional_table).toBe(await traditionalTable());
  });

  it('folds no character that simplified text writes', () => {
    const keys = new Set(rules().normalise.traditional_table.split(' ').map((pair) => pair[0]));
    // 著 (显著), 乾 (乾坤), 么 (什么), and the simplified forms of every pair
    for (const ch of ['著', '乾', '么', '万', '亿', '个', '会', '设', '丰']) expect(keys.has(ch)).toBe(false);
    for (const pair of rules().normalise.traditional_table.split(' ')) expect(keys.has(pair[1])).toBe(false);
  });
});
