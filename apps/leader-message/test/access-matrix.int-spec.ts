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
import { organToken } from './support/leader-message-kit.js';

const RECORD_DIVISION = '510104';
const ORGAN = 'organ-1';
type Stage = 'new' | 'claimed' | 'assigned' | 'drafted' | 'extension-requested' | 'approved';
type Source = 'http' | 'import';

const boards = new WeakMap<InProcessService, Map<Source, Promise<string>>>();
function boardOf(service: InProcessService, source: Source = 'http'): Promise<string> {
  if (!boards.has(service)) boards.set(service, new Map());
  const bySource = boards.get(service)!;
  if (!bySource.has(source)) {
    const id = randomUUID();
    bySource.set(
      source,
      service.schema
        .query(
          `INSERT INTO board (id, external_id, leader_id, leader_name, leader_title, division_code,
                              source, created_by, created_at)
           VALUES ($1, $2, 'leader-jinjiang', '李区长', '区长', $3, $4, 'seed', now())`,
          [id, `board-${id}`, RECORD_DIVISION, source],
        )
        .then(() => id),
    );
  }
  return bySource.get(source)!;
}

/** A message of county 510104 at the stage asked for, written straight to the schema. */
async function seedMessage(
  service: InProcessService,
  stage: Stage,
  source: Source = 'http',
): Promise<string> {
  const boardId = await boardOf(service, source);
  const id = randomUUID();
  const handled = stage !== 'new';
  const assigned = !['new', 'claimed'].includes(stage);
  const status = stage === 'extension-requested' ? 'assigned' : stage;
  await service.schema.query(
    `INSERT INTO board_message (id, board_id, external_id, leader_id, division_code, type, domain,
        title, content, author_name, posted_at, received_at, status, claim_deadline,
        reply_deadline, claimed_at, claimed_by, lead_organ_id, lead_organ_name, assigned_at,
        approved_text, approved_at)
     VALUES ($1, $2, $3, 'leader-jinjiang', $4, '投诉', '交通管理', '路灯不亮', '小区路灯坏了。',
        '网友1', now(), now(), $5, now() + interval '2 days', now() + interval '10 days',
        $6, $7, $8, $9, $10, $11, $12)`,
    [
      id,
      boardId,
      `m-${id}`,
      RECORD_DIVISION,
      status,
      handled ? new Date() : null,
      handled ? 'seed' : null,
      assigned ? ORGAN : null,
      assigned ? '区住建局' : null,
      assigned ? new Date() : null,
      stage === 'approved' ? '路灯已修复。' : null,
      stage === 'approved' ? new Date() : null,
    ],
  );
  if (stage === 'extension-requested') {
    await service.schema.query(
      `INSERT INTO extension_request (id, message_id, days, reason, requested_by, requested_at)
       VALUES ($1, $2, 5, '情况复杂', 'seed', now())`,
      [randomUUID(), id],
    );
  }
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
    options: {
      payload?: unknown;
      allowedStatus?: number;
      fresh?: readonly Role[];
      /** Admitted callers work for the message's organ (会办 and extension requests). */
      asOrgan?: boolean;
      source?: Source;
    } = {},
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
        return {
          token: options.asOrgan ? await organToken(service, role, division, ORGAN) : token,
          substitutions: { id: await seedMessage(service, stage, options.source) },
        };
      },
    };
  };

/** The five routes of a knowledge store; changes get a fresh entry per admitted caller. */
function knowledgeCases(
  path: 'reply-templates' | 'policies',
  fields: Record<string, string>,
): Record<string, AccessCase> {
  const payload = { divisionCode: RECORD_DIVISION, ...fields };
  const entry = async (service: InProcessService): Promise<string> => {
    const r = await service.http.inject({
      method: 'POST',
      url: `/api/v1/${path}`,
      headers: {
        authorization: `Bearer ${await service.keys.token('supervisor', RECORD_DIVISION)}`,
      },
      payload,
    });
    return r.json().id;
  };
  const onEntry =
    (method: 'GET' | 'PUT' | 'DELETE', allowedStatus = 200): AccessCase =>
    async (service) => ({
      kind: 'http',
      method,
      url: `/api/v1/${path}/:id`,
      allowedStatus,
      recordDivision: RECORD_DIVISION,
      ...(method === 'PUT' ? { payload } : {}),
      callerFor: async (role, division) => ({
        token: await service.keys.token(role, division),
        substitutions: { id: await entry(service) },
      }),
    });
  return {
    [`POST /api/v1/${path}`]: async () => ({
      kind: 'http',
      method: 'POST',
      url: `/api/v1/${path}`,
      payload,
      allowedStatus: 201,
      recordDivision: RECORD_DIVISION,
    }),
    [`GET /api/v1/${path}`]: async () => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/${path}?q=${encodeURIComponent('入学')}`,
    }),
    [`GET /api/v1/${path}/:id`]: onEntry('GET'),
    [`PUT /api/v1/${path}/:id`]: onEntry('PUT'),
    [`DELETE /api/v1/${path}/:id`]: onEntry('DELETE', 204),
  };
}

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
    'POST /api/v1/messages/:id/organ-inputs': messageRoute('POST', '/organ-inputs', 'assigned', {
      payload: { text: '已核实。' },
      allowedStatus: 201,
      fresh: ['handler'],
      asOrgan: true,
    }),
    'POST /api/v1/messages/:id/extension-requests': messageRoute(
      'POST',
      '/extension-requests',
      'assigned',
      {
        payload: { days: 5, reason: '情况复杂' },
        allowedStatus: 201,
        fresh: ['handler'],
        asOrgan: true,
      },
    ),
    'POST /api/v1/messages/:id/extension-review': messageRoute(
      'POST',
      '/extension-review',
      'extension-requested',
      { payload: { decision: 'approve' }, fresh: ['leader', 'supervisor'] },
    ),
    'POST /api/v1/messages/:id/publication': messageRoute('POST', '/publication', 'approved', {
      payload: { publishedText: '路灯已修复。', publishedAt: new Date().toISOString() },
      fresh: ['clerk', 'supervisor'],
      source: 'import',
    }),
    'GET /api/v1/messages': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/messages?status=new,claimed&due=soon',
    }),
    'POST /api/v1/boards/:id/imports': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: `/api/v1/boards/${await boardOf(service, 'import')}/imports`,
      recordDivision: RECORD_DIVISION,
      // Uploading the same export again stores nothing new and answers alike.
      payload: {
        csv: '留言编号,留言类型,留言领域,留言标题,留言内容,留言人,留言时间\nx-1,咨询,教育,入学,请问入学政策,网友,2027-03-01 09:30',
      },
    }),
    ...knowledgeCases('reply-templates', {
      title: '入学政策咨询答复',
      body: '网友您好……',
      domain: '教育',
      type: '咨询',
    }),
    ...knowledgeCases('policies', {
      title: '随迁子女入学办法',
      issuer: '区教育局',
      body: '就近入学。',
    }),
    'POST /api/v1/messages/:id/petition-case': messageRoute('POST', '/petition-case', 'claimed', {
      fresh: ['clerk', 'supervisor'],
    }),
  },
);
