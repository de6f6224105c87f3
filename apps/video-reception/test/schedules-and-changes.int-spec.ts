import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { REDIS } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { PublicRateLimiter } from '../src/booking/public-rate-limiter.js';
import { Clock } from '../src/clock.js';
import type { VideoReceptionConfig } from '../src/config/video-reception.settings.js';
import { NoticeDispatcher } from '../src/notification/notice-dispatcher.js';
import { NotificationSender } from '../src/notification/notification-sender.js';
import type { SmsGatewaySimulator } from '../src/notification/sms-gateway.simulator.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  TEST_ENV,
  VideoReceptionKit,
  entities,
  migrations,
  newPetitioner,
  standAt,
  startReplica,
} from './support/video-reception-kit.js';

describe('video-reception: schedules, exceptions, review, moves and reminders', () => {
  let service: InProcessService;
  let kit: VideoReceptionKit;
  let hallId: string;

  beforeAll(async () => {
    service = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: TEST_ENV,
    });
    kit = new VideoReceptionKit(service);
    hallId = (await kit.hall()).id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  const sms = () => service.app.get(NotificationSender) as SmsGatewaySimulator;

  describe('publishing across National Day 2026 (Asia/Shanghai)', () => {
    beforeAll(() => standAt(service, '2026-09-01T10:00:00+08:00'));

    it('skips the public holiday of a weekly Thursday schedule and applies the exceptions', async () => {
      const published = await kit.schedule({
        hallIds: [hallId],
        date: '2026-09-17',
        rule: 'FREQ=WEEKLY;BYDAY=TH',
        untilDate: '2026-10-15',
        skipPublicHolidays: true,
        exceptions: [
          {
            action: 'change',
            date: '2026-09-24',
            window: { startTime: '14:00', endTime: '16:00' },
          },
          { action: 'add', date: '2026-10-10', reason: '调休上班日加开' },
        ],
      });
      expect(
        published.receptionDays.map((d: { date: string; startsAt: string }) => [
          d.date,
          d.startsAt,
        ]),
      ).toEqual([
        ['2026-09-17', '2026-09-17T01:00:00.000Z'],
        ['2026-09-24', '2026-09-24T06:00:00.000Z'],
        ['2026-10-08', '2026-10-08T01:00:00.000Z'],
        ['2026-10-10', '2026-10-10T01:00:00.000Z'],
        ['2026-10-15', '2026-10-15T01:00:00.000Z'],
      ]);
      expect(published.skipped).toEqual([{ date: '2026-10-01', reason: 'public-holiday' }]);
      expect(published.receptionDays[1].capacity).toBe(4); // two hours of 30-minute slots
    });

    it('keeps the holiday when the schedule does not ask to skip it', async () => {
      const published = await kit.schedule({
        hallIds: [hallId],
        date: '2026-09-17',
        rule: 'FREQ=WEEKLY;BYDAY=TH',
        untilDate: '2026-10-01',
        skipPublicHolidays: false,
      });
      expect(published.receptionDays.map((d: { date: string }) => d.date)).toContain('2026-10-01');
    });

    it('leaves out days already past and says so', async () => {
      const published = await kit.schedule({
        hallIds: [hallId],
        date: '2026-08-20',
        rule: 'FREQ=WEEKLY;BYDAY=TH',
        untilDate: '2026-09-10',
      });
      expect(published.receptionDays.map((d: { date: string }) => d.date)).toEqual([
        '2026-09-03',
        '2026-09-10',
      ]);
      expect(published.skipped.map((s: { reason: string }) => s.reason)).toEqual(['past', 'past']);
    });
  });

  describe('refusing schedules that cannot work', () => {
    beforeAll(() => standAt(service, '2027-03-01T08:00:00+08:00'));

    const publish = async (changes: Record<string, unknown>, token?: string) =>
      kit.call('POST', '/api/v1/reception-schedules', {
        token: token ?? (await kit.token('clerk', '510104')),
        payload: {
          leader: { id: 'leader-x', name: '周强', title: '区长' },
          divisionCode: '510104',
          window: { startTime: '09:00', endTime: '11:00' },
          slotMinutes: 30,
          hallIds: [hallId],
          recurrence: { startDate: '2027-03-02', skipPublicHolidays: false },
          ...changes,
        },
      });

    it.each([
      [
        'an unbounded rule',
        'INVALID_RECURRENCE',
        { recurrence: { startDate: '2027-03-02', rule: 'FREQ=WEEKLY' } },
      ],
      [
        'a rule with times',
        'INVALID_RECURRENCE',
        { recurrence: { startDate: '2027-03-02', rule: 'FREQ=DAILY;BYHOUR=9', count: 3 } },
      ],
      [
        'a window shorter than a slot',
        'INVALID_WINDOW',
        { window: { startTime: '09:00', endTime: '09:20' } },
      ],
      ['more receptions than slots', 'INVALID_WINDOW', { capacity: 5 }],
      ['only days already past', 'NO_RECEPTION_DAYS', { recurrence: { startDate: '2027-02-01' } }],
      ['an unknown hall', 'UNKNOWN_HALL', { hallIds: [randomUUID()] }],
    ])('refuses %s with 400 %s', async (_, code, changes) => {
      const response = await publish(changes);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe(code);
    });

    it('refuses a hall outside the leader’s jurisdiction', async () => {
      const neighbour = await kit.hall('510105');
      const response = await publish({ hallIds: [neighbour.id] });
      expect(response.json().code).toBe('UNKNOWN_HALL');
    });

    it('lets a leader publish their own days only, and nobody publish outside their jurisdiction', async () => {
      const ownToken = await kit.token('leader', '510104', 'leader-x');
      expect((await publish({}, ownToken)).statusCode).toBe(201);
      expect((await publish({}, await kit.token('leader', '510104', 'leader-y'))).statusCode).toBe(
        403,
      );
      expect((await publish({}, await kit.token('clerk', '510105'))).statusCode).toBe(403);
    });
  });

  describe('changing a published schedule', () => {
    let schedule: {
      id: string;
      receptionDays: Array<{ id: string; date: string; startsAt: string }>;
    };
    let held: { bookingId: string; bookingCode: string; queryCode: string };
    let waiting: { bookingCode: string; queryCode: string };
    const heldBy = newPetitioner();
    const waitingBy = newPetitioner();

    beforeAll(async () => {
      standAt(service, '2027-03-01T08:00:00+08:00');
      schedule = await kit.schedule({
        hallIds: [hallId],
        leaderId: 'leader-weekly',
        date: '2027-03-02',
        rule: 'FREQ=WEEKLY;BYDAY=TU',
        untilDate: '2027-03-23',
      });
      const day = schedule.receptionDays[0];
      held = (await kit.bookPublic(kit.bookingPayload(day, hallId, heldBy))).json();
      await kit.review(held.bookingId);
      waiting = (await kit.bookPublic(kit.bookingPayload(day, hallId, waitingBy))).json();
    });

    const exception = async (payload: unknown) =>
      kit.call('POST', `/api/v1/reception-schedules/${schedule.id}/exceptions`, {
        token: await kit.token('clerk', '510104'),
        payload,
      });

    it('cancels a skipped day with every booking on it, telling each petitioner why', async () => {
      const response = await exception({
        action: 'skip',
        date: '2027-03-02',
        reason: '领导外出开会',
      });
      expect(response.statusCode).toBe(201);
      const day = response
        .json()
        .receptionDays.find((d: { date: string }) => d.date === '2027-03-02');
      expect(day).toMatchObject({ status: 'cancelled', cancelReason: '领导外出开会' });
      for (const b of [held, waiting]) {
        const status = await kit.call(
          'GET',
          `/api/v1/public/bookings/${b.bookingCode}?queryCode=${b.queryCode}`,
        );
        expect(status.json()).toMatchObject({
          status: 'cancelled',
          cancelReason: '接访日取消：领导外出开会',
        });
      }
      await waitFor(async () =>
        [heldBy, waitingBy].every((p) =>
          sms()
            .sentTo(p.phone)
            .some((m) => m.kind === 'cancelled'),
        ),
      );
      expect(
        await service.schema.count(
          'outbox',
          `subject = 'video-reception.booking.cancelled' AND envelope->'data'->>'by' = 'schedule'`,
        ),
      ).toBe(2);
      // The confirmed booking's reminders went with it.
      expect(
        await service.schema.count('booking_notice', `booking_id = $1 AND kind = 'reminder'`, [
          held.bookingId,
        ]),
      ).toBe(0);
      const listed = await kit.ok(
        200,
        kit.call(
          'GET',
          '/api/v1/public/reception-days?divisionCode=510104&from=2027-03-02&to=2027-03-02',
        ),
      );
      expect(listed.items.map((d: { id: string }) => d.id)).not.toContain(day.id);
    });

    it('adds an extra day, once', async () => {
      const response = await exception({
        action: 'add',
        date: '2027-03-04',
        window: { startTime: '14:00', endTime: '15:00' },
      });
      expect(response.statusCode).toBe(201);
      expect(
        response.json().receptionDays.find((d: { date: string }) => d.date === '2027-03-04'),
      ).toMatchObject({
        startsAt: '2027-03-04T06:00:00.000Z',
        capacity: 2,
        status: 'open',
      });
      const again = await exception({ action: 'add', date: '2027-03-04' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('RECEPTION_DAY_EXISTS');
    });
  });

  describe('review and moves', () => {
    beforeAll(() => standAt(service, '2027-03-01T08:00:00+08:00'));

    it('redirects a matter outside the leader’s remit and gives the slot to the waiting list', async () => {
      const hall = (await kit.hall()).id;
      const day = (await kit.schedule({ hallIds: [hall], date: '2027-03-11' })).receptionDays[0];
      const first = (await kit.bookPublic(kit.bookingPayload(day, hall))).json();
      const second = (await kit.bookPublic(kit.bookingPayload(day, hall))).json();
      expect(second.status).toBe('waitlisted');
      const redirected = await kit.review(first.bookingId, {
        decision: 'redirect',
        redirectTo: '区人力资源和社会保障局',
        note: '劳动争议',
      });
      expect(redirected.status).toBe('redirected');
      const firstStatus = await kit.call(
        'GET',
        `/api/v1/public/bookings/${first.bookingCode}?queryCode=${first.queryCode}`,
      );
      expect(firstStatus.json()).toMatchObject({
        status: 'redirected',
        redirectTo: '区人力资源和社会保障局',
      });
      const secondStatus = await kit.call(
        'GET',
        `/api/v1/public/bookings/${second.bookingCode}?queryCode=${second.queryCode}`,
      );
      expect(secondStatus.json()).toMatchObject({ status: 'booked', waitlistPosition: null });
    });

    it('moves a confirmed booking within the leader’s days, keeping the approval and moving the reminders', async () => {
      const hall = (await kit.hall()).id;
      const leaderId = kit.newLeaderId();
      const days = (
        await kit.schedule({
          hallIds: [hall],
          leaderId,
          date: '2027-03-12',
          rule: 'FREQ=WEEKLY;BYDAY=FR',
          untilDate: '2027-03-19',
        })
      ).receptionDays;
      const booked = (await kit.bookPublic(kit.bookingPayload(days[0], hall))).json();
      await kit.review(booked.bookingId);
      const moved = await kit.ok(
        200,
        kit.call('POST', `/api/v1/bookings/${booked.bookingId}/reschedule`, {
          token: await kit.token('clerk'),
          payload: {
            receptionDayId: days[1].id,
            slotStartsAt: days[1].startsAt,
            reason: '领导临时公务',
          },
        }),
      );
      expect(moved).toMatchObject({
        status: 'confirmed',
        startsAt: days[1].startsAt,
        receptionDayId: days[1].id,
      });
      const reminders = await service.schema.query<{ due_at: Date }>(
        `SELECT due_at FROM booking_notice WHERE booking_id = $1 AND kind = 'reminder' ORDER BY due_at`,
        [booked.bookingId],
      );
      expect(reminders.map((r) => r.due_at.toISOString())).toEqual([
        '2027-03-18T01:00:00.000Z',
        '2027-03-19T00:00:00.000Z',
      ]);
      const [day0] = await service.schema.query<{ held_count: number }>(
        'SELECT held_count FROM reception_day WHERE id = $1',
        [days[0].id],
      );
      expect(day0.held_count).toBe(0);
    });

    it('sends a booking moved to another leader back to review', async () => {
      const hall = (await kit.hall()).id;
      const from = (await kit.schedule({ hallIds: [hall], date: '2027-03-15' })).receptionDays[0];
      const to = (await kit.schedule({ hallIds: [hall], date: '2027-03-16' })).receptionDays[0];
      const booked = (await kit.bookPublic(kit.bookingPayload(from, hall))).json();
      await kit.review(booked.bookingId);
      const moved = await kit.call(
        'POST',
        `/api/v1/public/bookings/${booked.bookingCode}/reschedule`,
        {
          payload: {
            queryCode: booked.queryCode,
            receptionDayId: to.id,
            slotStartsAt: to.startsAt,
            reason: '换到次日',
          },
        },
      );
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ status: 'booked', startsAt: to.startsAt });
      expect(
        await service.schema.count(
          'booking_notice',
          `booking_id = $1 AND kind = 'reminder' AND sent_at IS NULL`,
          [booked.bookingId],
        ),
      ).toBe(0);
    });
  });

  describe('what a booking request must get right', () => {
    let day: { id: string; startsAt: string };

    beforeAll(async () => {
      standAt(service, '2027-03-01T08:00:00+08:00');
      day = (await kit.schedule({ hallIds: [hallId], date: '2027-03-22', kinds: ['suggestion'] }))
        .receptionDays[0];
    });

    it.each([
      ['a slot off the grid', 'UNKNOWN_SLOT', { slotStartsAt: '2027-03-22T01:10:00.000Z' }],
      ['a matter of a kind the day does not take', 'KIND_NOT_ACCEPTED', {}],
      ['a hall that may not connect', 'HALL_NOT_CONNECTED', { hallId: randomUUID() }],
      [
        'an ID number with a wrong check digit',
        'INVALID_ID_NUMBER',
        { petitioner: { name: '王五', idNumber: '510104199003071238', phone: '13800138000' } },
      ],
      ['neither a petition number nor a matter', 'VALIDATION_FAILED', { matter: undefined }],
    ])('refuses %s with 400 %s', async (_, code, changes) => {
      const response = await kit.bookPublic({ ...kit.bookingPayload(day, hallId), ...changes });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe(code);
    });

    it('refuses a slot that has started', async () => {
      standAt(service, '2027-03-22T09:05:00+08:00');
      try {
        const response = await kit.bookPublic({
          ...kit.bookingPayload(day, hallId),
          matter: { kind: 'suggestion', title: '建议', content: '建议增设公交站。' },
        });
        expect(response.statusCode).toBe(409);
        expect(response.json().code).toBe('SLOT_PASSED');
      } finally {
        standAt(service, '2027-03-01T08:00:00+08:00');
      }
    });

    it('lets a clerk book walk-ins only at halls of their own county', async () => {
      const response = await kit.bookWalkIn(
        {
          ...kit.bookingPayload(day, hallId),
          matter: { kind: 'suggestion', title: '建议', content: '建议增设公交站。' },
        },
        '510105',
      );
      expect(response.statusCode).toBe(403);
    });

    it('answers one 404 for an unknown booking code and for a wrong query code', async () => {
      const booked = (
        await kit.bookPublic({
          ...kit.bookingPayload(day, hallId),
          matter: { kind: 'suggestion', title: '建议', content: '建议增设公交站。' },
        })
      ).json();
      const wrong = await kit.call(
        'GET',
        `/api/v1/public/bookings/${booked.bookingCode}?queryCode=AAAAAAAA`,
      );
      const unknown = await kit.call(
        'GET',
        `/api/v1/public/bookings/V00000000000?queryCode=${booked.queryCode}`,
      );
      expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
      expect(wrong.json().message).toBe(unknown.json().message);
      const right = await kit.call(
        'GET',
        `/api/v1/public/bookings/${booked.bookingCode}?queryCode=${booked.queryCode.toLowerCase()}`,
      );
      expect(right.json()).toMatchObject({ status: 'booked', petitionerNameMasked: '王**' });
    });

    it('limits public requests per client address across replicas (Redis)', async () => {
      const config = {
        redisPrefix: `t-${randomUUID()}`,
        PUBLIC_RATE_LIMIT_PER_MINUTE: 3,
      } as VideoReceptionConfig;
      const redis = service.app.get<Redis>(REDIS);
      const one = new PublicRateLimiter(redis, config);
      const other = new PublicRateLimiter(redis, config);
      await one.consume('203.0.113.9');
      await other.consume('203.0.113.9');
      await one.consume('203.0.113.9');
      await expect(other.consume('203.0.113.9')).rejects.toMatchObject({ status: 429 });
      await expect(one.consume('203.0.113.10')).resolves.toBeUndefined();
    });
  });

  it('sends each due reminder once when two replicas’ schedulers run at the same time', async () => {
    standAt(service, '2027-03-01T08:00:00+08:00');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await kit.bookingAt('confirmed', { date: '2027-03-25' })).bookingId);
    const codes = (
      await service.schema.query<{ booking_code: string }>(
        'SELECT booking_code FROM booking WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).map((r) => r.booking_code);
    const replica = await startReplica(service);
    try {
      const replicaSms = replica.get(NotificationSender) as SmsGatewaySimulator;
      // Both replicas stand half an hour before the sessions: both reminders of each are due.
      const at = new Date('2027-03-25T08:30:00+08:00');
      standAt(service, at);
      replica.get(Clock).now = () => new Date(at);
      await Promise.all([
        service.app.get(NoticeDispatcher).dispatchDue(),
        replica.get(NoticeDispatcher).dispatchDue(),
        service.app.get(NoticeDispatcher).dispatchDue(),
        replica.get(NoticeDispatcher).dispatchDue(),
      ]);
      await waitFor(
        async () =>
          (await service.schema.count(
            'booking_notice',
            `kind = 'reminder' AND sent_at IS NULL AND booking_id = ANY($1::uuid[])`,
            [ids],
          )) === 0,
        { what: 'every reminder sent' },
      );
      const reminders = [...sms().sent, ...replicaSms.sent].filter(
        (m) => m.kind === 'reminder' && codes.includes(m.bookingCode),
      );
      const perBooking = new Map<string, number>();
      for (const m of reminders)
        perBooking.set(m.bookingCode, (perBooking.get(m.bookingCode) ?? 0) + 1);
      expect([...perBooking.values()]).toEqual(codes.map(() => 2));
      expect(replicaSms.sent.length + sms().sent.length).toBeGreaterThan(0);
    } finally {
      await replica.close();
    }
  });
});
