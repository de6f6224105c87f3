import { MinHashLshIndex } from './minhash.js';
import {
  NEAR_DUPLICATE_THRESHOLD,
  NearDuplicateDetector,
  PLACE_OR_NAME_WEIGHT,
  fingerprint,
  similarity,
} from './near-duplicates.js';
import { ChineseSegmenter } from './segmenter.js';
import { SimHashIndex, hammingDistance } from './simhash.js';

type Pair = readonly [name: string, a: string, b: string];

const ROAD = '锦江区春熙路XX小区门口道路坑洼不平，下雨天积水严重，老人孩子出行不便，希望尽快修复。';
const ROAD_REWORDED =
  '我是春熙路XX小区的居民，小区大门口的路面坑坑洼洼，一下雨就积水，老年人走路很不方便，请有关部门尽快维修。';
const NIGHT_WORKS_SAME_XIAOQU =
  '锦江区春熙路XX小区旁边的建筑工地每天晚上施工到凌晨，噪音很大，小区居民无法休息，希望相关部门管一管。';
const METRO_NOISE =
  '武侯区玉林小区旁边的地铁施工工地每天晚上十一点以后还在施工，机器轰鸣声、渣土车声音很大，严重影响居民休息，多次投诉没有效果。';
const WAGES =
  '我们是在高新区天府软件园三期工地干活的农民工，共23人，包工头张某拖欠我们2023年下半年工资共计48万元，至今未付，多次讨要无果，请求劳动监察部门帮我们追回血汗钱。';
const WAGES_LOGISTICS_PARK =
  '我在双流区黄甲街道的物流园工地干活，包工头拖欠我和工友三个月工资共计6万元，请求帮忙追讨。';
const LAND =
  '双流区黄甲街道村民反映，2022年村里土地被征收用于修建物流园，每亩补偿标准比周边村低，而且青苗补偿款至今没有发放到位，请求核实补偿标准并发放拖欠的补偿款。';
const ELEVATOR =
  '金牛区锦绣花园3栋电梯经常故障，上个月困人两次，物业公司一直拖着不修，住在高层的老人上下楼非常困难。';
const FUMES =
  '青羊区宽窄巷子附近长顺街28号一楼的火锅店油烟直排，没有安装油烟净化设备，楼上住户窗户都不敢开。';
const SCHOOL =
  '孩子今年6岁，户口在成华区猛追湾街道，房产也在学区内，但是划片学校以学位已满为由不给报名，请教育局解决孩子入学问题。';
const GYM =
  '力美健身房突然关门，老板失联，我去年办的年卡还有八个月没用，预付了3800元，请求市场监管部门帮忙退款。';
const WATER = '郫都区犀浦镇红光社区已经连续停水三天，没有任何通知，居民生活用水困难。';
const PIG_FARM =
  '新都区大丰街道石桥村的养猪场离居民房屋不到50米，粪水直接排进旁边的水沟，臭气熏天，夏天苍蝇蚊子特别多，请环保部门查处。';
const KTV =
  '温江区光华广场的星光KTV每天营业到凌晨三点，音响声音开得特别大，周围住户晚上根本没法睡觉。';
const BUS =
  '龙泉驿区桃源小区到地铁站没有公交车，居民上下班只能走二十多分钟，请求开通一条公交线路或者增设站点。';
const STREET_LIGHTS =
  '新津区花源路从加油站到金马桥这一段的路灯坏了两个多月，晚上漆黑一片，已经发生过好几次电动车摔倒。';
const PENSION = '我父亲今年退休，养老金已经三个月没有到账，社保局说材料在审核，一直没有结果。';
const STRAY_DOGS =
  '阳光小区里流浪狗越来越多，经常成群结队追咬行人，上周我家孩子被咬伤，打了狂犬疫苗。';
const RUBBISH = '阳光小区垃圾站的垃圾好几天没人清运，堆得满地都是，臭气熏天，蚊蝇乱飞。';
const DELAYED_FLATS =
  '恒达房地产公司开发的桂湖名苑原定2023年12月交房，到现在已经延期一年多，工地停工，业主每月还要还房贷。';
const WANG_LAND =
  '我叫王建国，是双流区黄甲街道永安村村民，联系电话13800001111。2022年村里土地被征收修物流园，我家的青苗补偿款至今没有发放，请求帮忙落实。';
