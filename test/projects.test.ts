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

describe('projects: generalisation (names jieba splits, enumerations without an intro)', () => {
  it('A、B、C with notes: every item is a whole name, its note gives batch and round', () => {
    expect(projects('在已达效的项目中,安阳三维钢构智能制造基地项目(第二期投产项目)、永兴铝业年产8万吨铝箔项目(第四期投产项目)、汝南光电显示面板项目(第五期投产项目)均满负荷运行。')).toEqual([
      { name: '安阳三维钢构智能制造基地项目', batch: 'producing', phase: '2' },
      { name: '永兴铝业年产8万吨铝箔项目', batch: 'producing', phase: '4' },
      { name: '汝南光电显示面板项目', batch: 'producing', phase: '5' },
    ]);
  });
  it('an enumeration needs every item to end in a project word', () => {
    expect(names('签约、开工、投产项目共30个,文旅、康养、物流等领域齐头并进。')).toEqual([]);
  });
  it('a list item A和B splits before a name that starts with a place of its own', () => {
    expect(names('"开工一批"项目分别为宏兴光电研发中心和西平县农机装备检测中心项目。'))
      .toEqual(['宏兴光电研发中心', '西平县农机装备检测中心项目']);
  });
  it('a place written before a name that the article also writes without it is not part of the name', () => {
    expect(names('活动主会场设在许昌经开区长风装备产业园。长风装备产业园占地300亩。')).toEqual(['长风装备产业园']);
  });
  it('a place written before a name the article never writes without it stays', () => {
    expect(names('今年,禹州市陶瓷文化产业园加快建设。')).toEqual(['禹州市陶瓷文化产业园']);
  });
  it('a short form of an earlier name is the same project', () => {
    expect(names('龙腾纸业年产5万吨包装纸项目投产。其中,龙腾纸业项目当年实现营业收入2亿元。')).toEqual(['龙腾纸业年产5万吨包装纸项目']);
  });
  it('a stage before a noun modifies the noun; a stage at the end stays', () => {
    expect(names('在恒瑞精工项目一期厂房内,设备正在调试;天宇光伏项目二期已投产。')).toEqual(['恒瑞精工项目', '天宇光伏项目二期']);
  });
  it('a chain never runs over 等 and a count', () => {
    expect(names('天瑞粮油精深加工项目等5个项目总投资均超10亿元。')).toEqual(['天瑞粮油精深加工项目']);
  });
  it('a bullet list line with a campaign note is a name', () => {
    expect(projects('- 濮阳县宏达可降解塑料项目(第十期开工项目)\n- 清丰县家居物流中心(第十期开工项目)\n')).toEqual([
      { name: '濮阳县宏达可降解塑料项目', batch: 'started', phase: '10' },
      { name: '清丰县家居物流中心', batch: 'started', phase: '10' },
    ]);
  });
  it('a headline line without a bullet or note is not a list item', () => {
    expect(names('城区部署2023年重点任务和项目\n本报讯 今年以来……')).toEqual([]);
  });
});

describe('projects: list shapes (semicolons, numbering, 和 before a new name)', () => {
  it('分别是:A;B;C — a semicolon list of bare names, weak project words included', () => {
    expect(names('签约项目分别是:卧龙岗光电材料项目;丹江口湖畔康养小镇;宛东国际物流港;南召辛夷精深加工基地。'))
      .toEqual(['卧龙岗光电材料项目', '丹江口湖畔康养小镇', '宛东国际物流港', '南召辛夷精深加工基地']);
  });
  it('a semicolon list stops at a clause that is no name', () => {
    expect(names('开工项目分别是:桐柏矿业尾矿利用项目;总投资12亿元,年内建成。')).toEqual(['桐柏矿业尾矿利用项目']);
  });
  it('numbered lines after a colon line: first clause of each line, batch and round from the intro', () => {
    expect(projects('全市第六期"三个一批"活动举行。"签约一批"项目中,投资额居前两位的是:\n(1)嘉鸿高端铝材项目,投资15亿元;\n(2)瑞祥食品冷链物流园,投资9亿元。')).toEqual([
      { name: '嘉鸿高端铝材项目', batch: 'signed', phase: '6' },
      { name: '瑞祥食品冷链物流园', batch: 'signed', phase: '6' },
    ]);
  });
  it('①②③ items and a numbered list inside one sentence', () => {
    expect(names('投产项目有:①永丰面业挂面生产线项目;②金鼎防水材料产业园;③新野纺织印染中心。'))
      .toEqual(['永丰面业挂面生产线项目', '金鼎防水材料产业园', '新野纺织印染中心']);
  });
  it('包括A、B和C: 和 splits before an item that starts with a place', () => {
    expect(names('开工项目包括恒达新材料项目、金穗面业产业园和鹿邑县羽绒制品基地。'))
      .toEqual(['恒达新材料项目', '金穗面业产业园', '鹿邑县羽绒制品基地']);
  });
  it('a list spread over two sentences', () => {
    expect(names('签约项目有:华盛包装项目、德润医疗器械项目。开工项目有:中铝精密铸件项目、北湖数据中心。'))
      .toEqual(['华盛包装项目', '德润医疗器械项目', '中铝精密铸件项目', '北湖数据中心']);
  });
  it('a place at a clause start keeps the verbs jieba finds inside the name; a clause verb does not', () => {
    expect(names('在西峡县,西峡县废旧轮胎裂解项目已试产。')).toEqual(['西峡县废旧轮胎裂解项目']);
    expect(names('目前,内乡县拥有产业园3个。')).toEqual([]);
  });
  it('项目企业 and 项目单位 are no names', () => {
    expect(names('去年,县税务局共为项目企业退税3000万元,为项目单位办理手续80件。')).toEqual([]);
  });
  it('a one-character morpheme glued to a word stays in the name (结构件, 冲压件)', () => {
    expect(names('宛城区汽车冲压件生产基地和新野县航空结构件项目同步推进。'))
      .toEqual(['宛城区汽车冲压件生产基地', '新野县航空结构件项目']);
  });
});


