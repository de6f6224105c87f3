import ical, { ICalEventStatus } from 'ical-generator';

export interface FeedDay {
  id: string;
  title: string;
  leaderName: string;
  startsAt: Date;
  endsAt: Date;
  status: 'open' | 'cancelled';
  cancelReason: string | null;
  heldCount: number;
  capacity: number;
}

export interface FeedSession {
  id: string;
  bookingCode: string;
  status: string;
  leaderName: string;
  hallNames: string[];
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
}

const STATUS_LABELS: Record<string, string> = {
  booked: '待审核',
  confirmed: '已确认',
  'checked-in': '已签到',
  completed: '已接访',
};

/**
 * An iCalendar (RFC 5545) feed: reception days and the sessions booked in them. Times are UTC
 * instants (`…Z`), which every client shows in its own zone; no personal data goes in.
 */
export function buildCalendarFeed(
  name: string,
  days: readonly FeedDay[],
  sessions: readonly FeedSession[],
  generatedAt: Date,
): string {
  const calendar = ical({
    name,
    prodId: { company: 'minsheng', product: 'video-reception', language: 'ZH' },
    ttl: 15 * 60,
  });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: 'Asia/Shanghai' }]);
  for (const day of days) {
    calendar.createEvent({
      id: `reception-day-${day.id}@minsheng`,
      start: day.startsAt,
      end: day.endsAt,
      stamp: generatedAt,
      summary: `接访日：${day.title}`,
      description:
        day.status === 'cancelled'
          ? `已取消：${day.cancelReason ?? ''}`
          : `${day.leaderName} 接访，已约 ${day.heldCount}/${day.capacity}`,
      status: day.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  for (const session of sessions) {
    calendar.createEvent({
      id: `booking-${session.id}@minsheng`,
      start: session.startsAt,
      end: session.endsAt,
      stamp: generatedAt,
      created: session.createdAt,
      summary: `视频接访 ${session.bookingCode}（${STATUS_LABELS[session.status] ?? session.status}）`,
      location: session.hallNames.join('、'),
      description: `接访领导：${session.leaderName}`,
      status: session.status === 'booked' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
