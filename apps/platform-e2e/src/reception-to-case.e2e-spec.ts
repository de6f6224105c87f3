import { makeMobileNumber, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { Platform } from './platform.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SHANGHAI = 'Asia/Shanghai';
const LEADER = { id: 'leader-chengdu-vice-mayor', name: '陈志刚', title: '副市长' };

/** A two-slot reception window starting at the next half hour at least 90 minutes away. */
function nextWindow(now = new Date()): { date: string; startTime: string; endTime: string } {
  const start = new Date(Math.ceil((now.getTime() + 90 * 60_000) / 1_800_000) * 1_800_000);
  const parts = (d: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: SHANGHAI,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(d)
        .map((p) => [p.type, p.value]),
    );
  const s = parts(start);
  const e = parts(new Date(start.getTime() + 60 * 60_000));
  // A window may not run past midnight: take the next morning instead (still within a day).
  if (e.day !== s.day) {
    return { date: `${e.year}-${e.month}-${e.day}`, startTime: '08:00', endTime: '09:00' };
  }
  return {
    date: `${s.year}-${s.month}-${s.day}`,
    startTime: `${s.hour}:${s.minute}`,
    endTime: `${e.hour}:${e.minute}`,
  };
}

/**
 * 视频接访 to 包案 across real processes: a citizen's complaint becomes a petition case; the
 * citizen books a city leader's video reception about it; the leader takes the case on at the
 * reception, and petition — a separate process, told only by video-reception's event — shows the
 * leader as the case's owner with the follow-up deadline the record set.
 */
describe('video receptions that end in a petition case (包案, 转为信访事项), across services', () => {
  const platform = new Platform();

  beforeAll(
    () =>
      platform.start(['complaint-intake', 'petition', 'video-reception'], {
        // The slot may be up to a day away whenever the test runs; check-in must already be open.
        'video-reception': { CHECK_IN_OPENS_MINUTES_BEFORE: '1440' },
      }),
    120_000,
  );
  afterAll(() => platform.stop(), 60_000);

  async function call(
    service: 'complaint-intake' | 'petition' | 'video-reception',
    method: string,
    path: string,
    { token, body }: { token?: string; body?: unknown } = {},
  ): Promise<{ status: number; json: Json }> {
    const response = await fetch(`${platform.process(service).baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Json };
  }

  async function ok(expected: number, pending: Promise<{ status: number; json: Json }>) {
    const { status, json } = await pending;
    expect({ status, json }).toEqual({ status: expected, json: expect.anything() });
    return json;
  }

  const token = (role: Parameters<Platform['keys']['token']>[0], division: string, id?: string) =>
    platform.keys.token(role, division, id);

  const state: { petitionerHall?: string; day?: Json } = {};

  /** Halls of the district and the city, and the city leader's reception day with two slots. */
  async function receptionDay(): Promise<Json> {
    if (state.day) return state.day;
    const petitionerHall = await ok(
      201,
      call('video-reception', 'POST', '/api/v1/halls', {
        token: await token('supervisor', '510104'),
        body: { name: '锦江区信访局视频接访厅', divisionCode: '510104', address: '人民路 1 号' },
      }),
    );
    const cityHall = await ok(
      201,
      call('video-reception', 'POST', '/api/v1/halls', {
        token: await token('supervisor', '510100'),
        body: {
          name: '成都市信访局视频接访中心',
          divisionCode: '510100',
          address: '天府大道 1 号',
        },
      }),
    );
    const window = nextWindow();
    await ok(
      201,
      call('video-reception', 'POST', '/api/v1/reception-schedules', {
        token: await token('clerk', '510100'),
        body: {
          leader: LEADER,
          divisionCode: '510100',
          window: { startTime: window.startTime, endTime: window.endTime },
          slotMinutes: 30,
          hallIds: [petitionerHall.id],
          officialHallId: cityHall.id,
          kinds: ['appeal', 'suggestion'],
          topics: ['征地拆迁'],
          recurrence: { startDate: window.date, skipPublicHolidays: false },
          exceptions: [],
        },
      }),
    );
    const days = await ok(
      200,
      call(
        'video-reception',
        'GET',
        `/api/v1/public/reception-days?divisionCode=510104&from=${window.date}&to=${window.date}`,
      ),
    );
    state.petitionerHall = petitionerHall.id;
    state.day = days.items.find((d: Json) => d.leader.id === LEADER.id);
    expect(state.day!.slots).toHaveLength(2);
    return state.day!;
  }

  /** Booked from home, approved by the city office, checked in at the hall, and recorded. */
  async function receive(
    petitioner: Json,
    slot: number,
    subject: { petitionNumber: string } | { matter: Json },
    record: Json,
  ): Promise<Json> {
    const day = await receptionDay();
    const booking = await ok(
      201,
      call('video-reception', 'POST', '/api/v1/public/bookings', {
        body: {
          receptionDayId: day.id,
          slotStartsAt: day.slots[slot].startsAt,
          hallId: state.petitionerHall,
          petitioner,
          ...subject,
        },
      }),
    );
    await ok(
      200,
      call('video-reception', 'POST', `/api/v1/bookings/${booking.bookingId}/review`, {
        token: await token('supervisor', '510100', 'city-supervisor'),
        body: { decision: 'approve' },
      }),
    );
    await ok(
      200,
      call('video-reception', 'POST', `/api/v1/bookings/${booking.bookingId}/check-in`, {
        token: await token('clerk', '510104'),
      }),
    );
    const written = await ok(
      201,
      call('video-reception', 'POST', `/api/v1/bookings/${booking.bookingId}/record`, {
        token: await token('leader', '510100', LEADER.id),
        body: record,
      }),
    );
    return { ...written, bookingId: booking.bookingId };
  }

  const caseFile = async (petitionNumber: string) =>
    (
      await call('petition', 'GET', `/api/v1/cases/${petitionNumber}`, {
        token: await token('clerk', '510104'),
      })
    ).json;

  it('shows the leader who took the case on at a video reception as its owner in petition', async () => {
    const petitioner = {
      name: '张秀英',
      idNumber: makeResidentIdNumber('510104', '19650312', 7),
      phone: makeMobileNumber(61_234_567),
    };
    const submitted = await ok(
      201,
      call('complaint-intake', 'POST', '/api/v1/complaints', {
        body: {
          petitioner,
          divisionCode: '510104',
          kind: 'appeal',
          categoryCode: '0101',
          title: '征地补偿款未发放',
          content: '2025 年征地补偿款至今未发放到户。',
        },
      }),
    );
    const petitionNumber = await waitFor(
      async () =>
        (
          await call(
            'complaint-intake',
            'GET',
            `/api/v1/complaints/${submitted.trackingCode}?queryCode=${submitted.queryCode}`,
          )
        ).json.petitionNumber as string | null,
      { what: 'the petition case registered from the complaint', timeoutMs: 30_000 },
    );

    const record = await receive(
      petitioner,
      0,
      { petitionNumber },
      {
        summary: '反映 2025 年征地补偿款至今未发放到户。',
        response: '由本人包案，责成锦江区政府一个月内发放到位。',
        outcome: 'case-ownership',
        officials: [{ name: '刘洋', title: '锦江区副区长' }],
      },
    );
    expect(record.caseOwnership).toMatchObject({ petitionNumber, leaderId: LEADER.id });

    const owned = await waitFor(
      async () => {
        const json = await caseFile(petitionNumber);
        return json.owner ? json : undefined;
      },
      { what: 'petition showing the case’s owner', timeoutMs: 30_000 },
    );
    expect(owned.owner).toEqual({
      leaderId: LEADER.id,
      leaderName: LEADER.name,
      leaderTitle: LEADER.title,
      since: expect.any(String),
      followUpDeadline: record.caseOwnership.followUpDeadline,
    });
    expect(owned.timeline.map((e: Json) => e.action)).toContain('ownership-taken');
  });

  it('registers a matter raised at the reception as a new video-channel case, and gives the record its number', async () => {
    const petitioner = {
      name: '李桂兰',
      idNumber: makeResidentIdNumber('510104', '19580720', 9),
      phone: makeMobileNumber(61_234_589),
    };
    const record = await receive(
      petitioner,
      1,
      {
        matter: {
          kind: 'suggestion',
          title: '建议增设社区养老食堂',
          content: '社区老人多，建议增设养老食堂。',
        },
      },
      {
        summary: '建议在锦江区东光街道增设社区养老食堂。',
        response: '转区民政局研究办理。',
        outcome: 'new-case',
      },
    );
    expect(record.petitionNumber).toBeNull();

    const leaderToken = await token('leader', '510100', LEADER.id);
    const linked = await waitFor(
      async () => {
        const { json } = await call(
          'video-reception',
          'GET',
          `/api/v1/bookings/${record.bookingId}/record`,
          {
            token: leaderToken,
          },
        );
        return json.petitionNumber ? json : undefined;
      },
      { what: 'the record linked to its new case', timeoutMs: 30_000 },
    );
    expect(linked.petitionNumber).toMatch(/^510104-\d{4}-\d{6}$/);
    const registered = await caseFile(linked.petitionNumber);
    expect(registered).toMatchObject({
      channel: 'video',
      kind: 'suggestion',
      title: '建议增设社区养老食堂',
      content: '建议在锦江区东光街道增设社区养老食堂。',
      status: 'registered',
    });
  });
});
