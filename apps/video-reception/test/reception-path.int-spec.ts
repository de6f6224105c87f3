import { jwtVerify } from 'jose';
import type { EventEnvelope } from '@minsheng/contracts';
import { DeadlineCalendar } from '@minsheng/domain';
import { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
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
} from './support/video-reception-kit.js';

const ENV = { ...TEST_ENV, DAY_COUNT_MODE: 'working-day', CASE_OWNERSHIP_FOLLOW_UP_DAYS: '15' };
const PETITION_NUMBER = '510104-2026-000042';

/**
 * The whole path of a multi-tier video reception (多级联合接访): a city leader (成都市, 510100)
 * publishes reception days; a petitioner of 锦江区 (510104) books the first one from home, to sit
 * in the district's hall; the city office approves and brings in the district's own hall; the
 * petitioner is reminded, checks in, everyone joins by their own link, and the leader takes the
 * case on (包案) with a follow-up deadline.
 */
describe('video-reception: schedule → booking → approval → reminder → check-in → join links → record with 包案', () => {
  let service: InProcessService;
  let kit: VideoReceptionKit;
  let sms: SmsGatewaySimulator;
  const petitioner = newPetitioner('510104', '张秀英');
  const leaderId = 'leader-chengdu-vice-mayor';
  const state: {
    petitionerHall?: string;
    districtHall?: string;
    cityHall?: string;
    scheduleId?: string;
    day?: { id: string; startsAt: string; endsAt: string };
    booking?: { bookingId: string; bookingCode: string; queryCode: string };
  } = {};

  beforeAll(async () => {
    service = await InProcessService.start(serviceDefinition, { entities, migrations, env: ENV });
    kit = new VideoReceptionKit(service);
    sms = service.app.get(NotificationSender) as SmsGatewaySimulator;
    standAt(service, '2027-02-26T10:00:00+08:00');
    state.petitionerHall = (await kit.hall('510104', '锦江区信访局视频接访厅')).id;
    state.districtHall = (await kit.hall('510104', '锦江区人民政府会商室')).id;
    state.cityHall = (await kit.hall('510100', '成都市信访局视频接访中心')).id;
  });

  afterAll(async () => {
    await service?.stop();
  });

  const textsTo = (phone: string) => sms.sentTo(phone).map((m) => `${m.kind}: ${m.content}`);

  it('publishes a city leader’s reception days every second Tuesday, with the halls that may connect', async () => {
    const published = await kit.ok(
      201,
      kit.call('POST', '/api/v1/reception-schedules', {
        token: await kit.token('clerk', '510100'),
        payload: {
          leader: { id: leaderId, name: '陈志刚', title: '副市长' },
          divisionCode: '510100',
          window: { startTime: '09:00', endTime: '11:00' },
          slotMinutes: 30,
          hallIds: [state.petitionerHall, state.districtHall],
          officialHallId: state.cityHall,
          kinds: ['appeal', 'suggestion'],
          topics: ['征地拆迁'],
          recurrence: {
            startDate: '2027-03-02',
            rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
            untilDate: '2027-04-30',
            skipPublicHolidays: true,
          },
        },
      }),
    );
    expect(published.receptionDays.map((d: { date: string }) => d.date)).toEqual([
      '2027-03-02',
      '2027-03-16',
      '2027-03-30',
      '2027-04-13',
      '2027-04-27',
    ]);
    expect(published.receptionDays[0]).toMatchObject({
      startsAt: '2027-03-02T01:00:00.000Z',
      endsAt: '2027-03-02T03:00:00.000Z',
      capacity: 4,
    });
    state.scheduleId = published.id;
  });

  it('shows the petitioner the first reception day from their county, with its free slots and their county’s halls only', async () => {
    const listed = await kit.ok(
      200,
      kit.call(
        'GET',
        '/api/v1/public/reception-days?divisionCode=510104&from=2027-02-26&to=2027-03-10',
      ),
    );
    expect(listed.items).toHaveLength(1);
    const [day] = listed.items;
    expect(day.leader).toEqual({ id: leaderId, name: '陈志刚', title: '副市长' });
    expect(day.halls.map((h: { name: string }) => h.name).sort()).toEqual([
      '锦江区人民政府会商室',
      '锦江区信访局视频接访厅',
    ]);
    expect(
      day.slots.map((s: { startsAt: string; available: boolean }) => [s.startsAt, s.available]),
    ).toEqual([
      ['2027-03-02T01:00:00.000Z', true],
      ['2027-03-02T01:30:00.000Z', true],
      ['2027-03-02T02:00:00.000Z', true],
      ['2027-03-02T02:30:00.000Z', true],
    ]);
    state.day = day;
  });

  it('books the slot through the public API with name, ID number and phone, linking the petition case', async () => {
    const response = await kit.bookPublic({
      receptionDayId: state.day!.id,
      slotStartsAt: state.day!.startsAt,
      hallId: state.petitionerHall,
      petitioner,
      petitionNumber: PETITION_NUMBER,
      matter: {
        kind: 'appeal',
        title: '征地补偿款未发放',
        content: '2025 年征地补偿款至今未发放到户。',
      },
      attendees: 3,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      status: 'booked',
      waitlistPosition: null,
      startsAt: state.day!.startsAt,
    });
    expect(body.bookingCode).toMatch(/^V[0-9A-HJKMNP-TV-Z]{11}$/);
    expect(body.queryCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    state.booking = body;

    const [row] = await service.schema.query<Record<string, string>>(
      'SELECT query_code_hash, petitioner_id_number_encrypted, petitioner_phone_encrypted FROM booking WHERE id = $1',
      [body.bookingId],
    );
    expect(JSON.stringify(row)).not.toContain(body.queryCode);
    expect(JSON.stringify(row)).not.toContain(petitioner.idNumber);
    expect(JSON.stringify(row)).not.toContain(petitioner.phone);
  });

  it('refuses the review to the district’s clerk: 审查分流 belongs to the leader’s office', async () => {
    const response = await kit.call('POST', `/api/v1/bookings/${state.booking!.bookingId}/review`, {
      token: await kit.token('clerk', '510104'),
      payload: { decision: 'approve' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('is approved by the city office, which brings the district government’s hall in (多级联合接访)', async () => {
    const approved = await kit.ok(
      200,
      kit.call('POST', `/api/v1/bookings/${state.booking!.bookingId}/review`, {
        token: await kit.token('supervisor', '510100', 'city-supervisor'),
        payload: {
          decision: 'approve',
          note: '属市级职责范围',
          joiningHallIds: [state.districtHall],
        },
      }),
    );
    expect(approved).toMatchObject({
      status: 'confirmed',
      attendees: 3,
      petitionNumber: PETITION_NUMBER,
      review: { decision: 'approve', by: 'city-supervisor' },
      petitioner: {
        name: '张秀英',
        phoneMasked: `${petitioner.phone.slice(0, 3)}****${petitioner.phone.slice(7)}`,
      },
    });
    expect(
      approved.halls.map(
        (h: { role: string; divisionCode: string }) => `${h.role}:${h.divisionCode}`,
      ),
    ).toEqual(['official:510100', 'petitioner:510104', 'joining:510104']);
  });

  it('texts the petitioner: booked, approved, and reminders a day and an hour before — sent once by the scheduler', async () => {
    await waitFor(async () => textsTo(petitioner.phone).length === 2, {
      what: 'booked and confirmed',
    });
    standAt(service, '2027-03-01T09:01:00+08:00');
    await waitFor(async () => textsTo(petitioner.phone).length === 3, {
      what: 'the day-before reminder',
    });
    standAt(service, '2027-03-02T08:01:00+08:00');
    await waitFor(async () => textsTo(petitioner.phone).length === 4, {
      what: 'the hour-before reminder',
    });
    const texts = textsTo(petitioner.phone);
    expect(texts.map((t) => t.split(':')[0])).toEqual([
      'booked',
      'confirmed',
      'reminder',
      'reminder',
    ]);
    expect(texts[3]).toContain('3月2日 09:00');
    expect(texts[3]).toContain('锦江区信访局视频接访厅');
    expect(texts.every((t) => t.includes(state.booking!.bookingCode))).toBe(true);
    expect(texts.join()).not.toContain(petitioner.idNumber);
    // Nothing left to send, and nothing sent twice. A notice is marked sent in its own commit
    // after the gateway took it, so the last mark may trail the last text a little.
    await waitFor(
      async () => (await service.schema.count('booking_notice', 'sent_at IS NULL')) === 0,
      {
        what: 'every notice to be marked sent',
        timeoutMs: 10_000,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsTo(petitioner.phone)).toHaveLength(4);
  });

  it('checks the petitioner in at the hall, not before the window opens', async () => {
    const url = `/api/v1/bookings/${state.booking!.bookingId}/check-in`;
    const clerk = await kit.token('clerk', '510104');
    standAt(service, '2027-03-02T07:30:00+08:00');
    const early = await kit.call('POST', url, { token: clerk });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('OUTSIDE_SESSION_WINDOW');
    standAt(service, '2027-03-02T08:50:00+08:00');
    expect(
      (await kit.call('POST', url, { token: await kit.token('clerk', '510105') })).statusCode,
    ).toBe(404);
    const checkedIn = await kit.ok(200, kit.call('POST', url, { token: clerk }));
    expect(checkedIn).toMatchObject({
      status: 'checked-in',
      checkedInAt: '2027-03-02T00:50:00.000Z',
    });
  });

  it('issues a signed Jitsi join link per participant, valid only around the slot', async () => {
    const issued = await kit.ok(
      200,
      kit.call('POST', `/api/v1/bookings/${state.booking!.bookingId}/join-links`, {
        token: await kit.token('leader', '510100', leaderId),
      }),
    );
    expect(issued).toMatchObject({
      provider: 'jitsi',
      validFrom: '2027-03-02T00:45:00.000Z',
      validUntil: '2027-03-02T02:00:00.000Z',
    });
    expect(
      issued.links.map(
        (l: { participant: string; moderator: boolean }) => `${l.participant}:${l.moderator}`,
      ),
    ).toEqual(['official:true', 'petitioner:false', 'hall:false', 'hall:false', 'hall:false']);
    const secret = new TextEncoder().encode(TEST_ENV.JITSI_APP_SECRET);
    const users = new Set<string>();
    for (const link of issued.links) {
      const url = new URL(link.url);
      expect(`${url.origin}${url.pathname}`).toBe(`https://meet.example.gov.cn/${issued.room}`);
      const { payload, protectedHeader } = await jwtVerify(url.searchParams.get('jwt')!, secret, {
        issuer: 'minsheng',
        audience: 'jitsi',
        subject: 'meet.example.gov.cn',
        currentDate: new Date('2027-03-02T09:00:00+08:00'),
      });
      expect(protectedHeader.alg).toBe('HS256');
      expect(payload).toMatchObject({
        room: issued.room,
        nbf: Date.parse('2027-03-02T08:45:00+08:00') / 1000,
        exp: Date.parse('2027-03-02T10:00:00+08:00') / 1000,
      });
      users.add((payload.context as { user: { id: string } }).user.id);
      // Before the window and after it the same link is refused.
      for (const at of ['2027-03-02T08:40:00+08:00', '2027-03-02T10:05:00+08:00']) {
        await expect(
          jwtVerify(url.searchParams.get('jwt')!, secret, { currentDate: new Date(at) }),
        ).rejects.toThrow();
      }
    }
    expect(users.size).toBe(5);
    expect(JSON.stringify(issued)).not.toContain('张秀英');
  });

  it('records the reception with 包案: the leader takes the case on, with a follow-up deadline from the working-day calendar', async () => {
    standAt(service, '2027-03-02T09:25:00+08:00');
    const record = await kit.ok(
      201,
      kit.call('POST', `/api/v1/bookings/${state.booking!.bookingId}/record`, {
        token: await kit.token('leader', '510100', leaderId),
        payload: {
          summary: '反映 2025 年征地补偿款至今未发放到户。',
          response: '由本人包案，责成锦江区政府一个月内发放到位。',
          outcome: 'case-ownership',
          officials: [{ name: '刘洋', title: '锦江区副区长' }],
        },
      }),
    );
    // 15 working days after Tuesday 2 March 2027 (weekends skipped): Tuesday 23 March, end of day.
    const expected = new DeadlineCalendar({ mode: 'working-day' }).addDays(
      new Date('2027-03-02T09:25:00+08:00'),
      15,
    );
    expect(expected.toISOString()).toBe('2027-03-23T15:59:59.999Z');
    expect(record).toMatchObject({
      outcome: 'case-ownership',
      petitionNumber: PETITION_NUMBER,
      recordedBy: leaderId,
      confirmation: { method: null, confirmedAt: null },
      caseOwnership: {
        petitionNumber: PETITION_NUMBER,
        leaderId,
        leaderName: '陈志刚',
        followUpDeadline: expected.toISOString(),
      },
    });
    const booking = await kit.ok(
      200,
      kit.call('GET', `/api/v1/bookings/${state.booking!.bookingId}`, {
        token: await kit.token('clerk', '510104'),
      }),
    );
    expect(booking.status).toBe('completed');
  });

  it('has the petitioner confirm the record with the texted code (a wrong code is refused)', async () => {
    const text = await waitFor(async () =>
      sms.sentTo(petitioner.phone).find((m) => m.kind === 'record-confirmation'),
    );
    const code = /确认码 (\d{6})/.exec(text.content)![1];
    const url = `/api/v1/bookings/${state.booking!.bookingId}/record/confirmation`;
    const clerk = await kit.token('clerk', '510104');
    const wrong = await kit.call('POST', url, {
      token: clerk,
      payload: { method: 'code', code: code === '000000' ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('CONFIRMATION_CODE_INVALID');
    const confirmed = await kit.ok(
      200,
      kit.call('POST', url, { token: clerk, payload: { method: 'code', code } }),
    );
    expect(confirmed.confirmation).toEqual({
      method: 'code',
      confirmedAt: '2027-03-02T01:25:00.000Z',
    });
    const again = await kit.call('POST', url, { token: clerk, payload: { method: 'code', code } });
    expect(again.json().code).toBe('RECORD_ALREADY_CONFIRMED');
  });

  it('publishes reception.held for statistics: people received, outcome, the tiers that joined', async () => {
    const [event] = await service.schema.query<{
      envelope: EventEnvelope<Record<string, unknown>>;
    }>(`SELECT envelope FROM outbox WHERE subject = 'video-reception.reception.held'`);
    expect(event.envelope.divisionCode).toBe('510104');
    expect(event.envelope.data).toMatchObject({
      bookingCode: state.booking!.bookingCode,
      leaderId,
      leaderDivisionCode: '510100',
      hallDivisionCode: '510104',
      hallDivisionCodes: expect.arrayContaining(['510100', '510104']),
      tiers: ['city', 'county'],
      peopleReceived: 3,
      outcome: 'case-ownership',
      petitionNumber: PETITION_NUMBER,
      kind: 'appeal',
      channel: 'online',
    });
  });

  // The petition service shows the leader as the case's owner from this event (wired there).
  it('publishes video-reception.case-ownership.taken so the petition case shows the leader as owner with the follow-up deadline', async () => {
    const [event] = await service.schema.query<{
      envelope: EventEnvelope<Record<string, unknown>>;
      published_at: Date | null;
    }>(
      `SELECT envelope, published_at FROM outbox WHERE subject = 'video-reception.case-ownership.taken'`,
    );
    expect(event.envelope.divisionCode).toBe('510104');
    expect(event.envelope.data).toEqual({
      caseOwnershipId: expect.any(String),
      petitionNumber: PETITION_NUMBER,
      leaderId,
      leaderName: '陈志刚',
      leaderTitle: '副市长',
      leaderDivisionCode: '510100',
      bookingId: state.booking!.bookingId,
      recordId: expect.any(String),
      takenAt: '2027-03-02T01:25:00.000Z',
      followUpDeadline: '2027-03-23T15:59:59.999Z',
      followUpDays: 15,
      dayCountMode: 'working-day',
    });
    // Relayed to JetStream (Nats-Msg-Id = event id) for the petition service to consume.
    await waitFor(
      async () => {
        const [row] = await service.schema.query<{ published_at: Date | null }>(
          `SELECT published_at FROM outbox WHERE subject = 'video-reception.case-ownership.taken'`,
        );
        return row.published_at !== null;
      },
      { what: 'the relay to publish case-ownership.taken' },
    );
  });

  it('audits every change and every read of personal data along the way', async () => {
    const actions = (
      await service.schema.query<{ action: string }>(
        `SELECT action FROM audit_record WHERE target_id = $1 ORDER BY seq`,
        [state.booking!.bookingId],
      )
    ).map((r) => r.action);
    expect(actions).toEqual([
      'booking.made',
      'booking.reviewed',
      'booking.checked-in',
      'booking.join-links-issued',
      'reception.recorded',
      'booking.viewed',
    ]);
  });

  it('stores no plain ID number or phone number in any table', async () => {
    const tables = await service.schema.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
      [service.schema.name],
    );
    for (const { table_name } of tables) {
      const hits = await service.schema.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1 OR t::text LIKE $2`,
        [`%${petitioner.idNumber}%`, `%${petitioner.phone}%`],
      );
      expect({ table: table_name, hits: hits[0].n }).toEqual({ table: table_name, hits: 0 });
    }
  });
});
