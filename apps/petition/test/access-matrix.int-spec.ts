import { complaintSubmittedEvent, type Role } from '@minsheng/contracts';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type Caller,
  type InProcessService,
} from '@minsheng/service-harness';
import { makeResidentIdNumber } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  ORGANS,
  api,
  caseOfComplaint,
  complaintEnvelope,
  deliver,
  registerLetter,
  staffToken,
  walk,
  type Staff,
  type StepName,
} from './support/petition-test-kit.js';

const HOME = '510104';

/** A caller of a role who may not act on the record: a plain token of the division's office. */
async function bystander(
  service: InProcessService,
  role: Role,
  division: string,
  petitionNumber: string,
): Promise<Caller> {
  return {
    token: await staffToken(service, { role, division, organ: `${division}-xfj` }),
    substitutions: { petitionNumber },
  };
}

/**
 * A workflow step: every role that may take it gets a fresh case in the status the step starts
 * from, and acts for the organ the workflow expects; a neighbouring county gets 404.
 */
function step(
  action: string,
  plans: Partial<Record<Role, { actor: Staff; steps: StepName[] }>>,
  payload: Record<string, unknown> = {},
): AccessCase {
  return async (service) => {
    const shared = await registerLetter(service);
    return {
      kind: 'http',
      method: 'POST',
      url: `/api/v1/cases/:petitionNumber/${action}`,
      payload,
      recordDivision: HOME,
      callerFor: async (role, division) => {
        const plan = plans[role];
        if (!plan || division !== HOME) return bystander(service, role, division, shared);
        const number = await registerLetter(service);
        await walk(service, number, plan.steps);
        return {
          token: await staffToken(service, plan.actor),
          substitutions: { petitionNumber: number },
        };
      },
    };
  };
}

/** A route on an existing case that every role allowed simply reads. */
function onCase(
  method: 'GET' | 'POST',
  suffix: string,
  payload?: unknown,
  allowedStatus = 200,
): AccessCase {
  return async (service) => {
    const number = await registerLetter(service);
    await walk(service, number, ['transfer']);
    return {
      kind: 'http',
      method,
      url: `/api/v1/cases/${number}${suffix}`,
      payload,
      allowedStatus,
      recordDivision: HOME,
      callerFor: async (role, division) => ({
        token: await staffToken(service, { role, division, organ: `${division}-xfj` }),
      }),
    };
  };
}

let repeatSeq = 500;
/** A case linked as a suspected repeat, fresh for each caller. */
async function suspectedRepeat(service: InProcessService): Promise<string> {
  const idNumber = makeResidentIdNumber('510104', '19660606', repeatSeq++);
  const text = {
    title: '锦绣花园3栋电梯经常故障',
    content: '锦绣花园3栋电梯经常故障，上个月困人两次，物业公司一直拖着不修。',
  };
  await registerLetter(service, { ...text, idNumber });
  return registerLetter(service, { ...text, idNumber });
}

function repeatDecision(action: 'confirm' | 'unlink', payload: unknown): AccessCase {
  return async (service) => {
    const shared = await registerLetter(service);
    return {
      kind: 'http',
      method: 'POST',
      url: `/api/v1/cases/:petitionNumber/repeat/${action}`,
      payload,
      recordDivision: HOME,
      callerFor: async (role, division) => {
        if (division !== HOME || (role !== 'clerk' && role !== 'supervisor')) {
          return bystander(service, role, division, shared);
        }
        return {
          token: await staffToken(service, { role, division, organ: ORGANS.jinjiangOffice }),
          substitutions: { petitionNumber: await suspectedRepeat(service) },
        };
      },
    };
  };
}

