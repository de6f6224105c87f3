import { randomUUID } from 'node:crypto';
import type { Role } from '@minsheng/contracts';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type Caller,
  type InProcessService,
} from '@minsheng/service-harness';
import { serviceDefinition } from '../src/service-definition.js';
import {
  SIGNATURE_PNG,
  VideoReceptionKit,
  entities,
  migrations,
  newPetitioner,
  standAt,
} from './support/video-reception-kit.js';

// Every record of the matrix is in county 510104 on 2 March 2027; the clock stands just before its
// first slot, so slots can be booked and check-in and join links are open.
const NOW = '2027-03-02T08:55:00+08:00';
const RECORD_DIVISION = '510104';

type Stage = 'booked' | 'confirmed' | 'checked-in' | 'completed';

const kits = new WeakMap<InProcessService, VideoReceptionKit>();
function kitOf(service: InProcessService): VideoReceptionKit {
  let kit = kits.get(service);
  if (!kit) {
    standAt(service, NOW);
    kit = new VideoReceptionKit(service);
    kits.set(service, kit);
  }
  return kit;
}

/** One record shared by every caller: for routes that only read. */
const shared = new Map<string, Promise<Awaited<ReturnType<VideoReceptionKit['bookingAt']>>>>();
function sharedBooking(service: InProcessService, stage: Stage) {
  if (!shared.has(stage)) shared.set(stage, kitOf(service).bookingAt(stage));
  return shared.get(stage)!;
}

/**
 * A fresh record per caller, for routes that change it (a second approval would be refused):
 * callers whose role the route admits — in the record's county or the neighbouring one — each
 * get their own; the others are stopped by the guard before any record is read.
 */
function perCaller(
  service: InProcessService,
  allowed: readonly Role[],
  stage: Stage,
  before?: () => Promise<void>,
): (role: Role, division: string) => Promise<Caller> {
  return async (role, division) => {
    const kit = kitOf(service);
    const token = await kit.token(role, division);
    if (!allowed.includes(role)) return { token, substitutions: { id: randomUUID() } };
    await before?.();
    const { bookingId } = await kit.bookingAt(stage);
    return { token, substitutions: { id: bookingId } };
  };
}

