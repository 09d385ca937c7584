import { describe, expect, it } from 'vitest';
import { normalise, sourceSpan } from '../src/stages/03-normalise/index.js';
import { paragraphs, sentences } from '../src/stages/04-split/index.js';
import { rules } from './helpers/pipeline.js';

const r = () => rules().normalise;

/** every normalised character maps back to a source range whose text folds to it */
function roundTrips(source: string, format: 'text' | 'html' | 'markdown' = 'text') {
  const norm = normalise(source, format, r());
  for (let i = 0; i < norm.text.length; i++) {
    const { start, end } = sourceSpan(norm, i, i + 1);
    expect(end).toBeGreaterThan(start);
    expect(source.slice(start, end).length).toBeGreaterThan(0);
  }
  return norm;
}

describe('normalise', () => {
  it('folds full-width digits and punctuation and traditional characters 1:1', () => {
    const src = '總投資１２３．５億元，增長１２％';
    const n = roundTrips(src);
    expect(n.text).toBe('总投资123.5亿元,增长12%');
    expect(n.text.length).toBe(src.length);
  });

  it('drops OCR spaces inside words and numbers, keeping spans in the source', () => {
    const src = '全年完成投资 1546.18 亿元,重大项目建设暨"三个一批"推进 会召开';
    const n = roundTrips(src);
    expect(n.text).toBe('全年完成投资1546.18亿元,重大项目建设暨"三个一批"推进会召开');
    const at = n.text.indexOf('1546.18亿元');
    const { start, end } = sourceSpan(n, at, at + '1546.18亿元'.length);
    expect(src.slice(start, end)).toBe('1546.18 亿元');
  });

  it('keeps a space between two Latin words or two separate numbers', () => {
    expect(normalise('Tesla Model 3 项目', 'text', r()).text).toBe('Tesla Model 3项目');
    expect(normalise('2022 2023年对比', 'text', r()).text).toBe('2022 2023年对比');
  });

  it('joins a digit run that OCR or thousands spacing split', () => {
    const src = '完成投资4 87.3亿元,服务1 200余家企业,新增2 106.5亿元';
    const n = roundTrips(src);
    expect(n.text).toBe('完成投资487.3亿元,服务1200余家企业,新增2106.5亿元');
    const at = n.text.indexOf('1200余家');
    const { start, end } = sourceSpan(n, at, at + 6);
    expect(src.slice(start, end)).toBe('1 200余家');
  });

  it('joins a sentence broken across lines, even across a blank line, but keeps headings apart', () => {
    const src = '招商引资工作成效明显\n\n项目建设,招商引资是关\n\n键。全区签约项目\n12个。';
    const n = roundTrips(src);
    expect(n.text).toBe('招商引资工作成效明显\n项目建设,招商引资是关键。全区签约项目12个。');
    const paras = paragraphs(n.text);
    expect(paras).toHaveLength(2);
    const sents = sentences(n.text, paras).map((s) => n.text.slice(s.nStart, s.nEnd));
    expect(sents).toEqual(['招商引资工作成效明显', '项目建设,招商引资是关键。', '全区签约项目12个。']);
  });

  it('keeps a line break after a finished sentence', () => {
    expect(normalise('项目开工。\n新签约项目8个。', 'text', r()).text).toBe('项目开工。\n新签约项目8个。');
  });

  it('strips HTML tags, scripts and entities but maps back into the raw HTML', () => {
    const src = '<html><head><title>标题</title></head><body><h1>项目&amp;投资</h1><p>总投资&nbsp;30亿元</p><script>var x = "45个";</script><p>新增<b>8</b>家</p></body></html>';
    const n = roundTrips(src, 'html');
    expect(n.text).toBe('标题\n项目&投资\n总投资30亿元\n新增8家'); // the <title> is text too: it names the article
    const at = n.text.indexOf('30亿元');
    const { start, end } = sourceSpan(n, at, at + 4);
    expect(src.slice(start, end)).toBe('30亿元');
    const eight = n.text.indexOf('8家');
    const span = sourceSpan(n, eight, eight + 2);
    expect(src.slice(span.start, span.end)).toBe('8</b>家');
  });

  it('drops markdown marks', () => {
    const n = roundTrips('# 标题\n\n- 签约项目**8个**\n- 开工项目20个\n', 'markdown');
    expect(n.text).toBe('标题\n签约项目8个\n开工项目20个');
  });
});