/** An order or instruction addressed to the housing bureau, fresh for each caller that may close it. */
function task(kind: 'order' | 'instruction'): AccessCase {
  const create = async (service: InProcessService) => {
    const number = await registerLetter(service);
    await walk(service, number, ['transfer', 'accept']);
    const response =
      kind === 'order'
        ? await api(service).post(`/api/v1/cases/${number}/supervision-orders`, ACTORS.supervisor, {
            content: '请报告进展',
            replyWithinDays: 5,
          })
        : await api(service).post(`/api/v1/cases/${number}/instructions`, ACTORS.leader, {
            text: '请尽快解决',
            assigneeOrganId: ORGANS.jinjiangHousing,
            dueWithinDays: 5,
          });
    return response.body.id as string;
  };
  return async (service) => {
    const shared = await create(service);
    const base =
      kind === 'order'
        ? '/api/v1/supervision-orders/:id/reply'
        : '/api/v1/instructions/:id/complete';
    return {
      kind: 'http',
      method: 'POST',
      url: base,
      payload: kind === 'order' ? { content: '已办理' } : { result: '已办结' },
      recordDivision: HOME,
      callerFor: async (role, division) => {
        if (division === HOME && (role === 'handler' || role === 'leader')) {
          return {
            token: await staffToken(service, { role, division, organ: ORGANS.jinjiangHousing }),
            substitutions: { id: await create(service) },
          };
        }
        return {
          token: await staffToken(service, { role, division, organ: `${division}-xfj` }),
          substitutions: { id: shared },
        };
      },
    };
  };
}

/** A suggestion registered by the Jinjiang clerk, taken as far as `stage`. */
async function suggestionAt(
  service: InProcessService,
  stage: 'received' | 'worth-study' | 'assigned' | 'studied',
): Promise<string> {
  const registered = await api(service).post('/api/v1/cases', ACTORS.clerk, {
    channel: 'letter',
    kind: 'suggestion',
    title: '建议增设公交站',
    content: '建议在某路口增设公交站点。',
    divisionCode: HOME,
    petitioner: { name: '赵六', idNumber: makeResidentIdNumber(), phone: '13711112222' },
  });
  const number = registered.body.petitionNumber as string;
  const steps: Array<[string, Staff, unknown]> = [
    ['mark-worth-study', ACTORS.clerk, { note: '值得研究' }],
    ['assign', ACTORS.clerk, { organId: ORGANS.jinjiangTransport }],
    ['findings', ACTORS.transportHandler, { findings: '可行' }],
  ];
  const count = ['received', 'worth-study', 'assigned', 'studied'].indexOf(stage);
  for (const [action, actor, body] of steps.slice(0, count)) {
    await api(service).post(`/api/v1/cases/${number}/suggestion/${action}`, actor, body);
  }
  return number;
}

/** A suggestion step: allowed roles of Jinjiang act for the organ the step needs. */
function suggestionStep(
  action: string,
  stage: 'worth-study' | 'assigned' | 'studied' | 'received',
  allowed: Role[],
  organ: string,
  payload: unknown,
  fresh: boolean,
): AccessCase {
  return async (service) => {
    const shared = await suggestionAt(service, stage);
    return {
      kind: 'http',
      method: 'POST',
      url: `/api/v1/cases/:petitionNumber/suggestion/${action}`,
      payload,
      recordDivision: HOME,
      callerFor: async (role, division) => {
        if (division !== HOME || !allowed.includes(role)) {
          return bystander(service, role, division, shared);
        }
        return {
          token: await staffToken(service, { role, division, organ }),
          substitutions: { petitionNumber: fresh ? await suggestionAt(service, stage) : shared },
        };
      },
    };
  };
}

/** A Jinjiang matter addressed to Jinjiang's party secretary's mailbox. */
async function mailboxCase(service: InProcessService): Promise<string> {
  const envelope = complaintEnvelope(service, {
    channel: 'leader-mailbox',
    addressee: {
      mailboxId: '510104-party-secretary',
      divisionCode: HOME,
      post: 'party-secretary',
      title: '锦江区委书记信箱',
      leaderName: null,
      teamOrganId: ORGANS.jinjiangOffice,
    },
  });
  await deliver(service, complaintSubmittedEvent, envelope);
  return caseOfComplaint(service, envelope.data.complaintId);
}