const ZHANG_ELEVATOR =
  '我是张秀英，家住金牛区锦绣花园3栋2单元501室，电话13912345678。3栋电梯经常故障，上个月困人两次，物业一直拖着不修。';

/** The same matter worded differently (or resubmitted with small edits): must be reported similar. */
const SAME_MATTER: readonly Pair[] = [
  ['potholes at 春熙路XX小区', ROAD, ROAD_REWORDED],
  [
    'wages owed to 23 workers at 天府软件园',
    WAGES,
    '天府软件园三期工地的张姓包工头欠我们23个工人去年7到12月的工钱，一共48万多元，找了好几次都不给，恳请劳动监察大队介入，督促包工头支付拖欠的工资。',
  ],
  [
    'metro works noise at 玉林小区',
    METRO_NOISE,
    '玉林小区附近的地铁工地夜间违规施工，半夜一两点还在打桩，渣土车进进出出，噪音吵得居民根本睡不着觉，请环保部门查处。',
  ],
  [
    'land compensation at 黄甲街道',
    LAND,
    '我们黄甲街道的耕地前年被征收去修物流园，征地补偿每亩比隔壁村少好几千，青苗费也一直没给，请政府核查征地补偿标准，把欠的补偿款发给我们。',
  ],
  [
    'broken elevator at 锦绣花园3栋',
    ELEVATOR,
    '锦绣花园3栋的电梯三天两头坏，上个月还关了两次人，找物业维修总是推脱，我家住18楼，老人只能爬楼梯，请督促物业修好电梯。',
  ],
  [
    'hot-pot fumes at 长顺街28号',
    FUMES,
    '长顺街28号楼下开的火锅店油烟乱排，油烟净化器都没装，整栋楼都是油烟味，我们住楼上的根本不敢开窗，请城管或环保部门处理。',
  ],
  [
    'school place refused at 猛追湾街道',
    SCHOOL,
    '我家小孩户籍和住房都在成华区猛追湾街道学区范围，今年该上一年级了，对口小学说学位满了不给报名，孩子没学上，请求教育部门协调入学。',
  ],
  [
    'closed gym keeps prepaid 3800元',
    GYM,
    '我在力美健身房充了3800元的年卡，才用了四个月健身房就关门了，老板电话打不通，希望市场监管局帮我们会员退回预付款。',
  ],
  [
    'water cut for three days at 红光社区',
    WATER,
    '犀浦镇红光社区这几天一直没有自来水，停水三天了也没人通知，做饭洗澡都成问题，请自来水公司尽快恢复供水。',
  ],
  [
    'pig farm resubmitted with one word changed',
    PIG_FARM,
    '新都区大丰街道石桥村的养猪场离居民房屋不到50米，粪水直接排进旁边的沟渠，臭气熏天，夏天蚊子苍蝇特别多，恳请环保部门尽快查处！',
  ],
  [
    'KTV noise at 光华广场',
    KTV,
    '光华广场那家星光KTV半夜还在唱歌，音乐震天响，我们住在对面楼的居民被吵得整夜失眠，请执法部门管管。',
  ],
  [
    'no bus from 桃源小区',
    BUS,
    '我们桃源小区附近一条公交线都没有，去地铁站要步行二十多分钟，建议交通部门在小区门口增设公交站点。',
  ],
  [
    'street lights out on 花源路',
    STREET_LIGHTS,
    '花源路加油站到金马桥之间路灯不亮已经两个月了，夜里一片漆黑，骑电动车的经常摔跤，希望赶紧修好路灯。',
  ],
  [
    'father’s pension not paid',
    PENSION,
    '我爸退休三个月了，退休金一分钱都没发，去社保局问了好几次，都说还在审核。',
  ],
  [
    'flats at 桂湖名苑 delivered late',
    DELAYED_FLATS,
    '我们买的桂湖名苑逾期交房一年多了，楼盘早就停工烂尾，开发商一直不给说法，业主房贷照还，请住建部门督促复工。',
  ],
  [
    'the same petitioner restating his land compensation',
    WANG_LAND,
    '双流区黄甲街道永安村村民王建国反映：村里土地2022年被征收用于修建物流园，青苗补偿款到现在都没发，望政府督促发放。',
  ],
];

/**
 * The same matter, reworded so thoroughly that few words are shared (成群结队追咬 / 见人就追, 上周 /
 * 上个星期, 狂犬疫苗 / 抓捕): below the threshold — the known limit of a word-overlap method.
 */
