import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadRules } from '../src/rules/load.js';
import { processDocument } from '../src/pipeline/document-machine.js';
import { findQuantities } from '../src/stages/06-quantities/index.js';
import { add, div, parseDec, shift, toString } from '../src/stages/06-quantities/decimal.js';
import { type NumeralTables, readArabic, readChinese } from '../src/stages/06-quantities/numerals.js';

const rules = loadRules(join(import.meta.dirname, '..', 'rules'));

type Got = { text: string; kind: string; value: string; valueMax: string | null; unit: string | null; approx: string };
function mentions(text: string): Got[] {
  const r = processDocument({ path: 'test.txt', source: text, rules });
  if (r.status !== 'ok') throw new Error(r.error);
  return r.doc.mentions.map((m) => ({ text: m.text, kind: m.kind, value: m.value, valueMax: m.valueMax, unit: m.unit, approx: m.approx }));
}
const one = (text: string) => {
  const m = mentions(text);
  expect(m, `one mention in ${text}`).toHaveLength(1);
  return m[0];
};
const texts = (text: string) => mentions(text).map((m) => m.text);

const tables: NumeralTables = {
  digits: new Map(Object.entries(rules.quantities.numerals.digits)),
  small: new Map(Object.entries(rules.quantities.numerals.places)),
  big: new Map(Object.entries(rules.quantities.numerals.sections)),
  point: new Set(rules.quantities.numerals.point),
};
const chinese = (s: string) => {
  const n = readChinese(s, 0, tables);
  return n ? toString(n.value) : null;
};

describe('decimal arithmetic (never floats)', () => {
  it('scales decimal strings exactly', () => {
    expect(toString(shift(parseDec('186.3'), 8))).toBe('18630000000');
    expect(toString(shift(parseDec('0.1'), 8))).toBe('10000000');
    expect(toString(shift(parseDec('1546.18'), 8))).toBe('154618000000');
    expect(toString(shift(parseDec('0.07'), 4))).toBe('700');
    expect(toString(add(parseDec('1.5'), parseDec('0.5')))).toBe('2');
    expect(toString(parseDec('-7.90'))).toBe('-7.9');
  });
  it('divides with rounding to fixed places', () => {
    expect(toString(div(parseDec('1'), parseDec('3'), 6))).toBe('0.333333');
    expect(toString(div(parseDec('2'), parseDec('3'), 6))).toBe('0.666667');
  });
});

describe('numerals', () => {
  it('reads Arabic numbers with separators and decimals', () => {
    const n = readArabic('共1,234.5万', 1)!;
    expect(toString(n.value)).toBe('1234.5');
    expect(n.end).toBe(8);
    expect(toString(readArabic('12345', 0)!.value)).toBe('12345');
  });
  it('reads Chinese numerals with places and sections', () => {
    expect(chinese('一千二百三十四万五千')).toBe('12345000');
    expect(chinese('十五')).toBe('15');
    expect(chinese('二十')).toBe('20');
    expect(chinese('一百零五')).toBe('105');
    expect(chinese('三千零二十')).toBe('3020');
    expect(chinese('两')).toBe('2');
    expect(chinese('一万五')).toBe('15000');
    expect(chinese('一亿三千万')).toBe('130000000');
    expect(chinese('三万亿')).toBe('3000000000000');
    expect(chinese('三点五')).toBe('3.5');
    expect(chinese('壹仟贰佰叁拾肆')).toBe('1234');
    expect(chinese('伍佰陆拾柒')).toBe('567');
  });
  it('flags digit runs (years, codes) and bare place words', () => {
    expect(readChinese('二〇二三年', 0, tables)!.digitSequence).toBe(true);
    expect(readChinese('万人', 0, tables)!.bare).toBe(true);
    expect(readChinese('十堰', 0, tables)!.bare).toBe(false);
  });
});

