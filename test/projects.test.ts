import { describe, expect, it } from 'vitest';
import { analyse } from './helpers/pipeline.js';

const names = (text: string) => analyse(text).projects.map((p) => p.name);
const projects = (text: string) => analyse(text).projects.map((p) => ({ name: p.name, batch: p.batch, phase: p.phase }));

describe('projects: names ending in a project word', () => {
  it('finds names ending in 项目, 产业园, 物流园, 基地 and stops at verbs, 的 and punctuation', () => {
    expect(names('今年,该区加快建设恒通智能装备产业园,位于城东的瑞丰冷链物流园已经投用,华锐新材料生产基地正在调试。'))
      .toEqual(['恒通智能装备产业园', '瑞丰冷链物流园', '华锐新材料生产基地']);
  });
  it('keeps a stage written without brackets and an inner bracket, drops a trailing note', () => {
    expect(names('目前,金桥光电项目一期已经投产。'))
      .toEqual(['金桥光电项目一期']);
    expect(names('新春伊始,嘉禾医疗科技园(南区)项目正式开工。')).toEqual(['嘉禾医疗科技园(南区)项目']);
  });
  it('a name after a company body is not a project when a company word follows', () => {
    expect(names('该项目由洛河产业园发展有限公司开发运营。')).toEqual([]);
  });
  it('generic phrases are not projects', () => {
    expect(names('要做大项目,盘活停工项目,推进重点项目和"三个一批"项目,招引产业链相关项目。')).toEqual([]);
  });
  it('reports each name once, at its first occurrence, with the source span', () => {
    const doc = analyse('天成光伏组件项目进展顺利。天成光伏组件项目计划年底投产。');
    expect(doc.projects).toHaveLength(1);
    const p = doc.projects[0];
    expect(doc.source.slice(p.start, p.end)).toBe('天成光伏组件项目');
  });
  it('removes OCR line breaks inside a name', () => {
    const doc = analyse('今年,该区加快推进华兴精密轴\n承产业园建设,力争早日投产达效。');
    expect(doc.projects.map((p) => p.name)).toEqual(['华兴精密轴承产业园']);
  });
});

describe('projects: enumerations', () => {
  it('分别为 list under a batch marker gives its items the batch', () => {
    expect(projects('"签约一批"项目3个,分别为银河数据中心项目、青松生物医药项目、云帆智能终端项目,总投资30亿元。')).toEqual([
      { name: '银河数据中心项目', batch: 'signed', phase: null },
      { name: '青松生物医药项目', batch: 'signed', phase: null },
      { name: '云帆智能终端项目', batch: 'signed', phase: null },
    ]);
  });
  it('bracket notes apply to the items since the previous note; items after the last note are the current round', () => {
    const got = projects('全县第八期"三个一批"活动举行。"开工一批"项目4个,分别为甲方精工项目(第六期开工项目)、乙方智造项目、丙方冷链项目(第七期开工项目)、丁方电子项目。');
    expect(got).toEqual([
      { name: '甲方精工项目', batch: 'started', phase: '6' },
      { name: '乙方智造项目', batch: 'started', phase: '7' },
      { name: '丙方冷链项目', batch: 'started', phase: '7' },
      { name: '丁方电子项目', batch: 'started', phase: '8' },
    ]);
  });
  it('A、B等项目 and 紧盯A、B等项目 give items without a project word', () => {
    expect(names('下一步,我们将紧盯明远光电二期、宏图智能、北辰云计算等项目,争取早日落地。'))
      .toEqual(['明远光电二期', '宏图智能', '北辰云计算']);
  });
  it('splits at 及 only after a whole item', () => {
    expect(names('"开工一批"项目分别为星河研发基地及大数据中心项目、东方电缆智能制造项目及南湖创新中心项目。'))
      .toEqual(['星河研发基地及大数据中心项目', '东方电缆智能制造项目', '南湖创新中心项目']);
  });
  it('a project named in a 第N期"三个一批"开工项目 sentence gets that batch and round', () => {
    expect(projects('作为全市第五期"三个一批"开工项目,鼎盛建材科技产业园进展顺利。'))
      .toEqual([{ name: '鼎盛建材科技产业园', batch: 'started', phase: '5' }]);
  });
});
