/** Splits a whitespace-separated word list (keeps the data readable and diff-friendly). */
export function wordList(words: string): string[] {
  return words.split(/\s+/u).filter((w) => w.length > 0);
}

/**
 * Particles, pronouns, conjunctions, prepositions, adverbs and very common verbs: no subject matter.
 * Entries are in normalised form (half-width, lower-case), as tokens are compared after normalising.
 */
export const FUNCTION_WORDS: readonly string[] = wordList(`
  的 地 得 之 了 着 过 吗 呢 吧 啊 呀 哦 嗯 么 啦 嘛
  我 我们 你 你们 您 他 她 它 他们 她们 它们 咱们 大家 自己 人家 别人
  这 那 这个 那个 这些 那些 这里 那里 这儿 那儿 这样 那样 这么 那么 此 其 其他 其它 该 某 各 每
  什么 怎么 怎样 如何 为什么 哪 哪里 谁
  和 与 及 以及 或 或者 而 而且 并 并且 但 但是 可是 然而 因为 所以 因此 如果 虽然 然后 于是
  被 把 给 对 对于 关于 从 向 往 让 使 为 为了 由 由于 于 以 比 跟 同 等 等等
  在 是 有 就 都 也 还 又 再 才 只 已 已经 曾 曾经 正在 将 要 会 能 能够 可以 可能 应该 应当 需要 必须
  不 没 没有 无 非 很 太 更 最 非常 十分 特别 比较 真 挺 一直 一些 一下 一 一个 个 些
  上 下 里 中 内 就是 还是 也是 都是 还有
  人 说 去 到 来 看 好 做 弄
`);

/**
 * Phrasing found in petitions whatever the matter is — greetings, thanks, self-introduction and contact
 * details, "I report the following problem", "please ask the relevant department to solve it quickly",
 * "complained many times" — so it must not make two different matters look alike.
 */
export const PETITION_BOILERPLATE: readonly string[] = wordList(`
  您好 你好 尊敬 谢谢 感谢 多谢 拜托 麻烦 领导 市长 书记 百忙之中
  反映 反应 问题 情况 事情 此事 一事 特此 如下 具体 本人 我家
  叫 姓名 家住 住址 联系方式 联系电话 电话 手机 手机号 身份证 身份证号
  希望 望 请求 要求 恳请 恳求 请 烦请 请问 我要 相关 有关 部门 单位 政府 政府部门 上级部门
  尽快 尽早 早日 及时 解决 解决问题 处理 落实 协调 督促 帮助 帮忙 协助 关注 重视 高度重视
  予以 给予 核实 核查 调查 答复 盼复 说法 主持公道 抽空 万分 以下
  投诉 举报 信访 来信 来电 热线 12345 多次 无果 至今 目前 现在 严重 影响 正常
`);

/**
 * The built-in stop-word list used by `ChineseSegmenter` unless another is passed: both groups above.
 * Extend it here rather than per call site — the near-duplicate threshold was measured with it.
 */
export const STOP_WORDS: readonly string[] = [...FUNCTION_WORDS, ...PETITION_BOILERPLATE];
