import { describe, expect, it } from 'vitest';
import { count, docWith, money, pct, pp } from './helpers/stage-doc.js';
import { analyse } from './helpers/pipeline.js';

const facts = (doc: ReturnType<typeof docWith>) =>
  doc.facts.map((f) => ({ m: doc.mentions[f.mention].text, metric: f.metric, region: f.region, entity: f.entity, batch: f.batch, phase: f.phase, year: f.year }));
const metrics = (doc: ReturnType<typeof docWith>) => doc.facts.map((f) => [doc.mentions[f.mention].text, f.metric]);

describe('facts: metric triggers', () => {
  it('investment triggers bind to the number right after them', () => {
    const doc = docWith('总投资186.3亿元,年度计划投资76.3亿元,完成投资40.2亿元,完成年度计划的52.7%。',
      [money('186.3亿元', '18630000000'), money('76.3亿元', '7630000000'), money('40.2亿元', '4020000000'), pct('52.7%', '52.7')]);
    expect(metrics(doc)).toEqual([
      ['186.3亿元', 'total_investment'], ['76.3亿元', 'annual_planned_investment'],
      ['40.2亿元', 'completed_investment'], ['52.7%', 'plan_completion_rate'],
    ]);
  });
  it('counts: 项目45个, 45个项目, 企业N家, N家规模以上企业; a count of another noun is not', () => {
    const doc = docWith('纳入项目共45个,涵盖12个重点项目,入驻企业56家,14家规模以上企业,建立4个台账。',
      [count('45个', '45'), count('12个', '12'), count('56家', '56'), count('14家', '14'), count('4个', '4')]);
    expect(metrics(doc)).toEqual([['45个', 'project_count'], ['12个', 'project_count'], ['56家', 'enterprise_count'], ['14家', 'enterprise_count']]);
  });
  it('rates, income, output, tax, GDP, growth and percentage points', () => {
    const doc = docWith('签约率100%,开工率90%,转化率88.2%。营业收入3.1亿元,产值5.2亿元,税收3600万元。地区生产总值187.07亿元,增长9.4%,高于全省5.3个百分点。',
      [pct('100%', '100'), pct('90%', '90'), pct('88.2%', '88.2'), money('3.1亿元', '310000000'), money('5.2亿元', '520000000'),
        money('3600万元', '36000000'), money('187.07亿元', '18707000000'), pct('9.4%', '9.4'), pp('5.3个百分点', '5.3')]);
    expect(metrics(doc).map((x) => x[1])).toEqual(['signing_rate', 'start_rate', 'conversion_rate', 'revenue', 'output_value', 'tax', 'gdp', 'growth_rate', 'growth_pp']);
  });
  it('status counts (已达效15个) are project counts from their own rule', () => {
    const doc = docWith('"投产一批"项目17个,已达效15个。', [count('17个', '17'), count('15个', '15')]);
    expect(doc.facts.map((f) => f.rule)).toEqual(['project_count', 'project_count_status']);
  });
  it('a number inside a project name carries no fact', () => {
    const doc = docWith('盛达年产30万吨新材料项目开工。', [{ text: '30万吨', kind: 'measure', value: '300000', unit: '吨' }]);
    expect(doc.facts).toEqual([]);
  });
});

describe('facts: slots and carry-over', () => {
  it('region carries into 其中 sentences; batch from the 签约一批 marker; round from 前六期', () => {
    const doc = docWith('据统计,中牟县前六期纳入省"三个一批"项目共30个。其中"签约一批"项目8个;"开工一批"项目12个。',
      [count('30个', '30'), count('8个', '8'), count('12个', '12')]);
    expect(facts(doc)).toEqual([
      { m: '30个', metric: 'project_count', region: '中牟县', entity: null, batch: null, phase: '1-6', year: null },
      { m: '8个', metric: 'project_count', region: '中牟县', entity: null, batch: 'signed', phase: '1-6', year: null },
      { m: '12个', metric: 'project_count', region: '中牟县', entity: null, batch: 'started', phase: '1-6', year: null },
    ]);
  });
  it('全区/该区 resolve to the article area; 高于全市 is a comparison', () => {
    const doc = docWith('洛阳高新区今年开局良好。该区2022年地区生产总值增长9.4%,高于全市5.3个百分点。',
      [pct('9.4%', '9.4'), pp('5.3个百分点', '5.3')]);
    expect(doc.facts.map((f) => [f.region, f.year])).toEqual([['洛阳高新区', 2022], ['洛阳高新区', 2022]]);
  });
  it('a round stated for the first sentence is dropped when the next sentence changes subject', () => {
    const doc = docWith('全区第七期"三个一批"活动中,6个项目集中开工。会后,该区部署全区50个重点项目。',
      [count('6个', '6'), count('50个', '50')]);
    expect(doc.facts.map((f) => [f.batch, f.phase])).toEqual([['started', '7'], [null, null]]);
  });
  it('year applies forward in the passage only', () => {
    const doc = docWith('总投资30亿元,截至2022年底已开工14个。', [money('30亿元', '3000000000'), count('14个', '14')]);
    expect(doc.facts.map((f) => f.year)).toEqual([null, 2022]);
  });
  it('entity: the one project of the clause, or the one named before 公司/该项目', () => {
    const doc = docWith('恒远新材料项目去年投产,2022年实现营业收入4.6亿元,缴纳税收2800万元。作为"三个一批"已投产项目,华光电子科技有限公司发展迅速。2022年,公司完成产值12亿元。',
      [money('4.6亿元', '460000000'), money('2800万元', '28000000'), money('12亿元', '1200000000')]);
    expect(doc.facts.map((f) => [f.entity, f.batch])).toEqual([
      ['恒远新材料项目', null], ['恒远新材料项目', null], ['华光电子科技有限公司', 'producing'],
    ]);
  });
  it('a list of projects before a total is an aggregate: no entity', () => {
    const doc = docWith('"签约一批"项目2个,分别为金穗食品项目、银川机械项目,总投资16亿元。', [count('2个', '2'), money('16亿元', '1600000000')]);
    expect(doc.facts.map((f) => f.entity)).toEqual([null, null]);
  });
});

