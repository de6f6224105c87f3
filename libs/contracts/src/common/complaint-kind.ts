/** 建议意见 / 检举控告 / 申诉求决 — the three statutory classes of a matter. */
export const COMPLAINT_KINDS = ['suggestion', 'accusation', 'appeal'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** 网上 / 来信 / 来访 / 电话 / 视频 / 留言板 / 领导信箱 */
export const CHANNELS = [
  'online',
  'letter',
  'visit',
  'phone',
  'video',
  'message-board',
  'leader-mailbox',
] as const;
export type Channel = (typeof CHANNELS)[number];