describe('projects: records, tables, places and descriptions', () => {
  it('a 项目名称 field gives the name whole, across an OCR line break', () => {
    expect(names('（一）项目名称：汝州市年产8万吨汽车\n轮毂及配件项目；\n建设地点：汝州市；\n总投资：12亿元。'))
      .toEqual(['汝州市年产8万吨汽车轮毂及配件项目']);
  });
  it('names inside a 建设内容 field are parts of a project', () => {
    expect(names('项目名称：郏县牛肉食品加工产业园；建设内容：建设肉牛养殖基地1.5万亩、冷链物流中心；总投资：5亿元。'))
      .toEqual(['郏县牛肉食品加工产业园']);
  });
  it('a table column 项目名称 gives cells split by full-width spaces; 合计 is no row', () => {
    const doc = analyse('序号　项目名称　建设地点　总投资\n1　宝丰县钧瓷文化\n创意园　宝丰县　3亿元\n2　鲁山县花瓷智能窑炉项目　鲁山县　2亿元\n合计（2个）　　5亿元');
    expect(doc.projects.map((p) => p.name)).toEqual(['宝丰县钧瓷文化创意园', '鲁山县花瓷智能窑炉项目']);
    const p = doc.projects[0];
    expect(doc.source.slice(p.start, p.end)).toBe('宝丰县钧瓷文化\n创意园');
  });
  it('a place before a place of the same or a larger level is where the project is', () => {
    expect(names('现场推进会在城关镇淅川县丹江鱼深加工产业园召开。')).toEqual(['淅川县丹江鱼深加工产业园']);
    expect(names('分会场设在许昌经开区许昌经开区氢能装备产业园。')).toEqual(['许昌经开区氢能装备产业园']);
    // a city written without 市 before a word is part of the name (信阳 | 毛尖茶)
    expect(names('该区新开工浉河区信阳毛尖茶文化产业园。')).toEqual(['浉河区信阳毛尖茶文化产业园']);
  });
  it('keeps a capacity after a county, or after 年产 a few words back', () => {
    expect(names('舞钢市年产15万吨尼龙66工程塑料项目已投产,渑池县3万吨铝基合金项目正在建设。'))
      .toEqual(['舞钢市年产15万吨尼龙66工程塑料项目', '渑池县3万吨铝基合金项目']);
  });
  it('a slogan, 项目数, a generic place, a sized facility and a description after 的 are not names', () => {
    expect(names('稳中求进强基础 项目为王增后劲')).toEqual([]);
    expect(names('全市签约项目数占全省的12%,各乡镇(街道)项目有序推进,合作社建立蔬菜种植基地3万亩,要打造全国知名的食品加工基地。')).toEqual([]);
  });
  it('a later name contained in an earlier one is the same project', () => {
    expect(names('华丰集团智能家居板材产业园项目签约落地。华丰集团表示,智能家居板材产业园将于年内开工。'))
      .toEqual(['华丰集团智能家居板材产业园项目']);
  });
});

describe('projects: newspaper pages (describing phrases, venues, short references, generic phrases)', () => {
  it('a name right after a describing phrase ending in 项目 starts after it', () => {
    expect(names('另一个开工项目丰源精密刀具项目由一家宁波企业投资。')).toEqual(['丰源精密刀具项目']);
  });
  it('a name after a venue and 的 is a name without a specific element', () => {
    expect(names('分会场设在大营镇的电子信息配套产业园，现场机械轰鸣。')).toEqual(['电子信息配套产业园']);
  });
  it('a place, a count or a year before 项目 is a count phrase, not a name', () => {
    expect(names('节后首日 新郑市15个项目集中开工')).toEqual([]);
    expect(names('——沁阳市2023年项目建设工作综述')).toEqual([]);
  });
  it('generic heads and a place with a bare project word are no names', () => {
    expect(names('老工业基地迎来新机遇，瀍河区工业园内的华岭轴承项目已开工。')).toEqual(['华岭轴承项目']);
  });
  it('keeps the place of a venue name whose rest has no specific element, and counts the short form as the same project', () => {
    const doc = analyse('分会场设在长葛市新型陶瓷循环产业园。对新型陶瓷循环产业园这样的项目，市里开辟了绿色通道。');
    expect(doc.projects.map((p) => p.name)).toEqual(['长葛市新型陶瓷循环产业园']);
  });
  it('an enumeration item running on into the sentence ends the enumeration; a later tail is the same project', () => {
    expect(names('本期签约的3个项目中，鲁山县新能源装备产业园、尧山康养综合开发项目和滍阳食品加工项目均超过5亿元，其中新能源装备产业园签约额9亿元。'))
      .toEqual(['鲁山县新能源装备产业园', '尧山康养综合开发项目', '滍阳食品加工项目']);
  });
  it('a weak project word in running text ends a place-led name after a campaign or building verb', () => {
    expect(names('本期开工的温县智能农机检测中心，由闲置厂房改建。近年来，镇里建设了赵堡镇太极文旅集群。')).toEqual(['温县智能农机检测中心', '赵堡镇太极文旅集群']);
    expect(names('县融媒体中心消息，政务服务中心新建了便民服务中心。')).toEqual([]);
  });
});