describe('kinds and values', () => {
  it('money', () => {
    expect(one('总投资186.3亿元')).toMatchObject({ kind: 'money', value: '18630000000', unit: 'CNY', approx: 'exact' });
    expect(one('首期投入0.1亿元')).toMatchObject({ value: '10000000' });
    expect(one('完成投资1546.18亿元')).toMatchObject({ value: '154618000000' });
    expect(one('上缴税收3600万余元')).toMatchObject({ text: '3600万余元', value: '36000000', approx: 'over' });
    expect(one('合同金额2,500万元')).toMatchObject({ value: '25000000' });
    expect(one('能拉来两个亿的投资')).toMatchObject({ text: '两个亿', kind: 'money', value: '200000000' });
    expect(one('引进外资1.2亿美元')).toMatchObject({ value: '120000000', unit: 'USD' });
    expect(one('资本金壹佰伍拾万元')).toMatchObject({ value: '1500000' });
    expect(one('该县总投资12亿，')).toMatchObject({ text: '12亿', kind: 'money', value: '1200000000' });
    expect(mentions('常住人口12万，')).toEqual([]);
  });
  it('counts with classifiers, Chinese numerals included', () => {
    expect(one('纳入项目45个')).toMatchObject({ kind: 'count', value: '45', unit: '个' });
    expect(one('签约一百二十个项目')).toMatchObject({ value: '120', unit: '个' });
    expect(one('市场主体1.6万家')).toMatchObject({ value: '16000', unit: '家' });
    expect(one('接待游客8万人次')).toMatchObject({ value: '80000', unit: '人次' });
    expect(one('年产30亿套包装材料')).toMatchObject({ value: '3000000000', unit: '套' });
    expect(one('出让地块两宗')).toMatchObject({ value: '2', unit: '宗' });
    expect(one('考核五项指标')).toMatchObject({ value: '5', unit: '项' });
  });
  it('percent, percentage points, ratio', () => {
    expect(one('增长14.55%')).toMatchObject({ kind: 'percent', value: '14.55', unit: '%' });
    expect(one('增速为-7.9%')).toMatchObject({ kind: 'percent', value: '-7.9' });
    expect(one('高于全省5.3个百分点')).toMatchObject({ kind: 'pp', value: '5.3', unit: 'pp' });
    expect(one('提高2百分点')).toMatchObject({ kind: 'pp', value: '2' });
    expect(one('占比达到百分之三十')).toMatchObject({ kind: 'percent', value: '30', unit: '%' });
    expect(one('压缩三分之一')).toMatchObject({ kind: 'ratio', value: '0.333333', unit: null });
    expect(one('缩短四分之一')).toMatchObject({ kind: 'ratio', value: '0.250000' }); // the guide: 6 places
  });
  it('measures and durations', () => {
    expect(one('年产6万吨')).toMatchObject({ kind: 'measure', value: '60000', unit: '吨' });
    expect(one('占地51.8公顷')).toMatchObject({ kind: 'measure', value: '51.8', unit: '公顷' });
    expect(one('吞吐量40646标箱')).toMatchObject({ kind: 'measure', value: '40646', unit: '标箱' });
    expect(one('装机5万千瓦')).toMatchObject({ kind: 'measure', value: '50000', unit: '千瓦' });
    expect(one('工期3个月')).toMatchObject({ kind: 'duration', value: '3', unit: '月' });
    expect(one('审批压缩到40个工作日')).toMatchObject({ kind: 'duration', value: '40', unit: '工作日' });
    expect(one('攻坚一百天')).toMatchObject({ kind: 'duration', value: '100', unit: '天' });
    expect(one('仅过去了半年')).toMatchObject({ kind: 'duration', value: '0.5', unit: '年' });
    expect(one('历时两年半')).toMatchObject({ kind: 'duration', value: '2.5', unit: '年' });
    expect(one('用了一个半小时')).toMatchObject({ kind: 'duration', value: '1.5', unit: '小时' });
    expect(mentions('公司上半年完成产值')).toEqual([]);
  });
});

describe('ranges', () => {
  it('take the upper end multiplier and unit', () => {
    expect(one('计划投资30-50亿元')).toMatchObject({ kind: 'money', value: '3000000000', valueMax: '5000000000' });
    expect(one('分1—3个阶段实施')).toMatchObject({ kind: 'count', value: '1', valueMax: '3', unit: '个' });
    expect(one('人均增收两到三万元')).toMatchObject({ value: '20000', valueMax: '30000' });
    expect(one('增速20%-30%')).toMatchObject({ kind: 'percent', value: '20', valueMax: '30' });
    expect(one('通过一到两年时间')).toMatchObject({ kind: 'duration', value: '1', valueMax: '2', unit: '年' });
    expect(one('投资5亿—10亿元')).toMatchObject({ value: '500000000', valueMax: '1000000000' });
    expect(one('需要3至5个工作日')).toMatchObject({ value: '3', valueMax: '5', unit: '工作日' });
  });
  it('are not made of dates', () => {
    expect(mentions('2023—2025年，持续推进')).toEqual([]);
    expect(mentions('1-11月，累计完成')).toEqual([]);
  });
});