const bookingRoute =
  (
    method: 'GET' | 'POST',
    suffix: string,
    stage: Stage,
    options: { payload?: unknown; allowedStatus?: number; fresh?: readonly Role[] } = {},
  ): AccessCase =>
  async (service) => {
    const url = `/api/v1/bookings/:id${suffix}`;
    if (options.fresh) {
      return {
        kind: 'http',
        method,
        url,
        payload: options.payload,
        allowedStatus: options.allowedStatus,
        recordDivision: RECORD_DIVISION,
        callerFor: perCaller(service, options.fresh, stage),
      };
    }
    const { bookingId } = await sharedBooking(service, stage);
    return {
      kind: 'http',
      method,
      url: url.replace(':id', bookingId),
      payload: options.payload,
      allowedStatus: options.allowedStatus,
      recordDivision: RECORD_DIVISION,
    };
  };

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('video-reception'),

    'POST /api/v1/halls': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/halls',
      payload: { name: '锦江区视频接访厅', divisionCode: RECORD_DIVISION },
      allowedStatus: 201,
    }),
    'GET /api/v1/halls': async () => ({ kind: 'http', method: 'GET', url: '/api/v1/halls' }),
    'GET /api/v1/halls/:hallId/calendar.ics': async (service) => {
      const { hallId } = await sharedBooking(service, 'confirmed');
      return {
        kind: 'http',
        method: 'GET',
        url: `/api/v1/halls/${hallId}/calendar.ics`,
        recordDivision: RECORD_DIVISION,
      };
    },
    'POST /api/v1/calendar-subscriptions': async (service) => {
      const { hallId } = await sharedBooking(service, 'confirmed');
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/calendar-subscriptions',
        payload: { feed: 'hall', targetId: hallId },
        allowedStatus: 201,
        recordDivision: RECORD_DIVISION,
      };
    },
    'GET /api/v1/calendar-subscriptions': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/calendar-subscriptions',
    }),
    // Each caller revokes their own subscription; one from the neighbouring county names one it
    // does not own, which is not found.
    'DELETE /api/v1/calendar-subscriptions/:id': async (service) => {
      const { hallId } = await sharedBooking(service, 'confirmed');
      return {
        kind: 'http',
        method: 'DELETE',
        url: '/api/v1/calendar-subscriptions/:id',
        recordDivision: RECORD_DIVISION,
        callerFor: async (role, division) => {
          const kit = kitOf(service);
          const token = await kit.token(role, division);
          if (division !== RECORD_DIVISION || !['clerk', 'supervisor', 'leader'].includes(role)) {
            return { token, substitutions: { id: randomUUID() } };
          }
          const created = await kit.call('POST', '/api/v1/calendar-subscriptions', {
            token,
            payload: { feed: 'hall', targetId: hallId },
          });
          return { token, substitutions: { id: created.json().id } };
        },
      };
    },
    'GET /api/v1/leaders/:leaderId/calendar.ics': async (service) => {
      const { leaderId } = await sharedBooking(service, 'confirmed');
      return {
        kind: 'http',
        method: 'GET',
        url: `/api/v1/leaders/${leaderId}/calendar.ics`,
        recordDivision: RECORD_DIVISION,
      };
    },

    // A caller who is only a leader publishes their own days: the payload names the leader of
    // 510104 as the test tokens name them.
    'POST /api/v1/reception-schedules': async (service) => {
      const hall = await kitOf(service).hall();
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/reception-schedules',
        allowedStatus: 201,
        payload: {
          leader: { id: `user-leader-${RECORD_DIVISION}`, name: '赵区长', title: '区长' },
          divisionCode: RECORD_DIVISION,
          window: { startTime: '14:00', endTime: '16:00' },
          slotMinutes: 30,
          hallIds: [hall.id],
          recurrence: { startDate: '2027-03-09', skipPublicHolidays: false },
        },
      };
    },
    'GET /api/v1/reception-schedules/:id': async (service) => {
      const kit = kitOf(service);
      const hall = await kit.hall();
      const schedule = await kit.schedule({ hallIds: [hall.id] });
      return {
        kind: 'http',
        method: 'GET',
        url: `/api/v1/reception-schedules/${schedule.id}`,
        recordDivision: RECORD_DIVISION,
      };
    },
    'POST /api/v1/reception-schedules/:id/exceptions': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/reception-schedules/:id/exceptions',
      payload: { action: 'add', date: '2027-03-16', reason: '加开一次' },
      allowedStatus: 201,
      recordDivision: RECORD_DIVISION,
      callerFor: async (role, division) => {
        const kit = kitOf(service);
        const token = await kit.token(role, division);
        if (!['leader', 'clerk', 'supervisor'].includes(role)) {
          return { token, substitutions: { id: randomUUID() } };
        }
        const hall = await kit.hall();
        const schedule = await kit.schedule({
          hallIds: [hall.id],
          leaderId: `user-leader-${RECORD_DIVISION}`,
        });
        return { token, substitutions: { id: schedule.id } };
      },
    }),
    'GET /api/v1/reception-days/:id/bookings': async (service) => {
      const { dayId } = await sharedBooking(service, 'confirmed');
      return {
        kind: 'http',
        method: 'GET',
        url: `/api/v1/reception-days/${dayId}/bookings`,
        recordDivision: RECORD_DIVISION,
      };
    },

    'POST /api/v1/bookings': async (service) => {
      const kit = kitOf(service);
      const hall = await kit.hall();
      const schedule = await kit.schedule({ hallIds: [hall.id] });
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/bookings',
        allowedStatus: 201,
        payload: kit.bookingPayload(schedule.receptionDays[0], hall.id, newPetitioner()),
      };
    },
    'GET /api/v1/bookings/:id': bookingRoute('GET', '', 'confirmed'),
    'POST /api/v1/bookings/:id/review': bookingRoute('POST', '/review', 'booked', {
      payload: { decision: 'approve' },
      fresh: ['clerk', 'supervisor'],
    }),
    'POST /api/v1/bookings/:id/cancel': bookingRoute('POST', '/cancel', 'booked', {
      payload: { reason: '群众要求取消' },
      fresh: ['clerk', 'supervisor'],
    }),
    'POST /api/v1/bookings/:id/reschedule': async (service) => {
      // Every caller moves its own booking to the same slot of a shared day, freed again before
      // each attempt so that the slot is there to take.
      const kit = kitOf(service);
      const hall = await kit.hall();
      const target = (await kit.schedule({ hallIds: [hall.id], date: '2027-03-04' }))
        .receptionDays[0];
      const freeTarget = async () => {
        const held = await service.schema.query<{ id: string }>(
          `SELECT id FROM booking WHERE reception_day_id = $1 AND holds_slot`,
          [target.id],
        );
        const token = await kit.token('clerk');
        for (const { id } of held) {
          await kit.ok(
            200,
            kit.call('POST', `/api/v1/bookings/${id}/cancel`, {
              token,
              payload: { reason: '腾出时段' },
            }),
          );
        }
      };
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/bookings/:id/reschedule',
        payload: {
          receptionDayId: target.id,
          slotStartsAt: target.startsAt,
          hallId: hall.id,
          reason: '领导临时公务',
        },
        recordDivision: RECORD_DIVISION,
        callerFor: perCaller(service, ['clerk', 'supervisor'], 'booked', freeTarget),
      };
    },
    'POST /api/v1/bookings/:id/check-in': bookingRoute('POST', '/check-in', 'confirmed', {
      fresh: ['clerk'],
    }),
    'POST /api/v1/bookings/:id/join-links': bookingRoute('POST', '/join-links', 'confirmed'),
    'POST /api/v1/bookings/:id/record': bookingRoute('POST', '/record', 'checked-in', {
      payload: {
        summary: '反映拖欠工资。',
        response: '责成人社局督促发放。',
        outcome: 'resolved-on-spot',
      },
      allowedStatus: 201,
      fresh: ['clerk', 'supervisor', 'leader'],
    }),
    'GET /api/v1/bookings/:id/record': bookingRoute('GET', '/record', 'completed'),
    'POST /api/v1/bookings/:id/record/confirmation': bookingRoute(
      'POST',
      '/record/confirmation',
      'completed',
      {
        payload: { method: 'signature', imageBase64: SIGNATURE_PNG },
        fresh: ['clerk'],
      },
    ),
  },
);