const MISSED_SAME_MATTER: Pair = [
  'stray dogs bit a child at 阳光小区',
  STRAY_DOGS,
  '小区流浪狗成群，见人就追，我儿子上个星期放学回家被狗咬了，请相关部门抓捕流浪犬。',
];

/** Different matters — same petitioner, same place, same employer, or alike matters elsewhere. */
const DIFFERENT_MATTER: readonly Pair[] = [
  ['potholes vs night-time works in the same 小区', ROAD, NIGHT_WORKS_SAME_XIAOQU],
  [
    'wages owed vs land compensation at the same 物流园',
    WAGES_LOGISTICS_PARK,
    '我是双流区黄甲街道村民，家里的土地被征收修物流园，征地补偿款到现在还没有发放，请求帮忙落实。',
  ],
  [
    'broken elevator vs property-fee rise in the same 花园',
    ELEVATOR,
    '金牛区锦绣花园物业公司今年突然把物业费从每平米1.5元涨到2.2元，没有召开业主大会，也没有公示，业主都不同意。',
  ],
  [
    'fumes vs tables on the pavement at the same restaurant',
    FUMES,
    '青羊区长顺街28号的火锅店每天晚上把桌椅摆到人行道上占道经营，行人只能走机动车道，很危险，请城管处理。',
  ],
  [
    'unpaid wages vs no social insurance at the same employer',
    '我在高新区云帆科技公司工作了三年，公司拖欠我去年10月到12月的工资共计2.4万元，多次讨要无果。',
    '我在高新区云帆科技公司工作了三年，公司一直没有给我缴纳社会保险，入职时签的合同也被收走了，请求社保部门核查。',
  ],
  [
    'school place refused vs canteen food in the same 街道',
    SCHOOL,
    '成华区猛追湾小学食堂的饭菜经常不新鲜，上周好几个学生吃完午饭后拉肚子，家长们很担心食品安全，请求市场监管部门检查学校食堂。',
  ],
  [
    'water cut vs yellow tap water in the same 社区',
    WATER,
    '郫都区犀浦镇红光社区的自来水最近一个月水质发黄，有一股铁锈味，烧开后壶底有很多沉淀，不敢给孩子喝。',
  ],
  [
    'closed gym vs parking charges',
    GYM,
    '万象广场地下停车场收费太高，每小时10元，一天封顶80元，远远超过物价部门规定的标准，也没有明码标价。',
  ],
  [
    'land compensation vs subsistence allowance in the same 街道',
    LAND,
    '双流区黄甲街道永安村的低保评定不公平，村干部的亲戚家里有车有房也吃低保，真正困难的残疾人家庭却评不上，请求调查处理。',
  ],
  [
    'pig farm vs village road in the same 村',
    PIG_FARM,
    '新都区大丰街道石桥村通往镇上的村道年久失修，路面到处是坑，下雨天全是泥，孩子上学要走一个小时。',
  ],
  [
    'construction noise vs a medical dispute',
    METRO_NOISE,
    '我父亲在华西医院做完阑尾炎手术后伤口感染，医院拒绝承担责任，还要我们再交两万元治疗费，请求卫健委调查这起医疗纠纷。',
  ],
  [
    'KTV noise vs blocked fire exits at the same KTV',
    KTV,
    '温江区光华广场的星光KTV消防通道被杂物堵死，安全出口上锁，一旦发生火灾后果不堪设想。',
  ],
  [
    'no bus vs parking fee rise in the same 小区',
    BUS,
    '龙泉驿区桃源小区物业把地面停车位每月费用从150元涨到300元，业主不认可。',
  ],
  [
    'street lights vs overloaded lorries on the same road',
    STREET_LIGHTS,
    '新津区花源路每天有大量超载货车通行，车速很快，尘土飞扬，附近居民出行很不安全。',
  ],
  [
    'father’s pension vs his hospital bill',
    PENSION,
    '我父亲上个月住院花了三万多元，医保报销比例太低，只报了不到一半，请求核实报销标准。',
  ],
  ['stray dogs vs uncollected rubbish in the same 小区', STRAY_DOGS, RUBBISH],
  [
    'late delivery vs cracked walls at the same 名苑',
    DELAYED_FLATS,
    '桂湖名苑交房后才半年，我家客厅墙面大面积开裂，卫生间漏水到楼下，开发商一直推脱不给维修。',
  ],
  [
    'the same petitioner, same introduction, a different matter',
    WANG_LAND,
    '我叫王建国，是双流区黄甲街道永安村村民，联系电话13800001111。村里的低保评定不公平，村干部的亲戚家里有车有房也吃低保，真正困难的家庭却评不上。',
  ],
  [
    'the same petitioner and address, a different matter',
    ZHANG_ELEVATOR,
    '我是张秀英，家住金牛区锦绣花园3栋2单元501室，电话13912345678。楼下邻居在小区绿化带私自搭建彩钢棚养鸡，每天凌晨鸡叫吵得睡不着。',
  ],
  ['night-time construction noise at two different 小区', METRO_NOISE, NIGHT_WORKS_SAME_XIAOQU],
  ['wages owed by foremen at two different sites', WAGES, WAGES_LOGISTICS_PARK],
  [
    'broken elevators in two different 小区',
    ELEVATOR,
    '武侯区棕北小区5栋的电梯这个月坏了三次，物业修了又坏，住在高层的老人只能爬楼梯。',
  ],
];

