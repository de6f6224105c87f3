import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { importPKCS8 } from 'jose';
import {
  complaintSubmittedEvent,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type Role,
} from '@minsheng/contracts';
import { signAccessToken } from '@minsheng/auth';
import { wireNames } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import type { InProcessService } from '@minsheng/service-harness';
import {
  TEST_AUDIENCE,
  TEST_ISSUER,
  backingServices,
  makeResidentIdNumber,
  waitFor,
} from '@minsheng/testing';

/** JSON as the tests read it: whatever shape the response has. */
export type Loose = ReturnType<typeof JSON.parse>;

export interface Staff {
  role: Role | Role[];
  division: string;
  organ?: string | null;
  userId?: string;
}

/** A staff token with an organ claim (the harness's own tokens have none). */
export async function staffToken(service: InProcessService, staff: Staff): Promise<string> {
  const key = await importPKCS8(await readFile(service.keys.privateKeyFile, 'utf8'), 'ES256');
  const roles = Array.isArray(staff.role) ? staff.role : [staff.role];
  return signAccessToken(
    key,
    {
      userId: staff.userId ?? `${roles.join('+')}@${staff.organ ?? staff.division}`,
      roles,
      divisionCode: staff.division,
      ...(staff.organ ? { organId: staff.organ } : {}),
    },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

/** The organs of the demo seed used throughout the tests. */
export const ORGANS = {
  jinjiangOffice: '510104-xfj',
  jinjiangHousing: '510104-zjj',
  jinjiangTransport: '510104-jtj',
  jinjiangLabour: '510104-rsj',
  jinjiangGovernment: '510104-gov',
  chengduGovernment: '510100-gov',
  chengduOffice: '510100-xfj',
  qingyangOffice: '510105-xfj',
  qingyangHousing: '510105-zjj',
} as const;

/** Who acts at each step for a Jinjiang case sent to its housing bureau. */
export const ACTORS = {
  clerk: { role: 'clerk', division: '510104', organ: ORGANS.jinjiangOffice },
  officeHandler: { role: 'handler', division: '510104', organ: ORGANS.jinjiangOffice },
  transportHandler: { role: 'handler', division: '510104', organ: ORGANS.jinjiangTransport },
  handler: { role: 'handler', division: '510104', organ: ORGANS.jinjiangHousing },
  head: { role: 'leader', division: '510104', organ: ORGANS.jinjiangHousing },
  reviewClerk: { role: 'clerk', division: '510104', organ: ORGANS.jinjiangGovernment },
  reviewHandler: { role: 'handler', division: '510104', organ: ORGANS.jinjiangGovernment },
  reexaminationClerk: { role: 'clerk', division: '510100', organ: ORGANS.chengduGovernment },
  reexaminationHandler: { role: 'handler', division: '510100', organ: ORGANS.chengduGovernment },
  supervisor: { role: 'supervisor', division: '510104', organ: ORGANS.jinjiangOffice },
  leader: { role: 'leader', division: '510104', organ: ORGANS.jinjiangGovernment },
  neighbourClerk: { role: 'clerk', division: '510105', organ: ORGANS.qingyangOffice },
} satisfies Record<string, Staff>;

export interface CaseText {
  title: string;
  content: string;
}

/** HTTP calls as a staff member, answering status and body. */
export function api(service: InProcessService) {
  const call = async (
    method: 'GET' | 'POST',
    url: string,
    staff: Staff | null,
    payload?: unknown,
  ) => {
    const response = await service.http.inject({
      method,
      url,
      headers: staff ? { authorization: `Bearer ${await staffToken(service, staff)}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() as Loose };
  };
  return {
    get: (url: string, staff: Staff | null) => call('GET', url, staff),
    post: (url: string, staff: Staff | null, payload: unknown = {}) =>
      call('POST', url, staff, payload),
  };
}

let sequence = 0;

/** A clerk of the Jinjiang petition office registers a letter; answers the petition number. */
export async function registerLetter(
  service: InProcessService,
  options: Partial<CaseText> & { idNumber?: string; division?: string; clerk?: Staff } = {},
): Promise<string> {
  sequence += 1;
  const response = await api(service).post('/api/v1/cases', options.clerk ?? ACTORS.clerk, {
    channel: 'letter',
    kind: 'appeal',
    title: options.title ?? `锦江区某小区电梯故障 ${sequence}`,
    content:
      options.content ??
      `锦江区春熙路街道某小区${sequence}号楼电梯长期故障，物业拒不维修，老人上下楼十分困难，请求督促物业尽快修复。`,
    divisionCode: options.division ?? '510104',
    petitioner: {
      name: '王小明',
      idNumber:
        options.idNumber ?? makeResidentIdNumber('510104', '19800101', 100 + (sequence % 800)),
      phone: '13800001111',
    },
  });
  if (response.status !== 201) {
    throw new Error(`registration failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.petitionNumber as string;
}

/** Step names and who takes them, for walking a case through the workflow in tests. */
export const STEPS = {
  transfer: ['transfer', ACTORS.clerk, { leadOrganId: ORGANS.jinjiangHousing }],
  accept: ['accept', ACTORS.handler, {}],
  requestExtension: [
    'request-extension',
    ACTORS.handler,
    { days: 30, reason: '需要现场勘验并协调多个部门' },
  ],
  approveExtension: ['approve-extension', ACTORS.head, {}],
  reply: [
    'reply',
    ACTORS.handler,
    { opinion: '经调查核实，已责成物业公司于十五日内完成电梯维修。' },
  ],
  conclude: ['conclude', ACTORS.handler, { summary: '电梯已修复' }],
  requestReview: ['request-review', ACTORS.reviewClerk, { reason: '对处理意见不满意' }],
  decideReview: ['decide-review', ACTORS.reviewHandler, { opinion: '维持原处理意见。' }],
  requestReexamination: [
    'request-reexamination',
    ACTORS.reexaminationClerk,
    { reason: '仍不满意' },
  ],
  startHearing: ['start-hearing', ACTORS.reexaminationHandler, {}],
  endHearing: ['end-hearing', ACTORS.reexaminationHandler, {}],
  decideReexamination: [
    'decide-reexamination',
    ACTORS.reexaminationHandler,
    { opinion: '维持复查意见。' },
  ],
} as const satisfies Record<string, readonly [string, Staff, Record<string, unknown>]>;

export type StepName = keyof typeof STEPS;

/** Takes the steps in order, failing loudly on the first that is refused. */
export async function walk(service: InProcessService, petitionNumber: string, steps: StepName[]) {
  let body: Loose = {};
  for (const step of steps) {
    const [action, actor, payload] = STEPS[step];
    const response = await api(service).post(
      `/api/v1/cases/${petitionNumber}/${action}`,
      actor,
      payload,
    );
    if (response.status !== 200) {
      throw new Error(`${step} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    body = response.body;
  }
  return body;
}

/** A complaint as intake publishes it, personal data protected with the service's keys. */
export function complaintEnvelope(
  service: InProcessService,
  data: Partial<EventData<typeof complaintSubmittedEvent>> = {},
  idNumber = makeResidentIdNumber(),
): EventEnvelope<EventData<typeof complaintSubmittedEvent>> {
  const personalData = service.app.get(PersonalData);
  const id = personalData.idNumber(idNumber);
  const phone = personalData.phone('13912345678');
  const divisionCode = data.divisionCode ?? '510104';
  return {
    eventId: randomUUID(),
    type: complaintSubmittedEvent.subject,
    occurredAt: new Date().toISOString(),
    divisionCode,
    correlationId: randomUUID(),
    data: {
      complaintId: randomUUID(),
      trackingCode: 'T0000000TEST',
      kind: 'appeal',
      categoryCode: '0303',
      title: '拖欠工资',
      content: '某公司拖欠农民工工资三个月。',
      divisionCode,
      address: null,
      location: null,
      replyPublicConsent: false,
      attachments: [],
      submittedAt: new Date().toISOString(),
      source: null,
      petitioner: {
        name: '李四',
        idNumberEncrypted: id.encrypted,
        idNumberHash: id.lookupHash,
        phoneEncrypted: phone.encrypted,
        phoneHash: phone.lookupHash,
      },
      ...data,
    },
  };
}

/** Publishes an event into the service's namespace, as its owner would. */
export async function deliver(
  service: InProcessService,
  event: EventDefinition,
  envelope: EventEnvelope,
  msgID: string = envelope.eventId,
): Promise<void> {
  const nc = await connect({ servers: backingServices().natsUrl });
  try {
    await jetstream(nc).publish(
      wireNames.event(service.namespace, event.subject),
      JSON.stringify(envelope),
      {
        msgID,
      },
    );
  } finally {
    await nc.close();
  }
}

/** The petition number of the case registered from a complaint, once it is there. */
export async function caseOfComplaint(
  service: InProcessService,
  complaintId: string,
): Promise<string> {
  const [row] = await waitFor(
    () =>
      service.schema
        .query<{ petition_number: string }>(
          'SELECT petition_number FROM petition_case WHERE source_complaint_id = $1',
          [complaintId],
        )
        .then((rows) => (rows.length ? rows : undefined)),
    { what: `a case for complaint ${complaintId}` },
  );
  return row.petition_number;
}

/** Events of a subject published (recorded in the outbox) for a case, oldest first. */
export async function outboxEvents<T = Loose>(
  service: InProcessService,
  subject: string,
  caseId?: string,
): Promise<Array<EventEnvelope<T>>> {
  const rows = await service.schema.query<{ envelope: EventEnvelope<T> }>(
    `SELECT envelope FROM outbox WHERE subject = $1 ${caseId ? "AND envelope->'data'->>'caseId' = $2" : ''} ORDER BY seq`,
    caseId ? [subject, caseId] : [subject],
  );
  return rows.map((r) => r.envelope);
}
