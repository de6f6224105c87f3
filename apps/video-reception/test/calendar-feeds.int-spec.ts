import ICAL from 'ical.js';
import { InProcessService } from '@minsheng/service-harness';
import { serviceDefinition } from '../src/service-definition.js';
import {
  TEST_ENV,
  VideoReceptionKit,
  entities,
  migrations,
  newPetitioner,
  standAt,
} from './support/video-reception-kit.js';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  status: string | null;
  location: string | null;
}

/** Parses a feed with ical.js (Mozilla's iCalendar parser), as a calendar client would. */
function parseFeed(text: string): { name: string; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      location: event.location ?? null,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events };
}

describe('video-reception: iCalendar feeds per leader and per hall', () => {
  let service: InProcessService;
  let kit: VideoReceptionKit;
  let hallId: string;
  const leaderId = 'leader-ics';
  const petitioner = newPetitioner('510104', '刘德明');
  let schedule: {
    id: string;
    receptionDays: Array<{ id: string; date: string; startsAt: string; endsAt: string }>;
  };
  let bookingCode: string;

  beforeAll(async () => {
    service = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: TEST_ENV,
    });
    kit = new VideoReceptionKit(service);
    standAt(service, '2027-03-01T08:00:00+08:00');
    hallId = (await kit.hall('510104', '锦江区视频接访厅')).id;
    schedule = await kit.schedule({
      hallIds: [hallId],
      leaderId,
      leaderName: '孙丽',
      date: '2027-03-03',
      rule: 'FREQ=WEEKLY;BYDAY=WE',
      untilDate: '2027-03-17',
      window: { startTime: '14:00', endTime: '16:00' },
    });
    const booked = (
      await kit.bookPublic(kit.bookingPayload(schedule.receptionDays[0], hallId, petitioner))
    ).json();
    bookingCode = booked.bookingCode;
    await kit.review(booked.bookingId);
    await kit.call('POST', `/api/v1/reception-schedules/${schedule.id}/exceptions`, {
      token: await kit.token('clerk'),
      payload: { action: 'skip', date: '2027-03-17', reason: '全市会议' },
    });
  });

  afterAll(async () => {
    await service?.stop();
  });

  const feed = async (url: string, division = '510104') =>
    kit.call('GET', url, { token: await kit.token('leader', division) });

  it('serves the leader’s reception days and sessions as a feed a maintained parser reads', async () => {
    const response = await feed(`/api/v1/leaders/${leaderId}/calendar.ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { name, events } = parseFeed(response.body);
    expect(name).toBe('孙丽 · 视频接访');
    const days = events.filter((e) => e.uid.startsWith('reception-day-'));
    expect(days.map((d) => [d.start, d.end, d.status])).toEqual([
      ['2027-03-03T06:00:00.000Z', '2027-03-03T08:00:00.000Z', 'CONFIRMED'],
      ['2027-03-10T06:00:00.000Z', '2027-03-10T08:00:00.000Z', 'CONFIRMED'],
      ['2027-03-17T06:00:00.000Z', '2027-03-17T08:00:00.000Z', 'CANCELLED'],
    ]);
    expect(days[0].uid).toBe(`reception-day-${schedule.receptionDays[0].id}@minsheng`);
    const sessions = events.filter((e) => e.uid.startsWith('booking-'));
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      summary: `视频接访 ${bookingCode}（已确认）`,
      start: '2027-03-03T06:00:00.000Z',
      end: '2027-03-03T06:30:00.000Z',
      location: '锦江区视频接访厅',
      status: 'CONFIRMED',
    });
  });

  it('serves the hall’s sessions and the days that may connect it', async () => {
    const response = await feed(`/api/v1/halls/${hallId}/calendar.ics`);
    const { name, events } = parseFeed(response.body);
    expect(name).toBe('锦江区视频接访厅 · 视频接访');
    expect(events.filter((e) => e.uid.startsWith('booking-')).map((e) => e.summary)).toEqual([
      `视频接访 ${bookingCode}（已确认）`,
    ]);
    expect(events.filter((e) => e.uid.startsWith('reception-day-'))).toHaveLength(3);
  });

  it('carries no personal data of the petitioner', async () => {
    const body = (await feed(`/api/v1/leaders/${leaderId}/calendar.ics`)).body;
    for (const value of [petitioner.name, petitioner.idNumber, petitioner.phone]) {
      expect(body).not.toContain(value);
    }
  });

  it('answers 404 outside the jurisdiction and for leaders without reception days', async () => {
    expect((await feed(`/api/v1/leaders/${leaderId}/calendar.ics`, '510105')).statusCode).toBe(404);
    expect((await feed(`/api/v1/halls/${hallId}/calendar.ics`, '510105')).statusCode).toBe(404);
    expect((await feed('/api/v1/leaders/nobody/calendar.ics')).statusCode).toBe(404);
    expect((await feed(`/api/v1/leaders/${leaderId}/calendar.ics`, '510000')).statusCode).toBe(200);
  });
});