describe('NearDuplicateDetector on petition pairs', () => {
  const detector = new NearDuplicateDetector();

  it.each(SAME_MATTER)('reports the same matter worded differently as similar: %s', (_, a, b) => {
    const result = detector.isNearDuplicate(a, b);
    expect(result.score).toBeGreaterThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(result.similar).toBe(true);
  });

  it.each(DIFFERENT_MATTER)('keeps different matters apart: %s', (_, a, b) => {
    const result = detector.isNearDuplicate(a, b);
    expect(result.score).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(result.similar).toBe(false);
  });

  it('scores every same-matter pair above every different-matter pair', () => {
    const lowestSame = Math.min(...SAME_MATTER.map(([, a, b]) => detector.similarity(a, b)));
    const highestDifferent = Math.max(
      ...DIFFERENT_MATTER.map(([, a, b]) => detector.similarity(a, b)),
    );
    expect(lowestSame).toBeGreaterThan(highestDifferent);
  });

  it('misses a thoroughly reworded same matter, yet scores it far above unrelated matters', () => {
    const [, a, b] = MISSED_SAME_MATTER;
    const score = detector.similarity(a, b);
    expect(score).toBeLessThan(NEAR_DUPLICATE_THRESHOLD);
    expect(score).toBeGreaterThan(detector.similarity(a, RUBBISH) * 5);
  });

  it('scores identical texts 1', () => {
    expect(detector.isNearDuplicate(ROAD, ROAD)).toEqual({ similar: true, score: 1 });
  });

  it('scores 1 for copies differing only in punctuation, full-width characters and boilerplate', () => {
    const copy =
      '您好！锦江区　春熙路ＸＸ小区门口道路坑洼不平；下雨天积水严重，老人、孩子出行不便。恳请尽快修复，谢谢领导！';
    expect(detector.similarity(ROAD, copy)).toBe(1);
  });

  it('is symmetric', () => {
    for (const [, a, b] of [...SAME_MATTER, ...DIFFERENT_MATTER]) {
      expect(detector.similarity(a, b)).toBe(detector.similarity(b, a));
    }
  });

  it.each(['', '   \n\t', '！！！。。。，，？', '您好，谢谢！'])(
    'handles text with nothing to compare (%j): no terms, score 0, never similar',
    (empty) => {
      expect(detector.terms(empty).size).toBe(0);
      expect(detector.isNearDuplicate(empty, ROAD)).toEqual({ similar: false, score: 0 });
      expect(detector.isNearDuplicate(empty, empty)).toEqual({ similar: false, score: 0 });
      expect(detector.fingerprint(empty)).toEqual({
        simhash: '0000000000000000',
        lsh: [],
        terms: {},
      });
    },
  );

  it('gives stored fingerprints (after a JSON round trip) the same score as the texts', () => {
    const stored = (text: string) => JSON.parse(JSON.stringify(detector.fingerprint(text)));
    for (const [, a, b] of [...SAME_MATTER.slice(0, 3), ...DIFFERENT_MATTER.slice(0, 3)]) {
      expect(detector.isNearDuplicate(stored(a), stored(b))).toEqual(
        detector.isNearDuplicate(a, b),
      );
      expect(detector.similarity(stored(a), b)).toBe(detector.similarity(a, b));
    }
  });

  it('maps synonyms to one concept with one weight', () => {
    expect([...detector.terms('老年人').keys()]).toEqual(['#老人']);
    expect(detector.similarity('老人', '老年人')).toBe(1);
    expect(detector.similarity('户口问题', '户籍问题')).toBe(1);
    expect(detector.similarity('坑洼', '坑坑洼洼')).toBe(1);
  });

  it('drops phone numbers and gives names and places a fifth of their weight', () => {
    const segmenter = new ChineseSegmenter();
    const terms = detector.terms('我叫王建国，电话13800001111，春熙路锦绣小区门口坑洼');
    expect([...terms.keys()].some((term) => term.includes('13800001111'))).toBe(false);
    expect(terms.get('王建国')).toBeCloseTo(segmenter.idf('王建国') * PLACE_OR_NAME_WEIGHT);
    expect(terms.get('@春熙路')).toBeCloseTo(segmenter.idf('春熙路') * PLACE_OR_NAME_WEIGHT);
    expect(terms.get('@锦绣小区')).toBeCloseTo(segmenter.idf('锦绣') * PLACE_OR_NAME_WEIGHT);
    expect(terms.get('门口')).toBeCloseTo(segmenter.idf('门口'));
  });

  it('halves the score when both texts name places and share none', () => {
    const here = '锦绣小区电梯故障，困人两次';
    const there = '棕北小区电梯故障，困人两次';
    const nowhere = '电梯故障，困人两次';
    expect(detector.similarity(here, nowhere)).toBeGreaterThan(detector.similarity(here, there));
    const same = detector.terms(here);
    const other = detector.terms(there);
    expect(same.get('@锦绣小区')).toBeDefined();
    expect(other.get('@棕北小区')).toBeDefined();
  });

  it('uses the threshold it was given for the verdict, not for the score', () => {
    const [, a, b] = SAME_MATTER[0];
    const strict = new NearDuplicateDetector({ threshold: 0.99 });
    expect(strict.isNearDuplicate(a, b)).toEqual({
      similar: false,
      score: detector.similarity(a, b),
    });
  });

  it.each([0, -0.1, 1.5, Number.NaN])('rejects the threshold %p', (threshold) => {
    expect(() => new NearDuplicateDetector({ threshold })).toThrow(RangeError);
  });

  it('exposes similarity() and fingerprint() on a default detector', () => {
    expect(similarity(ROAD, ROAD_REWORDED)).toBe(detector.similarity(ROAD, ROAD_REWORDED));
    expect(fingerprint(ROAD)).toEqual(detector.fingerprint(ROAD));
    expect(fingerprint(ROAD).simhash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('finding near-duplicates among stored petitions', () => {
  const detector = new NearDuplicateDetector();
  const texts = [...new Set([...SAME_MATTER, ...DIFFERENT_MATTER].flatMap(([, a, b]) => [a, b]))];
  const stored = new Map(texts.map((text, i) => [`p${i}`, detector.fingerprint(text)]));
  const idOf = (text: string) => `p${texts.indexOf(text)}`;

  it('finds reworded petitions through LSH band keys and confirms them with the score', () => {
    const index = new MinHashLshIndex();
    for (const [id, print] of stored) index.add(id, print.lsh);
    for (const [, a, b] of SAME_MATTER) {
      const query = stored.get(idOf(a))!;
      const candidates = index.candidates(query.lsh).map((c) => c.id);
      expect(candidates).toContain(idOf(b));
      const confirmed = candidates.filter(
        (id) => detector.isNearDuplicate(query, stored.get(id)!).similar,
      );
      expect(confirmed).toContain(idOf(b));
      for (const [, x, y] of DIFFERENT_MATTER) {
        if (x === a) expect(confirmed).not.toContain(idOf(y));
      }
    }
  });

  it('finds copies with SimHash, but not reworded matters', () => {
    const index = new SimHashIndex();
    for (const [id, print] of stored) index.add(id, print.simhash);
    const copy = detector.fingerprint(`您好！${ROAD.replace('，', '；')}谢谢领导！`);
    expect(index.candidates(copy.simhash)).toEqual([{ id: idOf(ROAD), distance: 0 }]);
    const reworded = stored.get(idOf(ROAD_REWORDED))!;
    expect(hammingDistance(copy.simhash, reworded.simhash)).toBeGreaterThan(3);
    expect(index.candidates(reworded.simhash).map((c) => c.id)).toEqual([idOf(ROAD_REWORDED)]);
  });
});
