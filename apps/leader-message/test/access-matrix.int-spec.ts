import { randomUUID } from 'node:crypto';
import type { Role } from '@minsheng/contracts';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type Caller,
  type InProcessService,
} from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

const RECORD_DIVISION = '510104';
type Stage = 'new' | 'claimed' | 'assigned' | 'drafted';

const boards = new WeakMap<InProcessService, Promise<string>>();
function boardOf(service: InProcessService): Promise<string> {
  if (!boards.has(service)) {
    const id = randomUUID();
    boards.set(
      service,
      service.schema
        .query(
          `INSERT INTO board (id, external_id, leader_id, leader_name, leader_title, division_code,
                              source, created_by, created_at)
           VALUES ($1, $2, 'leader-jinjiang', '李区长', '区长', $3, 'http', 'seed', now())`,
          [id, `board-${id}`, RECORD_DIVISION],
        )
        .then(() => id),
    );
  }
  return boards.get(service)!;
}

/** A message of county 510104 at the stage asked for, written straight to the schema. */
async function seedMessage(service: InProcessService, stage: Stage): Promise<string> {
  const boardId = await boardOf(service);
  const id = randomUUID();
  const handled = stage !== 'new';
  await service.schema.query(
    `INSERT INTO board_message (id, board_id, external_id, leader_id, division_code, type, domain,
        title, content, author_name, posted_at, received_at, status, claim_deadline,
        reply_deadline, claimed_at, claimed_by, lead_organ_id, lead_organ_name, assigned_at)
     VALUES ($1, $2, $3, 'leader-jinjiang', $4, '投诉', '交通管理', '路灯不亮', '小区路灯坏了。',
        '网友1', now(), now(), $5, now() + interval '2 days', now() + interval '10 days',
        $6, $7, $8, $9, $10)`,
    [
      id,
      boardId,
      `m-${id}`,
      RECORD_DIVISION,
      stage,
      handled ? new Date() : null,
      handled ? 'seed' : null,
      stage === 'assigned' || stage === 'drafted' ? 'organ-1' : null,
      stage === 'assigned' || stage === 'drafted' ? '区住建局' : null,
      stage === 'assigned' || stage === 'drafted' ? new Date() : null,
    ],
  );
  if (stage === 'drafted') {
    await service.schema.query(
      `INSERT INTO reply_draft (id, message_id, version, text, drafted_by, drafted_at)
       VALUES ($1, $2, 1, '已修复。', 'seed', now())`,
      [randomUUID(), id],
    );
  }
  return id;
}

const shared = new Map<string, Promise<string>>();
function sharedMessage(service: InProcessService, stage: Stage): Promise<string> {
  if (!shared.has(stage)) shared.set(stage, seedMessage(service, stage));
  return shared.get(stage)!;
}

/** A route on one message: shared for reads, a fresh one per admitted caller for changes. */
const messageRoute =
  (
    method: 'GET' | 'POST',
    suffix: string,
    stage: Stage,
    options: { payload?: unknown; allowedStatus?: number; fresh?: readonly Role[] } = {},
  ): AccessCase =>
  async (service) => {
    const url = `/api/v1/messages/:id${suffix}`;
    const base = {
      kind: 'http' as const,
      method,
      payload: options.payload,
      allowedStatus: options.allowedStatus,
      recordDivision: RECORD_DIVISION,
    };
    if (!options.fresh) {
      return { ...base, url: url.replace(':id', await sharedMessage(service, stage)) };
    }
    const allowed = options.fresh;
    return {
      ...base,
      url,
      callerFor: async (role: Role, division: string): Promise<Caller> => {
        const token = await service.keys.token(role, division);
        if (!allowed.includes(role)) return { token, substitutions: { id: randomUUID() } };
        return { token, substitutions: { id: await seedMessage(service, stage) } };
      },
    };
  };

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('leader-message'),

    'POST /api/v1/boards': async (service) => {
      const externalId = `board-${randomUUID()}`;
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/boards',
        allowedStatus: 201,
        payload: {
          externalId,
          leader: { id: 'leader-x', name: '张区长', title: '区长' },
          divisionCode: RECORD_DIVISION,
        },
        // Each admitted caller configures the same board afresh.
        callerFor: async (role, division) => {
          await service.schema.query('DELETE FROM board WHERE external_id = $1', [externalId]);
          return { token: await service.keys.token(role, division) };
        },
      };
    },
    'GET /api/v1/boards': async () => ({ kind: 'http', method: 'GET', url: '/api/v1/boards' }),
    'GET /api/v1/boards/:id/new-messages': async (service) => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/boards/${await boardOf(service)}/new-messages`,
      recordDivision: RECORD_DIVISION,
    }),
    'GET /api/v1/leader-message-rates': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/leader-message-rates',
    }),

    'GET /api/v1/messages/:id': messageRoute('GET', '', 'claimed'),
    'POST /api/v1/messages/:id/claim': messageRoute('POST', '/claim', 'new', {
      payload: {},
      fresh: ['clerk', 'leader'],
    }),
    'POST /api/v1/messages/:id/assignment': messageRoute('POST', '/assignment', 'claimed', {
      payload: { leadOrgan: { id: 'organ-1', name: '区住建局' } },
      fresh: ['clerk', 'leader', 'supervisor'],
    }),
    'POST /api/v1/messages/:id/drafts': messageRoute('POST', '/drafts', 'assigned', {
      payload: { text: '路灯已修复。' },
      allowedStatus: 201,
      fresh: ['handler'],
    }),
    'POST /api/v1/messages/:id/review': messageRoute('POST', '/review', 'drafted', {
      payload: { decision: 'approve' },
      fresh: ['leader', 'supervisor'],
    }),
    'POST /api/v1/messages/:id/extension': messageRoute('POST', '/extension', 'claimed', {
      payload: { days: 5, reason: '情况复杂' },
    }),
    'POST /api/v1/messages/:id/petition-case': messageRoute('POST', '/petition-case', 'claimed', {
      fresh: ['clerk', 'supervisor'],
    }),
  },
);
