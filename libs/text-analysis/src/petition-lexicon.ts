import { wordList } from './stop-words.js';

/**
 * Concept groups: words that petitioners use interchangeably for the same thing (老人/老年人,
 * 工资/工钱, 户口/户籍, 维修/修复 …). For similarity every member counts as the group's concept, so
 * "the same matter worded differently" still overlaps. A word belongs to at most one group.
 *
 * This is a seed list for common petition matters (roads, noise, wages, land, property, housing,
 * schools, consumer disputes, water, pollution, social security); add groups as real data shows
 * paraphrases that are missed. Keep groups narrow: merging two different matters into one concept
 * makes different complaints look alike.
 */
export const CONCEPT_GROUPS: Readonly<Record<string, readonly string[]>> = {
  噪声: wordList('噪音 噪声 吵 吵闹 吵得 扰民 轰鸣 轰鸣声 声音 响声 音响 音乐 唱歌 震天响 喧哗'),
  睡眠: wordList('休息 睡觉 睡不着 失眠 入睡 睡眠'),
  夜间: wordList('夜间 夜里 夜晚 晚上 半夜 深夜 凌晨 每天晚上 整夜'),
  施工: wordList('施工 打桩 开工 建筑工地 工地'),
  老人: wordList('老人 老年人 老年 老人家 长辈'),
  孩子: wordList('孩子 小孩 儿童 小孩子 子女 儿子 女儿'),
  父母: wordList('父亲 母亲 我爸 我妈 爸爸 妈妈 老父亲 老母亲 父母'),
  维修: wordList('维修 修复 修理 修好 修缮 修'),
  道路: wordList('道路 路面 马路 路况 村道'),
  坑洼: wordList('坑洼 坑坑洼洼 坑坑 坑 坑洞 破损'),
  积水: wordList('积水 内涝 水淹'),
  下雨: wordList('下雨 下雨天 雨天 降雨 雨季'),
  路灯: wordList('路灯 照明 灯'),
  漆黑: wordList('漆黑 黑 昏暗 不亮'),
  摔倒: wordList('摔倒 摔跤 摔伤 跌倒'),
  公交: wordList('公交 公交车 公交线路 公交线 巴士'),
  站点: wordList('站点 车站 公交站 站台'),
  工资: wordList('工资 拖欠工资 工钱 薪水 薪资 欠薪 讨薪 血汗钱 劳务费 报酬 月工资'),
  拖欠: wordList('拖欠 欠 未付 克扣 拖着'),
  包工头: wordList('包工头 工头 承包人'),
  工人: wordList('工人 农民工 工友 员工 职工'),
  劳动监察: wordList('劳动监察 监察 劳动保障 人社局 劳动局'),
  征收: wordList('征收 征地 征用 拆迁'),
  补偿: wordList('补偿 补偿款 补偿费 青苗费 安置费 赔偿'),
  土地: wordList('土地 耕地 田地 农田 承包地'),
  电梯: wordList('电梯 直梯 扶梯'),
  故障: wordList('故障 坏 损坏 失灵 停运 困人'),
  物业: wordList('物业 物业公司 物业管理'),
  物业费: wordList('物业费 管理费'),
  涨价: wordList('涨价 上涨 涨 提高'),
  油烟: wordList('油烟 油烟味'),
  直排: wordList('直排 乱排 排放 排进'),
  净化: wordList('净化 净化器 净化设备'),
  餐馆: wordList('火锅店 饭店 餐馆 餐厅 烧烤店 餐饮'),
  城管: wordList('城管 城管局 综合执法'),
  占道: wordList('占道 占道经营 人行道'),
  户口: wordList('户口 户籍 落户'),
  住房: wordList('房产 住房 房子 房屋'),
  学位: wordList('学区 划片 对口 学位'),
  学校: wordList('学校 小学 中学 初中'),
  入学: wordList('入学 上学 读书 报名 就读 一年级'),
  教育部门: wordList('教育局 教育部门'),
  预付: wordList('预付 预付款 预付卡 充值 年卡 会员卡'),
  退款: wordList('退款 退费 退钱 退回'),
  停业: wordList('关门 倒闭 停业 跑路 失联'),
  市场监管: wordList('市场监管 监管局 市场监管局 工商 消协'),
  停水: wordList('停水 断水 没水'),
  供水: wordList('供水 自来水 用水'),
  通知: wordList('通知 告知 公告'),
  环保: wordList('环保 环保部门 环保局 生态环境'),
  臭味: wordList('臭 臭味 臭气 臭气熏天 异味'),
  污水: wordList('粪水 污水 废水 粪便'),
  养殖场: wordList('养猪场 养殖场 猪场 养鸡场'),
  低保: wordList('低保 最低生活保障'),
  社保: wordList('社保 社会保险 五险一金'),
  医保: wordList('医保 医疗保险 报销'),
  养老金: wordList('养老金 退休金 退休工资 养老保险'),
  流浪狗: wordList('流浪狗 流浪犬 狗 犬 野狗'),
  咬伤: wordList('咬 咬伤 追咬 抓伤'),
  交房: wordList('交房 交付'),
  逾期: wordList('逾期 延期 延迟 推迟 拖延'),
  停工: wordList('停工 烂尾 停滞'),
  开发商: wordList('开发商 房地产公司 房企 房地产开发公司'),
  停车: wordList('停车 停车场 停车费 停车位'),
};

/**
 * Petition vocabulary that jieba's default dictionary splits (网格员 → 网格/员, 占道经营 → 占/道/经营).
 * 坑洼 and 积水 are already whole words in the default dictionary and need no entry.
 */
export const DOMAIN_WORDS: readonly string[] = wordList(`
  网格员 流浪犬 占道经营 劳动监察 信访人 信访事项 重复信访 预付卡 烂尾 欠薪 讨薪
`);

/**
 * The user dictionary loaded once into the shared jieba instance: `DOMAIN_WORDS` plus every concept
 * word of two or more characters, so that each is always one token (otherwise 青苗费 → 青苗/费,
 * 追咬 → 追/咬 and the concept never matches).
 */
export const USER_WORDS: readonly string[] = [
  ...new Set([
    ...DOMAIN_WORDS,
    ...Object.values(CONCEPT_GROUPS)
      .flat()
      .filter((word) => word.length >= 2),
  ]),
];

/**
 * Place suffixes (district, street, community, building, door number). A word ending in one (锦江区,
 * 春熙路, 小区, 犀浦镇), or the word just before one (玉林 + 小区, 黄甲 + 街道, 3 + 栋), says where a matter is,
 * not what it is: two complaints about the same place share such words even when the matters differ
 * (potholes vs night-time construction noise in the same 小区). Words in a concept group never count.
 */
export const PLACE_SUFFIXES: readonly string[] = wordList(`
  省 市 区 县 镇 乡 村 街道 路 街 巷 小区 社区 花园 广场 大厦 苑 园 号 栋 楼 单元 室
`);