describe('facts: passages about a round, years, lists', () => {
  const slots = (text: string) => analyse(text).facts.map((f) => [f.metric, f.batch, f.phase, f.year]);
  it('bare 签约项目/开工项目 set the batch only in a passage about the round, for their sentence', () => {
    expect(slots('第九期活动中,全区集中签约、开工项目14个。其中,签约项目5个;开工项目9个。后续储备项目30个。')).toEqual([
      ['project_count', null, '9', null], ['project_count', 'signed', '9', null], ['project_count', 'started', '9', null],
      ['project_count', null, null, null],
    ]);
    expect(slots('全市已签约项目20个,开工项目15个。')).toEqual([['project_count', null, null, null], ['project_count', null, null, null]]);
  });
  it('items of a list introduced by a campaign paragraph keep its batch and round', () => {
    const doc = analyse('第十期"开工一批"项目中,投资最大的三个是:\n\n1.华润食品项目,总投资9亿元;\n\n2.豫东物流园,总投资7亿元。\n\n其余项目投资均在5亿元以下。');
    expect(doc.facts.map((f) => [doc.mentions[f.mention].text, f.batch, f.phase])).toEqual([['9亿元', 'started', '10'], ['7亿元', 'started', '10']]);
  });
  it('今年/去年 resolve from the dateline; 全年 is this year; a year word ends the round', () => {
    const doc = analyse('新闻网 2023年11月2日\n\n本期全县"签约一批"项目6个。力争全年新签约项目30个,去年完成投资80亿元。');
    expect(doc.facts.map((f) => [f.batch, f.phase, f.year])).toEqual([['signed', null, null], [null, null, 2023], [null, null, 2022]]);
  });
  it('a noted project (第八期开工项目) gives its figures that batch and round', () => {
    const doc = analyse('一批往期项目建成投用,包括宏达电子项目(第八期开工项目)。其中,宏达电子项目总投资12亿元。');
    expect(doc.facts.map((f) => [f.entity, f.batch, f.phase])).toEqual([['宏达电子项目', 'started', '8']]);
  });
  it('a company short name is its entity; role words are not part of the name', () => {
    const doc = analyse('项目业主河南瑞丰精工机械有限公司今年投产。在瑞丰精工的车间里,公司实现产值2.4亿元。');
    expect(doc.facts.map((f) => f.entity)).toEqual(['河南瑞丰精工机械有限公司']);
  });
});

describe('facts through the whole pipeline', () => {
  it('binds the quantities stage mentions', () => {
    const doc = analyse('该县纳入省重点项目共36个,总投资210.5亿元。');
    expect(doc.facts.map((f) => f.metric)).toEqual(['project_count', 'total_investment']);
  });
});

