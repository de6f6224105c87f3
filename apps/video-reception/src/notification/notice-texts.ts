const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `12月1日 09:00`, in China time whatever the server's zone. */
export function chinaTimeLabel(at: Date): string {
  const parts = Object.fromEntries(CHINA_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** Texts to petitioners: signature, booking code, what happened. Nothing personal. */
export const noticeTexts = {
  booked: (code: string, at: Date, hall: string) =>
    `【民声】您已预约 ${chinaTimeLabel(at)} 的视频接访（预约号 ${code}，${hall}），待接访办公室审核后另行通知。`,
  waitlisted: (code: string, at: Date, position: number) =>
    `【民声】${chinaTimeLabel(at)} 的视频接访已约满，您在候补第 ${position} 位（预约号 ${code}），有空位时自动递补并通知您。`,
  promoted: (code: string, at: Date) =>
    `【民声】您已由候补转为预约：${chinaTimeLabel(at)} 视频接访（预约号 ${code}），待审核后另行通知。`,
  confirmed: (code: string, at: Date, hall: string) =>
    `【民声】您的视频接访预约已通过审核：${chinaTimeLabel(at)}，${hall}（预约号 ${code}）。请携带身份证提前到场签到。`,
  redirected: (code: string, to: string) =>
    `【民声】经审核，您的预约（预约号 ${code}）反映的问题由${to}负责办理，本次接访预约已转出。`,
  declined: (code: string) =>
    `【民声】经审核，您的视频接访预约（预约号 ${code}）未能安排，详情请查询。`,
  rescheduled: (code: string, at: Date, reason: string) =>
    `【民声】您的视频接访（预约号 ${code}）已改至 ${chinaTimeLabel(at)}。原因：${reason}`,
  cancelled: (code: string, reason: string) =>
    `【民声】您的视频接访预约（预约号 ${code}）已取消。原因：${reason}`,
  reminder: (code: string, at: Date, hall: string) =>
    `【民声】提醒：您的视频接访将于 ${chinaTimeLabel(at)} 在${hall}举行（预约号 ${code}），请携带身份证提前签到。`,
  recordConfirmation: (code: string, confirmationCode: string) =>
    `【民声】您的视频接访笔录已生成（预约号 ${code}），确认码 ${confirmationCode}。请核对笔录后向工作人员出示确认码。`,
};
