import { InProcessService } from '@minsheng/service-harness';
import { serviceDefinition } from '../src/service-definition.js';
import {
  TEST_ENV,
  VideoReceptionKit,
  entities,
  migrations,
  newPetitioner,
  standAt,
  startReplica,
  type Response,
} from './support/video-reception-kit.js';

const PARALLEL = 50;
const WAITLIST_PLACES = Number(TEST_ENV.WAITLIST_MAX_PER_SLOT);

function tally(responses: Response[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.statusCode === 201 ? r.json().status : `${r.statusCode} ${r.json().code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('video-reception: no double bookings, enforced by Postgres under concurrency', () => {
  let service: InProcessService;
  let kit: VideoReceptionKit;

  beforeAll(async () => {
    service = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: TEST_ENV,
    });
    standAt(service, '2027-03-01T08:00:00+08:00');
    kit = new VideoReceptionKit(service);
  });

  afterAll(async () => {
    await service?.stop();
  });

  const holding = (where: string, params: unknown[]) =>
    service.schema.count('booking', `holds_slot AND ${where}`, params);

  describe(`${PARALLEL} petitioners booking the same slot of one leader at once`, () => {
    let day: { id: string; startsAt: string };
    let hallId: string;
    let responses: Response[];

    beforeAll(async () => {
      hallId = (await kit.hall()).id;
      day = (await kit.schedule({ hallIds: [hallId] })).receptionDays[0];
      responses = await Promise.all(
        Array.from({ length: PARALLEL }, () => kit.bookPublic(kit.bookingPayload(day, hallId))),
      );
    });

    it('confirms exactly one, waitlists as many as there are places and refuses the rest with SLOT_TAKEN', () => {
      expect(tally(responses)).toEqual({
        booked: 1,
        waitlisted: WAITLIST_PLACES,
        '409 SLOT_TAKEN': PARALLEL - 1 - WAITLIST_PLACES,
      });
      const positions = responses
        .filter((r) => r.statusCode === 201 && r.json().status === 'waitlisted')
        .map((r) => r.json().waitlistPosition)
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: WAITLIST_PLACES }, (_, i) => i + 1));
    });

    it('leaves one held booking for the slot and counts it once against the day', async () => {
      expect(
        await holding('reception_day_id = $1 AND starts_at = $2', [day.id, day.startsAt]),
      ).toBe(1);
      const [row] = await service.schema.query<{ held_count: number }>(
        'SELECT held_count FROM reception_day WHERE id = $1',
        [day.id],
      );
      expect(row.held_count).toBe(1);
    });

    it('gives the slot to the first on the waiting list in the transaction that cancels it', async () => {
      const winner = responses
        .find((r) => r.statusCode === 201 && r.json().status === 'booked')!
        .json();
      const first = responses
        .find((r) => r.statusCode === 201 && r.json().waitlistPosition === 1)!
        .json();
      const cancelled = await kit.call(
        'POST',
        `/api/v1/public/bookings/${winner.bookingCode}/cancel`,
        {
          payload: { queryCode: winner.queryCode, reason: '临时有事，无法参加' },
        },
      );
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({
        status: 'cancelled',
        cancelReason: '临时有事，无法参加',
      });

      const held = await service.schema.query<{ booking_code: string; status: string }>(
        'SELECT booking_code, status FROM booking WHERE reception_day_id = $1 AND holds_slot',
        [day.id],
      );
      expect(held).toEqual([{ booking_code: first.bookingCode, status: 'booked' }]);
      const status = await kit.call(
        'GET',
        `/api/v1/public/bookings/${first.bookingCode}?queryCode=${first.queryCode}`,
      );
      expect(status.json()).toMatchObject({ status: 'booked', waitlistPosition: null });
      const second = responses
        .find((r) => r.statusCode === 201 && r.json().waitlistPosition === 2)!
        .json();
      const moved = await kit.call(
        'GET',
        `/api/v1/public/bookings/${second.bookingCode}?queryCode=${second.queryCode}`,
      );
      expect(moved.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect(
        await service.schema.count(
          'outbox',
          `subject = 'video-reception.booking.promoted' AND envelope->'data'->>'bookingCode' = $1`,
          [first.bookingCode],
        ),
      ).toBe(1);
    });

    it('refuses a second waiting-list place for the same petitioner and slot', async () => {
      const petitioner = newPetitioner();
      const payload = kit.bookingPayload(day, hallId, petitioner);
      expect((await kit.bookPublic(payload)).json()).toMatchObject({ status: 'waitlisted' });
      const again = await kit.bookPublic(payload);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('ALREADY_WAITLISTED');
    });
  });

  it(`refuses all but one of ${PARALLEL} bookings with SLOT_TAKEN when nobody asks for the waiting list`, async () => {
    const hallId = (await kit.hall()).id;
    const day = (await kit.schedule({ hallIds: [hallId] })).receptionDays[0];
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        kit.bookPublic(kit.bookingPayload(day, hallId, newPetitioner(), { waitlist: false })),
      ),
    );
    expect(tally(responses)).toEqual({ booked: 1, '409 SLOT_TAKEN': PARALLEL - 1 });
    expect(await holding('reception_day_id = $1', [day.id])).toBe(1);
  });

  it(`books one hall for only one of ${PARALLEL} leaders receiving at the same time (HALL_BUSY)`, async () => {
    const hallId = (await kit.hall()).id;
    const days: Array<{ id: string; startsAt: string }> = [];
    for (let i = 0; i < PARALLEL; i++) {
      days.push((await kit.schedule({ hallIds: [hallId], date: '2027-03-03' })).receptionDays[0]);
    }
    const responses = await Promise.all(
      days.map((day) => kit.bookPublic(kit.bookingPayload(day, hallId, newPetitioner()))),
    );
    expect(tally(responses)).toEqual({ booked: 1, '409 HALL_BUSY': PARALLEL - 1 });
    expect(
      await service.schema.count('booking_hall', 'hall_id = $1 AND holds_slot', [hallId]),
    ).toBe(1);
    // The refused bookings left nothing behind, not even a waiting-list place.
    expect(
      await service.schema.count('booking', 'reception_day_id = ANY($1::uuid[])', [
        days.map((d) => d.id),
      ]),
    ).toBe(1);
  });

  it(`lets one petitioner hold only one of ${PARALLEL} overlapping slots (PETITIONER_DOUBLE_BOOKED)`, async () => {
    const petitioner = newPetitioner();
    const days: Array<{ id: string; startsAt: string }> = [];
    const halls: string[] = [];
    for (let i = 0; i < PARALLEL; i++) {
      const hall = await kit.hall('510104', `第 ${i} 接访室`);
      halls.push(hall.id);
      // Half an hour later for every other leader: the slots overlap, they are not equal.
      const window =
        i % 2 ? { startTime: '09:15', endTime: '11:15' } : { startTime: '09:00', endTime: '11:00' };
      days.push(
        (await kit.schedule({ hallIds: [hall.id], date: '2027-03-04', window })).receptionDays[0],
      );
    }
    const responses = await Promise.all(
      days.map((day, i) => kit.bookPublic(kit.bookingPayload(day, halls[i], petitioner))),
    );
    expect(tally(responses)).toEqual({ booked: 1, '409 PETITIONER_DOUBLE_BOOKED': PARALLEL - 1 });
    const [{ n }] = await service.schema.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM booking WHERE holds_slot AND reception_day_id = ANY($1::uuid[])`,
      [days.map((d) => d.id)],
    );
    expect(n).toBe(1);
  });

  it(`confirms one of ${PARALLEL} bookings for a slot sent to two replicas at once`, async () => {
    const replica = await startReplica(service);
    try {
      const hallId = (await kit.hall()).id;
      const day = (await kit.schedule({ hallIds: [hallId], date: '2027-03-10' })).receptionDays[0];
      const replicaHttp = replica.getHttpAdapter().getInstance();
      const responses = (await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) => {
          const payload = kit.bookingPayload(day, hallId, newPetitioner(), { waitlist: false });
          return i % 2
            ? replicaHttp.inject({ method: 'POST', url: '/api/v1/public/bookings', payload })
            : kit.bookPublic(payload);
        }),
      )) as Response[];
      expect(tally(responses)).toEqual({ booked: 1, '409 SLOT_TAKEN': PARALLEL - 1 });
      expect(await holding('reception_day_id = $1', [day.id])).toBe(1);
    } finally {
      await replica.close();
    }
  });

  it('lets the same petitioner book back-to-back slots, which do not overlap', async () => {
    const petitioner = newPetitioner();
    const hallA = (await kit.hall()).id;
    const hallB = (await kit.hall()).id;
    const a = (
      await kit.schedule({
        hallIds: [hallA],
        date: '2027-03-05',
        window: { startTime: '09:00', endTime: '09:30' },
      })
    ).receptionDays[0];
    const b = (
      await kit.schedule({
        hallIds: [hallB],
        date: '2027-03-05',
        window: { startTime: '09:30', endTime: '10:00' },
      })
    ).receptionDays[0];
    expect((await kit.bookPublic(kit.bookingPayload(a, hallA, petitioner))).json().status).toBe(
      'booked',
    );
    expect((await kit.bookPublic(kit.bookingPayload(b, hallB, petitioner))).json().status).toBe(
      'booked',
    );
  });

  it('holds a day to its capacity whatever the slots: the rest are refused with RECEPTION_DAY_FULL', async () => {
    const hallId = (await kit.hall()).id;
    const hall2 = (await kit.hall()).id;
    const day = (await kit.schedule({ hallIds: [hallId, hall2], date: '2027-03-08', capacity: 2 }))
      .receptionDays[0];
    const slots: string[] = (
      await kit.ok(
        200,
        kit.call(
          'GET',
          `/api/v1/public/reception-days?divisionCode=510104&from=2027-03-08&to=2027-03-08`,
        ),
      )
    ).items
      .find((d: { id: string }) => d.id === day.id)
      .slots.map((s: { startsAt: string }) => s.startsAt);
    expect(slots).toHaveLength(6);
    const responses = await Promise.all(
      slots.map((slotStartsAt) =>
        kit.bookPublic({ ...kit.bookingPayload(day, hallId), slotStartsAt, waitlist: false }),
      ),
    );
    expect(tally(responses)).toEqual({ booked: 2, '409 RECEPTION_DAY_FULL': 4 });
    const listed = await kit.ok(
      200,
      kit.call(
        'GET',
        `/api/v1/public/reception-days?divisionCode=510104&from=2027-03-08&to=2027-03-08`,
      ),
    );
    const shown = listed.items.find((d: { id: string }) => d.id === day.id);
    expect(shown.booked).toBe(2);
    expect(shown.slots.every((s: { available: boolean }) => !s.available)).toBe(true);
  });

  it('refuses to move a booking into a held slot and leaves it where it was', async () => {
    const hallId = (await kit.hall()).id;
    const day = (await kit.schedule({ hallIds: [hallId], date: '2027-03-09' })).receptionDays[0];
    const first = (await kit.bookPublic(kit.bookingPayload(day, hallId))).json();
    const laterSlot = new Date(new Date(day.startsAt).getTime() + 30 * 60_000).toISOString();
    const second = (
      await kit.bookPublic({ ...kit.bookingPayload(day, hallId), slotStartsAt: laterSlot })
    ).json();
    expect(second.status).toBe('booked');
    const move = await kit.call(
      'POST',
      `/api/v1/public/bookings/${second.bookingCode}/reschedule`,
      {
        payload: {
          queryCode: second.queryCode,
          receptionDayId: day.id,
          slotStartsAt: day.startsAt,
          reason: '想早一点',
        },
      },
    );
    expect(move.statusCode).toBe(409);
    expect(move.json().code).toBe('SLOT_TAKEN');
    const status = await kit.call(
      'GET',
      `/api/v1/public/bookings/${second.bookingCode}?queryCode=${second.queryCode}`,
    );
    expect(status.json()).toMatchObject({ status: 'booked', startsAt: laterSlot });
    expect(first.status).toBe('booked');
  });
});