describe('facts: records, tables, reviews (020–025 round)', () => {
  const rows = (text: string) => {
    const doc = analyse(text);
    return doc.facts.map((f) => [doc.mentions[f.mention].text, f.metric, f.region, f.entity, f.batch, f.phase, f.year]);
  };
  it('a figure after a field label (总投资:) takes the label; the record keeps its project, place and section batch', () => {
    expect(rows('信阳某某日报 2024年3月2日\n\n全市第十二期"三个一批"项目清单公布。\n\n二、签约一批\n(一)项目名称:淮滨县羽毛球拍智造项目;\n建设单位:淮滨县羽航体育用品有限公司;\n建设地点:淮滨县;\n总投\n资:约3.5亿元;\n达产后预计年销售收入:6亿元。')).toEqual([
      ['约3.5亿元', 'total_investment', '淮滨县', '淮滨县羽毛球拍智造项目', 'signed', '12', null],
      ['6亿元', 'revenue', '淮滨县', '淮滨县羽毛球拍智造项目', 'signed', '12', null],
    ]);
  });
  it('table cells take their column metric (aligned from the right); a 合计 row gives no facts', () => {
    const t = '开工一批\n序号\u3000项目名称\u3000建设地点\u3000总投资\u3000年度计划投资\n1\u3000镇平县玉雕文创产业园项目\u3000镇平县\u30004.8亿元\u30001.5亿元\n2\u3000内乡县生猪屠宰加工项目\u3000内乡县\u30002.6亿元\u30000.9亿元\n合计(2个)\u3000\u30007.4亿元\u30002.4亿元';
    expect(rows(t)).toEqual([
      ['4.8亿元', 'total_investment', '镇平县', '镇平县玉雕文创产业园项目', 'started', null, null],
      ['1.5亿元', 'annual_planned_investment', '镇平县', '镇平县玉雕文创产业园项目', 'started', null, null],
      ['2.6亿元', 'total_investment', '内乡县', '内乡县生猪屠宰加工项目', 'started', null, null],
      ['0.9亿元', 'annual_planned_investment', '内乡县', '内乡县生猪屠宰加工项目', 'started', null, null],
    ]);
  });
  it('a review of a year gives that year to its figures; 今年, 展望 years and cumulative rounds do not take it', () => {
    const r = rows('漯河日报 2024年1月25日\n\n——2023年漯河市项目建设综述\n\n全年固定资产投资增长7.1%,比全省低0.3个百分点。前十一期"三个一批"项目累计210个。今年全市力争增长9%。');
    expect(r.map((x) => [x[0], x[1], x[6]])).toEqual([
      ['7.1%', 'growth_rate', 2023], ['0.3个百分点', 'growth_pp', 2023], ['210个', 'project_count', null], ['9%', 'growth_rate', 2024],
    ]);
  });
  it('回眸2023 in the headline fixes the year; without a review the year stays unsaid', () => {
    expect(rows('【回眸2023】\n\n全市推出项目30个,总投资150亿元。').map((x) => x[6])).toEqual([2023, 2023]);
    expect(rows('全市推出项目30个,总投资150亿元。').map((x) => x[6])).toEqual([null, null]);
  });
  it('年内计划完成投资 is the annual plan', () => {
    expect(rows('该项目年内计划完成投资3亿元,已完成投资1.2亿元。').map((x) => x[1])).toEqual(['annual_planned_investment', 'completed_investment']);
  });
  it('a group is known by its short name (X集团, X) and by 集团 across a semicolon; 子公司 is not in a name', () => {
    const r = rows('河南麦香园食品集团有限公司始建于1995年。如今的麦香园,年产挂面20万吨。2023年,集团实现产值12.6亿元;营业收入11.9亿元。子公司周口麦香园冷链物流有限公司营业收入1.3亿元。');
    expect(r.map((x) => [x[0], x[3]])).toEqual([
      ['12.6亿元', '河南麦香园食品集团有限公司'], ['11.9亿元', '河南麦香园食品集团有限公司'], ['1.3亿元', '周口麦香园冷链物流有限公司'],
    ]);
  });
  it('a town named before 的 carries to the next sentence; places before 分别 go one to each figure', () => {
    expect(rows('在位于槐店镇的沈丘县佳禾制衣有限公司,订单排满。公司负责人说,去年公司营业收入1.9亿元。').map((x) => x[2])).toEqual(['槐店镇']);
    expect(rows('西平县、遂平县固定资产投资分别增长10.2%和8.8%。').map((x) => [x[0], x[1], x[2]])).toEqual([
      ['10.2%', 'growth_rate', '西平县'], ['8.8%', 'growth_rate', '遂平县'],
    ]);
  });
  it('round_activity and future_round: a round activity paragraph has its round; 力争第N期 is not the reported one', () => {
    expect(rows('全市"三个一批"项目建设成效明显。\n\n第7期活动中,全市推出项目20个。').map((x) => x[5])).toEqual(['7']);
    expect(rows('全县第八期"三个一批"活动顺利举行。\n\n本期"开工一批"项目6个。\n\n下一步,力争第九期"三个一批"推出项目10个。').map((x) => [x[0], x[5]])).toEqual([['6个', '8'], ['10个', '9']]);
  });
  it('campaign_after: 全省 before the campaign is its organiser, not the area', () => {
    expect(rows('全区纳入全省第十期"三个一批"活动的项目共7个。').map((x) => x[2])).toEqual(['全区']);
  });
});

describe('facts: numbered lists under batch headings', () => {
  it('a heading 二、开工项目(N个) gives its count and its batch to the items; an item titled by a name alone is its figures\' entity', () => {
    const doc = analyse('汝州市第六期"三个一批"项目如下:二、开工项目(2个)\n1.汝州市汝瓷文创产业园项目。总投资5.5亿元。\n2.汝州市机械铸造升级项目。总投资3.2亿元,年度计划投资1.1亿元。\n\n从结构看,工业项目占比较高。');
    expect(facts(doc).map((f) => [f.m, f.metric, f.entity, f.batch, f.phase])).toEqual([
      ['2个', 'project_count', null, 'started', '6'],
      ['5.5亿元', 'total_investment', '汝州市汝瓷文创产业园项目', 'started', '6'],
      ['3.2亿元', 'total_investment', '汝州市机械铸造升级项目', 'started', '6'],
      ['1.1亿元', 'annual_planned_investment', '汝州市机械铸造升级项目', 'started', '6'],
    ]);
  });
});