describe('approximation', () => {
  it('words before, inside and after', () => {
    expect(one('总投资约465亿元')).toMatchObject({ text: '约465亿元', approx: 'about' });
    expect(one('引进320余项')).toMatchObject({ text: '320余项', value: '320', approx: 'over' });
    expect(one('企业20多家')).toMatchObject({ value: '20', approx: 'over' });
    expect(one('主体1.6万家以上')).toMatchObject({ text: '1.6万家以上', approx: 'over' });
    expect(one('保持在10%左右')).toMatchObject({ text: '10%左右', approx: 'about' });
    expect(one('总数突破2100家')).toMatchObject({ text: '2100家', approx: 'over' });
    expect(one('不少于1000家')).toMatchObject({ approx: 'over' });
    expect(one('超过50亿元')).toMatchObject({ approx: 'over' });
    expect(one('逾1.2万班')).toMatchObject({ approx: 'over', unit: '班' });
    expect(one('近三年')).toMatchObject({ kind: 'duration', approx: 'under' });
    expect(one('不足3个月')).toMatchObject({ approx: 'under' });
    expect(one('控制在5%以内')).toMatchObject({ approx: 'under' });
    expect(one('用时3个多月')).toMatchObject({ value: '3', unit: '月', approx: 'over' });
    expect(one('缩短三分之一以上')).toMatchObject({ kind: 'ratio', approx: 'over' });
    expect(one('千余名员工')).toMatchObject({ value: '1000', approx: 'over' });
  });
  it('not inside longer words', () => {
    expect(one('最近3天')).toMatchObject({ approx: 'exact' });
    expect(one('签约5个项目')).toMatchObject({ approx: 'exact' });
    expect(one('赶超3家企业')).toMatchObject({ approx: 'exact' });
  });
});

describe('exclusions', () => {
  it('dates and years', () => {
    expect(mentions('2022年12月25日')).toEqual([]);
    expect(mentions('二〇二三年元月')).toEqual([]);
    expect(mentions('1月28日、29日分别召开')).toEqual([]);
    expect(mentions('2022年度目标')).toEqual([]);
  });
  it('ordinals and ranks', () => {
    expect(mentions('第七期项目')).toEqual([]);
    expect(mentions('排名第2位')).toEqual([]);
    expect(mentions('前三名企业')).toEqual([]);
    expect(mentions('第二家机构')).toEqual([]);
    expect(texts('目前已有11个平台')).toEqual(['11个']);
  });
  it('codes and identifiers', () => {
    expect(mentions('3#楼封顶')).toEqual([]);
    expect(mentions('建成5G基站')).toEqual([]);
    expect(mentions('超硬3C材料')).toEqual([]);
    expect(mentions('拨打12345热线')).toEqual([]);
    expect(mentions('构建1+2个体系')).toEqual([]);
  });
  it('quoted programme numbers and slogans, book titles', () => {
    expect(mentions('推进"25311"工程')).toEqual([]);
    expect(mentions('构建“2+1”产业体系')).toEqual([]);
    expect(mentions('落实“一日两巡”')).toEqual([]);
    expect(mentions('印发《关于进一步优化服务的十条措施》')).toEqual([]);
    expect(texts('合同上写的是“壹佰贰拾万元整”')).toEqual(['壹佰贰拾万元']);
  });
  it('fixed names', () => {
    for (const s of ['三个一批项目', '两个确保', '实施十大战略', '二十大精神', '万人助万企活动', '五个一工程', '筛选一批项目', '一大批园区', '首批项目', '四个一百工程'])
      expect(mentions(s), s).toEqual([]);
  });
  it('一 as an article, unless counted', () => {
    for (const s of ['做到一个项目一个方案', '一辆卡车开来', '一步一个脚印', '组建一支专班', '是一家民营企业', '新的一年', '每季度举行一次'])
      expect(mentions(s), s).toEqual([]);
    expect(one('新增一家示范机构')).toMatchObject({ kind: 'count', value: '1', unit: '家' });
    expect(one('仅用一天时间')).toMatchObject({ kind: 'duration', value: '1', unit: '天' });
    expect(one('只有两天时间')).toMatchObject({ kind: 'duration', value: '2' });
  });
  it('bare place words and 大', () => {
    for (const s of ['千帆竞发、百舸争流', '聚焦三大区域', '六大园区', '打造千亿级集群'])
      expect(mentions(s), s).toEqual([]);
  });
});

describe('the recogniser', () => {
  it('works without tokens and returns offsets into the normalised text', () => {
    const text = '项目45个，总投资186.3亿元';
    const hits = findQuantities(text, [], rules);
    expect(hits.map((h) => text.slice(h.nStart, h.nEnd))).toEqual(['45个', '186.3亿元']);
  });
  it('is linear-ish in text length', () => {
    const para = '全区签约项目45个，总投资186.3亿元，同比增长12.3%，高于全市5.3个百分点；“三个一批”活动持续推进，2023年1月28日第七期开工一批项目20个。\n';
    const text = para.repeat(2000); // ~150,000 characters
    const t0 = performance.now();
    const hits = findQuantities(text, [], rules);
    const ms = performance.now() - t0;
    expect(hits).toHaveLength(5 * 2000);
    expect(ms).toBeLessThan(2000);
  });
});
