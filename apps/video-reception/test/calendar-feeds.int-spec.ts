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

  describe('subscription URLs for calendar clients, which cannot send a bearer token', () => {
    async function subscribe(payload: unknown, division = '510104', userId?: string) {
      return kit.call('POST', '/api/v1/calendar-subscriptions', {
        token: await kit.token('leader', division, userId),
        payload,
      });
    }

    it('serves the leader’s feed at a secret URL without any credential, and stores only its hash', async () => {
      const created = await subscribe({ feed: 'leader', targetId: leaderId });
      expect(created.statusCode).toBe(201);
      const { path, id, expiresAt } = created.json();
      expect(path).toMatch(
        /^\/api\/v1\/public\/calendar-subscriptions\/[A-Za-z0-9_-]{43}\/calendar\.ics$/,
      );
      expect(new Date(expiresAt).getTime() - new Date('2027-03-01T00:00:00Z').getTime()).toBe(
        90 * 86_400_000,
      );

      const response = await kit.call('GET', path);
      expect(response.statusCode).toBe(200);
      expect(parseFeed(response.body).name).toBe('孙丽 · 视频接访');
      const secret = path.split('/')[5];
      const [row] = await service.schema.query<Record<string, unknown>>(
        'SELECT * FROM calendar_subscription WHERE id = $1',
        [id],
      );
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(row.last_read_at).not.toBeNull();
    });

    it('refuses to make a URL for a feed the caller cannot read, and 400s a bad request', async () => {
      expect((await subscribe({ feed: 'hall', targetId: hallId }, '510105')).statusCode).toBe(404);
      const bad = await subscribe({ feed: 'room', targetId: '', validDays: 1000 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
      expect(
        await service.schema.count('calendar_subscription', 'division_code = $1', ['510105']),
      ).toBe(0);
    });

    it('stops serving a URL once its owner revokes it; no one else can revoke it', async () => {
      const { id, path } = (
        await subscribe({ feed: 'hall', targetId: hallId }, '510104', 'leader-owner')
      ).json();
      expect((await kit.call('GET', path)).statusCode).toBe(200);
      const stranger = await kit.call('DELETE', `/api/v1/calendar-subscriptions/${id}`, {
        token: await kit.token('leader', '510104', 'someone-else'),
      });
      expect(stranger.statusCode).toBe(404);
      const revoked = await kit.call('DELETE', `/api/v1/calendar-subscriptions/${id}`, {
        token: await kit.token('leader', '510104', 'leader-owner'),
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      expect((await kit.call('GET', path)).statusCode).toBe(404);
      const mine = await kit.call('GET', '/api/v1/calendar-subscriptions', {
        token: await kit.token('leader', '510104', 'leader-owner'),
      });
      expect(mine.json().items.map((s: { id: string }) => s.id)).toEqual([id]);
      expect(JSON.stringify(mine.json())).not.toContain(path);
    });

    it('stops serving a URL after it expires, and answers unknown secrets alike', async () => {
      const { path } = (
        await subscribe({ feed: 'leader', targetId: leaderId, validDays: 1 })
      ).json();
      standAt(service, '2027-03-02T09:00:00+08:00');
      try {
        const expired = await kit.call('GET', path);
        expect(expired.statusCode).toBe(404);
        const unknown = await kit.call(
          'GET',
          `/api/v1/public/calendar-subscriptions/${'A'.repeat(43)}/calendar.ics`,
        );
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().message).toBe(expired.json().message);
        expect(
          (await kit.call('GET', '/api/v1/public/calendar-subscriptions/short/calendar.ics'))
            .statusCode,
        ).toBe(404);
      } finally {
        standAt(service, '2027-03-01T08:00:00+08:00');
      }
    });
  });
});
