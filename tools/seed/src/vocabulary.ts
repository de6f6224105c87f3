// What the synthetic cases are made of: realistic proportions (the source document's 45.4 % online
// share, the kinds and topics petition offices report most) and Chinese texts from templates.
import type { Channel, ComplaintKind } from '@minsheng/contracts';

export type Weighted<T> = ReadonlyArray<readonly [value: T, weight: number]>;

export const CHANNEL_WEIGHTS: Weighted<Channel> = [
  ['online', 45],
  ['visit', 18],
  ['letter', 14],
  ['phone', 10],
  ['message-board', 8],
  ['video', 5],
];

export const KIND_WEIGHTS: Weighted<ComplaintKind> = [
  ['appeal', 62],
  ['accusation', 18],
  ['suggestion', 20],
];

/** Relative volume by month (January first): quiet at Spring Festival, busy before it and in March. */
export const MONTH_WEIGHTS = [1.0, 0.7, 1.15, 1.05, 1.0, 1.05, 1.1, 1.05, 1.0, 0.8, 1.0, 1.2];

/** The responsible department (organ id suffix, as in the demo organs) for a topic area. */
export const DEPARTMENT_OF_AREA: Readonly<Record<string, string>> = {
  '01': 'zjj',
  '02': 'rsj',
  '03': 'jtj',
  '04': 'jyj',
  '05': 'rsj',
  '06': 'scjgj',
  '07': 'scjgj',
  '08': 'zrj',
  '09': 'sthjj',
  '10': 'rsj',
  '11': 'zjj',
  '12': 'zrj',
  '13': 'zjj',
  '99': 'zjj',
};

export interface MatterTemplate {
  readonly category: string;
  readonly weight: number;
  readonly title: string;
  readonly content: string;
}

/**
 * `{place}` is a community or street, `{n}` a small number; the division's name goes into the
 * address, not the text, so the number of distinct texts (and fingerprints to compute) stays small.
 */
