import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@minsheng/contracts';
import { runService } from '@minsheng/runtime';
import type { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeMobileNumber, makeResidentIdNumber } from '@minsheng/testing';
import { Clock } from '../../src/clock.js';
import { entities, migrations } from '../../src/schema.js';
import { serviceDefinition } from '../../src/service-definition.js';

export { entities, migrations };

/** Answers are checked field by field in the tests; their shapes are the contracts'. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Settings the suites run with: fast notice polling, the SMS simulator, a generous public limit. */
export const TEST_ENV: Record<string, string> = {
  NOTIFICATION_SENDER: 'sms-simulator',
  NOTIFICATION_POLL_MS: '100',
  PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
  WAITLIST_MAX_PER_SLOT: '10',
  JITSI_APP_SECRET: 'test-jitsi-secret-that-is-long-enough-0123',
  JITSI_BASE_URL: 'https://meet.example.gov.cn',
};

/** Makes the service's clock stand at `at` (the database's own clock is never consulted). */
export function standAt(service: InProcessService, at: Date | string): void {
  const instant = new Date(at);
  service.app.get(Clock).now = () => new Date(instant);
}

export interface Petitioner {
  name: string;
  idNumber: string;
  phone: string;
}

let petitioners = 0;

/** A petitioner of `region` with an ID number and phone no other petitioner of this run has. */
export function newPetitioner(region = '510104', name = '王小明'): Petitioner {
  petitioners += 1;
  const birth = new Date(
    Date.UTC(1960, 0, 1) + (petitioners * 37 + (process.pid % 1000)) * 86_400_000,
  );
  const birthDate = birth.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    name,
    idNumber: makeResidentIdNumber(region, birthDate, petitioners % 1000),
    phone: makeMobileNumber(10_000_000 + ((petitioners * 7919 + process.pid) % 89_999_999)),
  };
}

export interface Response {
  statusCode: number;
  body: string;
  json(): Json;
  headers: Record<string, unknown>;
}

export interface ScheduleOptions {
  division?: string;
  leaderId?: string;
  leaderName?: string;
  hallIds: string[];
  officialHallId?: string;
  date?: string;
  rule?: string;
  untilDate?: string;
  window?: { startTime: string; endTime: string };
  slotMinutes?: number;
  capacity?: number;
  skipPublicHolidays?: boolean;
  exceptions?: unknown[];
  kinds?: string[];
}

/** HTTP helpers over one in-process video-reception service. */
export class VideoReceptionKit {
  private leaders = 0;

  constructor(readonly service: InProcessService) {}

  token(role: Role | Role[], division = '510104', userId?: string): Promise<string> {
    return this.service.keys.token(role, division, userId);
  }

