/**
 * The standard areas citizens choose from (信访内容分类), two levels: `NN` an area, `NNMM` a topic
 * in it. Intake seeds its table from this once; an instance then adds, renames or retires rows as
 * data. Others (the exchange's Open311 service list, synthetic data) read the standard list.
 */
export const STANDARD_CATEGORY_TAXONOMY: ReadonlyArray<
  readonly [code: string, name: string, topics: ReadonlyArray<readonly [string, string]>]
> = [
  [
    '01',
    '城市建设与管理',
    [
      ['0101', '市政设施'],
      ['0102', '城市规划'],
      ['0103', '住房与物业'],
      ['0104', '城市管理执法'],
      ['0105', '房屋征收与拆迁'],
    ],
  ],
  [
    '02',
    '民政事务',
    [
      ['0201', '社会救助'],
      ['0202', '养老服务'],
      ['0203', '婚姻登记'],
      ['0204', '殡葬管理'],
      ['0205', '社会组织'],
    ],
  ],
  [
    '03',
    '交通管理',
    [
      ['0301', '道路交通安全'],
      ['0302', '公共交通'],
      ['0303', '道路建设与养护'],
      ['0304', '出租车与网约车'],
    ],
  ],
  [
    '04',
    '教育管理',
    [
      ['0401', '学前教育'],
      ['0402', '义务教育'],
      ['0403', '招生考试'],
      ['0404', '教育收费'],
      ['0405', '教师队伍'],
    ],
  ],
  [
    '05',
    '社会保障',
    [
      ['0501', '养老保险'],
      ['0502', '医疗保障'],
      ['0503', '失业与工伤保险'],
      ['0504', '住房保障'],
    ],
  ],
  [
    '06',
    '公共服务',
    [
      ['0601', '供水供电供气'],
      ['0602', '医疗卫生'],
      ['0603', '通信与网络'],
      ['0604', '文化体育'],
      ['0605', '政务服务'],
    ],
  ],
  [
    '07',
    '市场管理',
    [
      ['0701', '消费者权益'],
      ['0702', '食品药品安全'],
      ['0703', '价格监管'],
      ['0704', '产品质量'],
      ['0705', '企业登记与经营'],
    ],
  ],
  [
    '08',
    '农村管理',
    [
      ['0801', '土地承包'],
      ['0802', '宅基地'],
      ['0803', '惠农补贴'],
      ['0804', '村务公开'],
      ['0805', '乡村振兴'],
    ],
  ],
  [
    '09',
    '生态环境',
    [
      ['0901', '大气污染'],
      ['0902', '水污染'],
      ['0903', '噪声污染'],
      ['0904', '固体废物'],
      ['0905', '生态保护'],
    ],
  ],
  [
    '10',
    '劳动保障',
    [
      ['1001', '劳动报酬（欠薪）'],
      ['1002', '劳动合同'],
      ['1003', '职业安全卫生'],
      ['1004', '就业服务'],
    ],
  ],
  [
    '11',
    '政法公安',
    [
      ['1101', '治安管理'],
      ['1102', '户籍管理'],
      ['1103', '执法监督'],
      ['1104', '涉法涉诉'],
    ],
  ],
  [
    '12',
    '自然资源',
    [
      ['1201', '土地征收'],
      ['1202', '不动产登记'],
      ['1203', '矿产资源'],
    ],
  ],
  [
    '13',
    '纪检监察',
    [
      ['1301', '干部作风'],
      ['1302', '违纪违法'],
    ],
  ],
  ['99', '其他', [['9901', '其他事项']]],
];

export interface StandardCategoryTopic {
  code: string;
  name: string;
  group: { code: string; name: string };
}

/** The topics (4-digit codes) with their area. */
export const STANDARD_CATEGORY_TOPICS: readonly StandardCategoryTopic[] =
  STANDARD_CATEGORY_TAXONOMY.flatMap(([groupCode, groupName, topics]) =>
    topics.map(([code, name]) => ({ code, name, group: { code: groupCode, name: groupName } })),
  );

const STANDARD_CODES = new Set<string>(
  STANDARD_CATEGORY_TAXONOMY.flatMap(([code, , topics]) => [code, ...topics.map(([t]) => t)]),
);

/** An area or topic code of the standard taxonomy. */
export const isStandardCategory = (code: string): boolean => STANDARD_CODES.has(code);