export const MATTERS: readonly MatterTemplate[] = [
  {
    category: '0103',
    weight: 9,
    title: '{place}电梯长期故障无人维修',
    content:
      '{place}3栋电梯近{n}个月经常故障停运，物业公司一直拖着不修，老人上下楼非常困难，请督促物业尽快维修并公开维修基金使用情况。',
  },
  {
    category: '0103',
    weight: 5,
    title: '{place}物业服务差乱收费',
    content:
      '{place}物业公司服务质量差，垃圾清运不及时，还擅自上调物业费{n}成，业主多次反映无果，请住建部门查处。',
  },
  {
    category: '0105',
    weight: 5,
    title: '{place}房屋征收补偿不合理',
    content:
      '{place}旧城改造项目中，我家房屋征收补偿标准明显低于周边，评估过程不公开，协商{n}次未果，请求重新评估。',
  },
  {
    category: '0101',
    weight: 6,
    title: '{place}道路坑洼积水',
    content:
      '{place}路段坑洼不平，下雨天积水严重，已有{n}位老人骑车摔倒，居民出行不便，希望尽快修复路面和排水设施。',
  },
  {
    category: '0104',
    weight: 3,
    title: '{place}占道经营影响通行',
    content:
      '{place}一带商贩长期占道经营，早晚高峰车辆和行人无法通行，城管来了就走、走了又来，请加强管理。',
  },
  {
    category: '1001',
    weight: 12,
    title: '农民工工资被拖欠{n}个月',
    content:
      '我们在{place}附近的建筑工地务工，包工头拖欠我们{n}个月工资，多次讨要无果，请求劳动保障监察部门帮忙追讨。',
  },
  {
    category: '1002',
    weight: 3,
    title: '公司未签劳动合同被辞退',
    content:
      '我在{place}一家公司工作{n}年，公司一直不签劳动合同也不缴社保，现在无故辞退且不给经济补偿，请求依法处理。',
  },
  {
    category: '0501',
    weight: 5,
    title: '养老金{n}个月未到账',
    content:
      '父亲住在{place}，今年退休，养老金已经{n}个月没有到账，社保部门一直说在审核，请求尽快核发。',
  },
  {
    category: '0502',
    weight: 3,
    title: '医保异地报销困难',
    content: '家住{place}，在外地住院后回来报销医保，材料来回跑了{n}次还没办成，希望简化流程。',
  },
  {
    category: '0402',
    weight: 4,
    title: '孩子入学报名被拒',
    content:
      '户口和房产都在{place}学区内，学校以学位已满为由不给报名，孩子今年{n}岁该上学了，请教育部门协调。',
  },
  {
    category: '0404',
    weight: 2,
    title: '学校违规收取费用',
    content: '{place}附近一所学校以资料费名义向每位学生收取{n}百元，没有任何票据，请教育部门核查。',
  },
  {
    category: '0903',
    weight: 5,
    title: '{place}夜间施工噪音扰民',
    content:
      '{place}旁边工地每天晚上施工到凌晨{n}点，噪音很大，居民无法休息，请生态环境和城管部门查处。',
  },
  {
    category: '0901',
    weight: 3,
    title: '{place}餐馆油烟直排',
    content: '{place}楼下火锅店油烟直排，没有安装净化设备，楼上{n}户居民不敢开窗，请相关部门处理。',
  },
  {
    category: '0902',
    weight: 2,
    title: '{place}河道污水直排',
    content: '{place}附近河道有工厂偷排污水，河水发黑发臭已有{n}个月，请环保部门查处。',
  },
  {
    category: '1201',
    weight: 5,
    title: '征地补偿款未发放',
    content:
      '{place}村里土地被征收修路，青苗补偿款至今没有发放到位，已过去{n}个月，请求核实并发放。',
  },
  {
    category: '0801',
    weight: 3,
    title: '土地承包经营权纠纷',
    content: '{place}村组擅自调整我家承包地{n}亩给他人耕种，多次找村委会未解决，请求依法处理。',
  },
  {
    category: '0803',
    weight: 2,
    title: '惠农补贴被截留',
    content: '{place}耕地地力保护补贴我家已有{n}年没领到，怀疑被村干部截留，请求核查。',
  },
  {
    category: '0601',
    weight: 4,
    title: '{place}停水停电未通知',
    content:
      '{place}社区连续停水{n}天没有任何通知，居民生活用水困难，请供水企业说明原因并及时恢复。',
  },
  {
    category: '0701',
    weight: 4,
    title: '预付卡商家跑路',
    content:
      '{place}一家健身房突然关门老板失联，会员预付的年卡无法退款，涉及{n}十人，请市场监管部门处理。',
  },
  {
    category: '0702',
    weight: 2,
    title: '{place}食品店销售过期食品',
    content: '在{place}一家超市买到过期{n}天的牛奶，商家拒绝退换，请市场监管部门查处。',
  },
  {
    category: '0302',
    weight: 3,
    title: '建议增开{place}公交线路',
    content:
      '{place}新建小区入住居民已超过{n}千人，附近没有公交线路，出行很不方便，建议增开或调整公交线路。',
  },
  {
    category: '0301',
    weight: 2,
    title: '{place}路口缺少红绿灯',
    content: '{place}路口车流量大，没有红绿灯和斑马线，近{n}个月发生多起事故，建议增设信号灯。',
  },
  {
    category: '1101',
    weight: 2,
    title: '{place}夜间聚众赌博',
    content: '{place}一处茶楼长期有人聚众赌博，每晚{n}十人进出，影响周边治安，请公安机关查处。',
  },
  {
    category: '1301',
    weight: 2,
    title: '反映干部作风问题',
    content: '{place}办事窗口工作人员态度恶劣，办理一项业务要求跑{n}次，请纪检部门调查处理。',
  },
  {
    category: '0202',
    weight: 2,
    title: '建议增设社区养老服务站',
    content: '{place}老年人口多，{n}成以上是独居老人，建议增设社区养老服务站和老年食堂。',
  },
  {
    category: '9901',
    weight: 1,
    title: '其他咨询建议',
    content: '关于{place}的有关情况，已反映{n}次，希望有关部门予以答复。',
  },
];

export const PLACES = [
  '幸福里小区',
  '锦绣花园',
  '滨河路',
  '人民南路',
  '东风社区',
  '和平街',
  '新华村',
  '光明小区',
  '学府路',
  '建设路',
  '桂花巷',
  '阳光城',
  '红星村',
  '南湖花园',
  '府河苑',
  '金沙路',
  '芙蓉小区',
  '龙泉街',
  '丰收村',
  '翠竹苑',
];

export const SURNAMES: Weighted<string> = [
  ['王', 8],
  ['李', 8],
  ['张', 7],
  ['刘', 6],
  ['陈', 6],
  ['杨', 5],
  ['黄', 3],
  ['赵', 3],
  ['吴', 3],
  ['周', 3],
  ['徐', 2],
  ['孙', 2],
  ['马', 2],
  ['何', 2],
  ['罗', 2],
  ['邓', 2],
  ['谢', 1],
  ['曾', 1],
];

export const GIVEN_NAME_CHARACTERS = [
  ...'伟芳娜敏静强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红丽兵',
];

export const RATING_LEVELS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Satisfaction with the petition office and with the department (86.4 % / 82.3 % in the document). */
export const OFFICE_RATING_WEIGHTS: Weighted<RatingLevel> = [
  ['satisfied', 86],
  ['basically-satisfied', 8],
  ['dissatisfied', 6],
];
export const ORGAN_RATING_WEIGHTS: Weighted<RatingLevel> = [
  ['satisfied', 82],
  ['basically-satisfied', 10],
  ['dissatisfied', 8],
];
