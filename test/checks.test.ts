import { describe, expect, it } from 'vitest';
import { count, docWith, money, pct } from './helpers/stage-doc.js';
import { halfUlp, format } from '../src/stages/09-checks/decimal.js';

const summary = (doc: ReturnType<typeof docWith>) => doc.checks.map((c) => `${c.kind}:${c.status}:${c.expected}:${c.stated}`);

describe('checks: sums', () => {
  it('a 其中 breakdown that adds up passes, one that does not fails', () => {
    const doc = docWith('全县共有项目40个,总投资142.6亿元。其中"签约一批"项目9个,总投资38.4亿元;"开工一批"项目18个,总投资47.9亿元;"投产一批"项目13个,总投资56.0亿元。',
      [count('40个', '40'), money('142.6亿元', '14260000000'), count('9个', '9'), money('38.4亿元', '3840000000'),
        count('18个', '18'), money('47.9亿元', '4790000000'), count('13个', '13'), money('56.0亿元', '5600000000')]);
    expect(summary(doc)).toEqual(['sum:pass:40:40', 'sum:fail:14230000000:14260000000']);
    expect(doc.checks[0].facts).toHaveLength(4);
  });
  it('allows for the rounding the article writes (2 decimals in the family: 9亿元 is 9.00亿元)', () => {
    const ok = docWith('年度计划投资15.16亿元。其中"签约一批"项目年度计划投资9亿元;"开工一批"项目年度计划投资6.15亿元。',
      [money('15.16亿元', '1516000000'), money('9亿元', '900000000'), money('6.15亿元', '615000000')]);
    expect(ok.checks.map((c) => c.status)).toEqual(['pass']);
    const bad = docWith('年度计划投资15.5亿元。其中"签约一批"项目年度计划投资9亿元;"开工一批"项目年度计划投资6.15亿元。',
      [money('15.5亿元', '1550000000'), money('9亿元', '900000000'), money('6.15亿元', '615000000')]);
    expect(bad.checks.map((c) => c.status)).toEqual(['fail']);
  });
  it('batch families across paragraphs: an approximate total is as precise as its digits', () => {
    const doc = docWith('全区现有7期"三个一批"项目37个,总投资约465亿元。\n"签约一批"项目6个,总投资166亿元。\n"开工一批"项目24个,总投资228.35亿元。\n"投产一批"项目7个,总投资70.4亿元。',
      [count('37个', '37'), { text: '约465亿元', kind: 'money', value: '46500000000', approx: 'about' }, count('6个', '6'), money('166亿元', '16600000000'),
        count('24个', '24'), money('228.35亿元', '22835000000'), count('7个', '7'), money('70.4亿元', '7040000000')]);
    expect(doc.checks.map((c) => `${c.kind}:${c.status}`)).toEqual(['sum:pass', 'sum:pass']);
  });
  it('a single part or status counts make no family', () => {
    const doc = docWith('项目20个,其中已开工14个。', [count('20个', '20'), count('14个', '14')]);
    expect(doc.checks).toEqual([]);
  });
});

describe('checks: rates', () => {
  it('recomputes 转化率 from 已达效 / the batch count, to the stated precision', () => {
    const pass = docWith('"投产一批"项目17个,已达效15个,转化率88.2%。', [count('17个', '17'), count('15个', '15'), pct('88.2%', '88.2')]);
    expect(summary(pass)).toEqual(['rate:pass:88.24:88.2']);
    const fail = docWith('"投产一批"项目17个,已达效15个,转化率86.2%。', [count('17个', '17'), count('15个', '15'), pct('86.2%', '86.2')]);
    expect(fail.checks.map((c) => c.status)).toEqual(['fail']);
  });
  it('开工率 needs an 已开工 part; a rate with no part is not checked', () => {
    const doc = docWith('"开工一批"项目20个,开工率90%。', [count('20个', '20'), pct('90%', '90')]);
    expect(doc.checks).toEqual([]);
  });
});

describe('decimal rounding', () => {
  it('half a unit of the last written digit', () => {
    expect(format(halfUlp('186.3亿元', '18630000000'))).toBe('5000000');
    expect(format(halfUlp('88.2%', '88.2'))).toBe('0.05');
    expect(format(halfUlp('三千五百万元', '35000000'))).toBe('500000');
  });
});