  async call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    { token, payload }: { token?: string; payload?: unknown } = {},
  ): Promise<Response> {
    const response = await this.service.http.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return response as unknown as Response;
  }

  /** Throws with the answer's body unless the status is the expected one. */
  async ok(expected: number, response: Promise<Response>): Promise<Json> {
    const r = await response;
    if (r.statusCode !== expected) {
      throw new Error(`expected ${expected}, got ${r.statusCode}: ${r.body}`);
    }
    return r.headers['content-type']?.toString().startsWith('application/json') ? r.json() : r.body;
  }

  async hall(
    division = '510104',
    name = `${division} 视频接访厅`,
  ): Promise<{ id: string; divisionCode: string; name: string }> {
    return this.ok(
      201,
      this.call('POST', '/api/v1/halls', {
        token: await this.token('supervisor', division),
        payload: { name, divisionCode: division, address: '人民路 1 号' },
      }),
    );
  }

  newLeaderId(): string {
    this.leaders += 1;
    return `leader-${this.leaders}-${randomUUID().slice(0, 8)}`;
  }

  /** Publishes a schedule as a clerk of its division: one date unless a rule is given. */
  async schedule(options: ScheduleOptions): Promise<Json> {
    const division = options.division ?? '510104';
    return this.ok(
      201,
      this.call('POST', '/api/v1/reception-schedules', {
        token: await this.token('clerk', division),
        payload: {
          leader: {
            id: options.leaderId ?? this.newLeaderId(),
            name: options.leaderName ?? '李建国',
            title: '区长',
          },
          divisionCode: division,
          window: options.window ?? { startTime: '09:00', endTime: '12:00' },
          slotMinutes: options.slotMinutes ?? 30,
          ...(options.capacity ? { capacity: options.capacity } : {}),
          hallIds: options.hallIds,
          ...(options.officialHallId ? { officialHallId: options.officialHallId } : {}),
          ...(options.kinds ? { kinds: options.kinds } : {}),
          topics: ['征地拆迁', '劳动保障'],
          recurrence: {
            startDate: options.date ?? '2027-03-02',
            ...(options.rule ? { rule: options.rule, untilDate: options.untilDate } : {}),
            skipPublicHolidays: options.skipPublicHolidays ?? false,
          },
          exceptions: options.exceptions ?? [],
        },
      }),
    );
  }

  bookingPayload(
    day: { id: string; startsAt: string },
    hallId: string,
    petitioner: Petitioner = newPetitioner(),
    extra: Record<string, unknown> = {},
  ) {
    return {
      receptionDayId: day.id,
      slotStartsAt: day.startsAt,
      hallId,
      petitioner,
      matter: {
        kind: 'appeal',
        title: '征地补偿未到位',
        content: '村里征地补偿款两年未发放到户。',
      },
      ...extra,
    };
  }

  /** A petitioner's own booking through the public API. */
  bookPublic(payload: unknown): Promise<Response> {
    return this.call('POST', '/api/v1/public/bookings', { payload });
  }

  /** A clerk's walk-in booking (no public rate limit). */
  async bookWalkIn(payload: unknown, division = '510104'): Promise<Response> {
    return this.call('POST', '/api/v1/bookings', {
      token: await this.token('clerk', division),
      payload,
    });
  }

  async review(bookingId: string, payload: unknown = { decision: 'approve' }, division = '510104') {
    return this.ok(
      200,
      this.call('POST', `/api/v1/bookings/${bookingId}/review`, {
        token: await this.token('clerk', division),
        payload,
      }),
    );
  }

  async checkIn(bookingId: string, division = '510104') {
    return this.ok(
      200,
      this.call('POST', `/api/v1/bookings/${bookingId}/check-in`, {
        token: await this.token('clerk', division),
      }),
    );
  }

  async writeRecord(bookingId: string, payload: unknown, division = '510104') {
    return this.ok(
      201,
      this.call('POST', `/api/v1/bookings/${bookingId}/record`, {
        token: await this.token('clerk', division),
        payload,
      }),
    );
  }

  /**
   * A booking at the stage asked for, on a day and hall of its own (its own leader too), so it
   * never conflicts with another: `booked`, `confirmed`, `checked-in` or `completed` (recorded).
   */
  async bookingAt(
    stage: 'booked' | 'confirmed' | 'checked-in' | 'completed',
    { division = '510104', date = '2027-03-02' }: { division?: string; date?: string } = {},
  ): Promise<{ bookingId: string; dayId: string; hallId: string; leaderId: string }> {
    const hall = await this.hall(division);
    const leaderId = this.newLeaderId();
    const schedule = await this.schedule({ division, leaderId, hallIds: [hall.id], date });
    const day = schedule.receptionDays[0];
    const booked = await this.ok(201, this.bookWalkIn(this.bookingPayload(day, hall.id), division));
    const result = { bookingId: booked.bookingId, dayId: day.id, hallId: hall.id, leaderId };
    if (stage === 'booked') return result;
    await this.review(booked.bookingId, { decision: 'approve' }, division);
    if (stage === 'confirmed') return result;
    await this.checkIn(booked.bookingId, division);
    if (stage === 'checked-in') return result;
    await this.writeRecord(
      booked.bookingId,
      {
        summary: '反映征地补偿问题。',
        response: '责成区住建局一周内核实。',
        outcome: 'resolved-on-spot',
      },
      division,
    );
    return result;
  }
}

/** The smallest valid PNG: a 1×1 transparent pixel. */
export const SIGNATURE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
).toString('base64');

/**
 * A second replica of the same service: the same schema, namespace and keys, its own process
 * state (connection pool, dispatcher, clock). Close it with `app.close()` before the first stops.
 */
export async function startReplica(
  service: InProcessService,
  env: Record<string, string> = TEST_ENV,
): Promise<NestFastifyApplication> {
  const { databaseUrl, natsUrl, redisUrl } = backingServices();
  return runService(serviceDefinition, {
    handleSignals: false,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      REDIS_URL: redisUrl,
      DB_SCHEMA: service.schema.name,
      NATS_NAMESPACE: service.namespace,
      HTTP_HOST: '127.0.0.1',
      VIDEO_RECEPTION_PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...service.keys.env(),
      ...env,
    },
  });
}