function mailboxRoute(method: 'GET' | 'POST', suffix: string, allowedStatus = 200): AccessCase {
  return async (service) => {
    await mailboxCase(service);
    return {
      kind: 'http',
      method,
      url: `/api/v1/leader-mailboxes/510104-party-secretary/${suffix}`,
      ...(method === 'POST' ? { payload: {} } : {}),
      allowedStatus,
      recordDivision: HOME,
    };
  };
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** An open Jinjiang campaign with one backlog case and the observer of Jinjiang invited. */
async function campaign(service: InProcessService): Promise<{ id: string; number: string }> {
  const supervisor = ACTORS.supervisor;
  const created = await api(service).post('/api/v1/campaigns', supervisor, {
    title: '积案督查',
    description: '实地督查',
    divisionCode: HOME,
    endsOn: today(),
    participantFields: ['title', 'status'],
  });
  const id = created.body.id as string;
  const number = await registerLetter(service);
  await service.schema.query(
    'UPDATE petition_case SET backlog_flagged_at = now() WHERE petition_number = $1',
    [number],
  );
  await api(service).post(`/api/v1/campaigns/${id}/cases/select`, supervisor, { backlog: true });
  await api(service).post(`/api/v1/campaigns/${id}/participants`, supervisor, {
    accountId: `user-observer-${HOME}`,
    name: '李记者',
    affiliation: 'journalist',
    organisation: '四川日报',
  });
  return { id, number };
}

function campaignRoute(
  method: 'GET' | 'POST',
  suffix: (c: { id: string; number: string }) => string,
  payload?: (c: { id: string; number: string }) => unknown,
  allowedStatus = 200,
): AccessCase {
  return async (service) => {
    const c = await campaign(service);
    return {
      kind: 'http',
      method,
      url: suffix(c),
      ...(payload ? { payload: payload(c) } : {}),
      allowedStatus,
      recordDivision: HOME,
    };
  };
}

const ACCEPTED: StepName[] = ['transfer', 'accept'];
const REPLIED: StepName[] = [...ACCEPTED, 'reply'];
const UNDER_REVIEW: StepName[] = [...REPLIED, 'requestReview'];
const REVIEWED: StepName[] = [...UNDER_REVIEW, 'decideReview'];
const REEXAMINING: StepName[] = [...REVIEWED, 'requestReexamination'];

const staffCaller = (service: InProcessService) => async (role: Role, division: string) => ({
  token: await staffToken(service, { role, division, organ: `${division}-xfj` }),
});

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('petition'),

    'POST /api/v1/cases': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/cases',
      allowedStatus: 201,
      callerFor: staffCaller(service),
      payload: {
        channel: 'visit',
        kind: 'suggestion',
        title: '建议增设公交站',
        content: '建议在某路口增设公交站点。',
        divisionCode: HOME,
        petitioner: { name: '赵六', idNumber: makeResidentIdNumber(), phone: '13711112222' },
      },
    }),
    'GET /api/v1/cases': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/cases?limit=5',
    }),
    'GET /api/v1/cases/search': async () => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/cases/search?q=${encodeURIComponent('电梯')}`,
    }),
    'POST /api/v1/cases/search/petitioner': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/cases/search/petitioner',
      payload: { idNumber: makeResidentIdNumber() },
    }),
    'GET /api/v1/cases/:petitionNumber': onCase('GET', ''),
    'GET /api/v1/cases/:petitionNumber/supervision': onCase('GET', '/supervision'),

    'POST /api/v1/cases/:petitionNumber/transfer': step(
      'transfer',
      { clerk: { actor: ACTORS.clerk, steps: [] } },
      { leadOrganId: ORGANS.jinjiangHousing },
    ),
    'POST /api/v1/cases/:petitionNumber/assign': step(
      'assign',
      { clerk: { actor: ACTORS.clerk, steps: [] } },
      { leadOrganId: ORGANS.jinjiangHousing, reportWithinDays: 10 },
    ),
    'POST /api/v1/cases/:petitionNumber/object': step(
      'object',
      { handler: { actor: ACTORS.handler, steps: ['transfer'] } },
      { reason: '不属于本局职责' },
    ),
    'POST /api/v1/cases/:petitionNumber/accept': step('accept', {
      handler: { actor: ACTORS.handler, steps: ['transfer'] },
    }),
    'POST /api/v1/cases/:petitionNumber/decline': step(
      'decline',
      { handler: { actor: ACTORS.handler, steps: ['transfer'] } },
      { reason: '不属于信访事项' },
    ),
    'POST /api/v1/cases/:petitionNumber/route-to-litigation': step(
      'route-to-litigation',
      {
        clerk: { actor: ACTORS.clerk, steps: [] },
        handler: { actor: ACTORS.handler, steps: ['transfer'] },
      },
      { legalRoute: 'arbitration', reason: '属于劳动争议，应申请劳动仲裁' },
    ),
    'POST /api/v1/cases/:petitionNumber/link-final-case': step(
      'link-final-case',
      {
        clerk: { actor: ACTORS.clerk, steps: [] },
        handler: { actor: ACTORS.officeHandler, steps: [] },
      },
      { finalPetitionNumber: null },
    ),
    'POST /api/v1/cases/:petitionNumber/request-extension': step(
      'request-extension',
      { handler: { actor: ACTORS.handler, steps: ACCEPTED } },
      { days: 20, reason: '情况复杂' },
    ),
    'POST /api/v1/cases/:petitionNumber/approve-extension': step('approve-extension', {
      leader: { actor: ACTORS.head, steps: [...ACCEPTED, 'requestExtension'] },
    }),
    'POST /api/v1/cases/:petitionNumber/reject-extension': step('reject-extension', {
      leader: { actor: ACTORS.head, steps: [...ACCEPTED, 'requestExtension'] },
    }),
    'POST /api/v1/cases/:petitionNumber/reply': step(
      'reply',
      { handler: { actor: ACTORS.handler, steps: ACCEPTED } },
      { opinion: '已处理' },
    ),
    'POST /api/v1/cases/:petitionNumber/conclude': step('conclude', {
      handler: { actor: ACTORS.handler, steps: REPLIED },
    }),
    'POST /api/v1/cases/:petitionNumber/request-review': step(
      'request-review',
      { clerk: { actor: ACTORS.reviewClerk, steps: REPLIED } },
      { reason: '不服处理意见' },
    ),
    'POST /api/v1/cases/:petitionNumber/decide-review': step(
      'decide-review',
      { handler: { actor: ACTORS.reviewHandler, steps: UNDER_REVIEW } },
      { opinion: '维持' },
    ),
    'POST /api/v1/cases/:petitionNumber/request-reexamination': step(
      'request-reexamination',
      { clerk: { actor: ACTORS.reexaminationClerk, steps: REVIEWED } },
      { reason: '不服复查意见' },
    ),
    'POST /api/v1/cases/:petitionNumber/start-hearing': step('start-hearing', {
      handler: { actor: ACTORS.reexaminationHandler, steps: REEXAMINING },
    }),
    'POST /api/v1/cases/:petitionNumber/end-hearing': step('end-hearing', {
      handler: { actor: ACTORS.reexaminationHandler, steps: [...REEXAMINING, 'startHearing'] },
    }),
    'POST /api/v1/cases/:petitionNumber/decide-reexamination': step(
      'decide-reexamination',
      { handler: { actor: ACTORS.reexaminationHandler, steps: REEXAMINING } },
      { opinion: '维持' },
    ),

    'POST /api/v1/cases/:petitionNumber/repeat/confirm': repeatDecision('confirm', {}),
    'POST /api/v1/cases/:petitionNumber/repeat/unlink': repeatDecision('unlink', {
      reason: '不是同一事项',
    }),

    'POST /api/v1/cases/:petitionNumber/supervision-orders': onCase(
      'POST',
      '/supervision-orders',
      { content: '请报告进展', replyWithinDays: 5 },
      201,
    ),
    'POST /api/v1/cases/:petitionNumber/interviews': onCase(
      'POST',
      '/interviews',
      {
        organId: ORGANS.jinjiangHousing,
        interviewee: '分管副局长',
        content: '约谈',
        heldAt: new Date().toISOString(),
      },
      201,
    ),
    'POST /api/v1/cases/:petitionNumber/circulars': onCase(
      'POST',
      '/circulars',
      { organId: ORGANS.jinjiangHousing, content: '通报' },
      201,
    ),
    'POST /api/v1/cases/:petitionNumber/instructions': onCase(
      'POST',
      '/instructions',
      { text: '请尽快解决', assigneeOrganId: ORGANS.jinjiangHousing, dueWithinDays: 5 },
      201,
    ),
    'GET /api/v1/supervision-orders': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/supervision-orders',
    }),
    'POST /api/v1/supervision-orders/:orderId/escalate': async (service) => {
      const number = await registerLetter(service);
      const orders: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await api(service).post(
          `/api/v1/cases/${number}/supervision-orders`,
          ACTORS.supervisor,
          {
            content: '请报告进展',
            replyWithinDays: 5,
          },
        );
        orders.push(response.body.id);
      }
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/supervision-orders/:id/escalate',
        payload: { reason: '挂牌督办' },
        recordDivision: HOME,
        // The supervisor escalates the first order; the neighbour tries the second, still open.
        callerFor: async (role, division) => ({
          token: await staffToken(service, { role, division, organ: `${division}-xfj` }),
          substitutions: { id: division === HOME ? orders[0] : orders[1] },
        }),
      };
    },
    'POST /api/v1/supervision-orders/:orderId/reply': task('order'),
    'POST /api/v1/instructions/:instructionId/complete': task('instruction'),

    'GET /api/v1/suggestions': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/suggestions',
    }),
    'GET /api/v1/suggestions/summary': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/suggestions/summary',
    }),
    'GET /api/v1/cases/:petitionNumber/suggestion': async (service) => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/cases/${await suggestionAt(service, 'worth-study')}/suggestion`,
      recordDivision: HOME,
    }),
    'POST /api/v1/cases/:petitionNumber/suggestion/mark-worth-study': suggestionStep(
      'mark-worth-study',
      'received',
      ['clerk', 'supervisor', 'leader'],
      ORGANS.jinjiangOffice,
      { note: '值得研究' },
      true,
    ),
    'POST /api/v1/cases/:petitionNumber/suggestion/assign': suggestionStep(
      'assign',
      'worth-study',
      ['clerk', 'supervisor', 'leader'],
      ORGANS.jinjiangOffice,
      { organId: ORGANS.jinjiangTransport },
      false,
    ),
    'POST /api/v1/cases/:petitionNumber/suggestion/findings': suggestionStep(
      'findings',
      'assigned',
      ['handler', 'leader'],
      ORGANS.jinjiangTransport,
      { findings: '可行' },
      false,
    ),
    'POST /api/v1/cases/:petitionNumber/suggestion/decide': suggestionStep(
      'decide',
      'studied',
      ['handler', 'leader'],
      ORGANS.jinjiangTransport,
      { outcome: 'not-adopted', reason: '条件不具备' },
      true,
    ),

    'GET /api/v1/leader-mailboxes/:mailboxId/queue': mailboxRoute('GET', 'queue'),
    'POST /api/v1/leader-mailboxes/:mailboxId/browsing': mailboxRoute('POST', 'browsing', 201),
    'GET /api/v1/leader-mailboxes/:mailboxId/browsing': mailboxRoute('GET', 'browsing'),
    'GET /api/v1/leader-mailboxes/:mailboxId/figures': mailboxRoute('GET', 'figures'),

    'POST /api/v1/campaigns': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/campaigns',
      allowedStatus: 201,
      callerFor: staffCaller(service),
      payload: {
        title: '积案督查',
        description: '实地督查',
        divisionCode: HOME,
        endsOn: today(),
        participantFields: ['title'],
      },
    }),
    'GET /api/v1/campaigns': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/campaigns',
    }),
    'GET /api/v1/campaigns/:campaignId': campaignRoute('GET', (c) => `/api/v1/campaigns/${c.id}`),
    'POST /api/v1/campaigns/:campaignId/cases/select': campaignRoute(
      'POST',
      (c) => `/api/v1/campaigns/${c.id}/cases/select`,
      () => ({ backlog: true }),
    ),
    'POST /api/v1/campaigns/:campaignId/participants': campaignRoute(
      'POST',
      (c) => `/api/v1/campaigns/${c.id}/participants`,
      () => ({
        accountId: 'deputy-1',
        name: '张代表',
        affiliation: 'deputy',
        organisation: '锦江区人大',
      }),
      201,
    ),
    'POST /api/v1/campaigns/:campaignId/visits': campaignRoute(
      'POST',
      (c) => `/api/v1/campaigns/${c.id}/visits`,
      (c) => ({
        petitionNumber: c.number,
        visitedAt: new Date().toISOString(),
        place: '现场',
        findings: '未整改',
      }),
      201,
    ),
    'POST /api/v1/campaigns/:campaignId/accountability': campaignRoute(
      'POST',
      (c) => `/api/v1/campaigns/${c.id}/accountability`,
      (c) => ({
        petitionNumber: c.number,
        organId: ORGANS.jinjiangHousing,
        kind: 'circular',
        content: '通报',
      }),
      201,
    ),
    'POST /api/v1/campaigns/:campaignId/close': campaignRoute(
      'POST',
      (c) => `/api/v1/campaigns/${c.id}/close`,
      () => ({ summary: '结束' }),
    ),
    'GET /api/v1/campaign-access/campaigns': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/campaign-access/campaigns',
    }),
    'GET /api/v1/campaign-access/campaigns/:campaignId/cases': campaignRoute(
      'GET',
      (c) => `/api/v1/campaign-access/campaigns/${c.id}/cases`,
    ),
    'GET /api/v1/campaign-access/campaigns/:campaignId/cases/:petitionNumber': campaignRoute(
      'GET',
      (c) => `/api/v1/campaign-access/campaigns/${c.id}/cases/${c.number}`,
    ),

    'GET /api/v1/organs': async () => ({ kind: 'http', method: 'GET', url: '/api/v1/organs' }),
    'GET /api/v1/organs/:organId': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/organs/510104-zjj',
      recordDivision: HOME,
    }),
    'POST /api/v1/organs': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/organs',
      allowedStatus: 201,
      payload: {
        name: '成都市锦江区城市管理局',
        kind: 'department',
        divisionCode: HOME,
        parentId: '510104-gov',
      },
    }),
    'POST /api/v1/organs/:organId/rename': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/organs/510104-jyj/rename',
      payload: { name: '成都市锦江区教育局' },
      recordDivision: HOME,
    }),
    'POST /api/v1/organs/:organId/move': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/organs/510104-jyj/move',
      payload: { parentId: '510104-gov' },
      recordDivision: HOME,
    }),
    'POST /api/v1/organs/:organId/deactivate': async (service) => {
      await service.schema.query(
        `INSERT INTO organ (id, name, kind, division_code, parent_id) VALUES ('510104-tmp', '临时机构', 'department', '510104', '510104-gov')`,
      );
      return {
        kind: 'http',
        method: 'POST',
        url: '/api/v1/organs/510104-tmp/deactivate',
        payload: { reason: '撤销' },
        recordDivision: HOME,
      };
    },
  },
);
