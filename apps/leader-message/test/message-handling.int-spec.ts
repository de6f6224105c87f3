import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { caseConcludedEvent, caseRegisteredEvent, type EventDefinition } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import type { InProcessService } from '@minsheng/service-harness';
import { backingServices, waitFor } from '@minsheng/testing';
import {
  LeaderMessageKit,
  scheduler,
  standAt,
  startBoardSimulator,
  startService,
  testEnv,
  type BoardSimulator,
  type Json,
  type SimulatedBoard,
} from './support/leader-message-kit.js';

const DIVISION = '510100';

async function deliver(service: InProcessService, event: EventDefinition, data: unknown) {
  const nc = await connect({ servers: backingServices().natsUrl });
  try {
    const eventId = randomUUID();
    await jetstream(nc).publish(
      wireNames.event(service.namespace, event.subject),
      JSON.stringify({
        eventId,
        type: event.subject,
        occurredAt: new Date().toISOString(),
        divisionCode: DIVISION,
        correlationId: randomUUID(),
        data,
      }),
      { msgID: eventId },
    );
  } finally {
    await nc.close();
  }
}

describe('leader-message: handling a leader’s message from the board to the citizen’s rating', () => {
  let simulator: BoardSimulator;
  let service: InProcessService;
  let kit: LeaderMessageKit;
  let board: SimulatedBoard;
  const leaderId = 'leader-chengdu-mayor';

  beforeAll(async () => {
    simulator = await startBoardSimulator();
    service = await startService(testEnv(simulator));
    kit = new LeaderMessageKit(service);
    board = simulator.addBoard({ divisionCode: DIVISION, leaderName: '王市长' });
    await kit.configureBoard(board, leaderId);
  });

  afterAll(async () => {
    await service?.stop();
    await simulator?.close();
  });

  const path = (id: string, suffix = '') => `/api/v1/messages/${id}${suffix}`;

  it('claims, assigns to a lead and a co-organ, gathers both organs’ input, sends the draft back once, approves, publishes to the board and reads the rating back', async () => {
    const postedAt = '2027-03-01T09:00:00+08:00';
    const [posted] = simulator.inject(board.boardId, 1, {
      type: '投诉',
      postedAt,
      contactPhone: '13800138000',
    });
    standAt(service.app, '2027-03-01T10:00:00+08:00');
    await scheduler(service.app).runOnce();
    const id = await kit.messageId(posted.messageId);

    const browsed: Json[] = await kit.ok(
      200,
      'GET',
      `/api/v1/boards/${(await kit.ok(200, 'GET', '/api/v1/boards', { role: 'clerk', division: DIVISION }))[0].id}/new-messages`,
      {
        role: 'leader',
        division: DIVISION,
      },
    );
    expect(browsed.map((m) => m.id)).toEqual([id]);
    expect(browsed[0].contactPhone).toBe('138****8000');

    const claimed = await kit.ok(200, 'POST', path(id, '/claim'), {
      role: 'clerk',
      division: DIVISION,
      payload: {},
    });
    expect(claimed.status).toBe('claimed');
    await scheduler(service.app).runOnce();
    expect(simulator.message(board.boardId, posted.messageId)?.status).toBe('办理中');

    const assigned = await kit.ok(200, 'POST', path(id, '/assignment'), {
      role: 'leader',
      division: DIVISION,
      payload: {
        leadOrgan: { id: 'organ-housing', name: '市住建局' },
        coOrgans: [{ id: 'organ-traffic', name: '市交通运输局' }],
        instructions: '请一周内核实处理。',
      },
    });
    expect(assigned.assignment.coOrgans).toEqual([{ id: 'organ-traffic', name: '市交通运输局' }]);
    expect(assigned.awaitingInputFrom).toEqual(['organ-housing', 'organ-traffic']);

    // 会办: no draft before both organs have given their input; an organ not assigned has no say.
    const lead = { role: 'handler' as const, division: DIVISION, organ: 'organ-housing' };
    const early = await kit.call('POST', path(id, '/drafts'), {
      ...lead,
      payload: { text: '已处理。' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ORGAN_INPUT_MISSING');
    const outsider = await kit.call('POST', path(id, '/organ-inputs'), {
      role: 'handler',
      division: DIVISION,
      organ: 'organ-education',
      payload: { text: '与我局无关。' },
    });
    expect(outsider.statusCode).toBe(409);
    expect(outsider.json().code).toBe('NOT_ASSIGNED_ORGAN');
    const coInput = await kit.ok(201, 'POST', path(id, '/organ-inputs'), {
      role: 'handler',
      division: DIVISION,
      organ: 'organ-traffic',
      payload: { text: '该路段交通标志完好，路面破损属住建部门养护范围。' },
    });
    expect(coInput.awaitingInputFrom).toEqual(['organ-housing']);
    const leadInput = await kit.ok(201, 'POST', path(id, '/organ-inputs'), {
      ...lead,
      payload: { text: '已安排养护单位现场核查。' },
    });
    expect(leadInput.awaitingInputFrom).toEqual([]);
    expect(leadInput.organInputs.map((i: Json) => [i.organId, i.role])).toEqual([
      ['organ-traffic', 'co'],
      ['organ-housing', 'lead'],
    ]);

    const leaky = await kit.call('POST', path(id, '/drafts'), {
      ...lead,
      payload: { text: '已联系留言人 13800138000 核实。' },
    });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().code).toBe('REPLY_CONTAINS_PERSONAL_DATA');

    await kit.ok(201, 'POST', path(id, '/drafts'), { ...lead, payload: { text: '已处理。' } });
    const returned = await kit.ok(200, 'POST', path(id, '/review'), {
      role: 'leader',
      division: DIVISION,
      payload: { decision: 'return', comment: '答复过于简单，请说明处理结果与政策依据。' },
    });
    expect(returned.status).toBe('assigned');

    const finalText =
      '经市住建局现场核查，小区门口道路已于3月5日修复完毕。依据《城市道路管理条例》，后续将定期巡查。';
    await kit.ok(201, 'POST', path(id, '/drafts'), { ...lead, payload: { text: finalText } });
    standAt(service.app, '2027-03-06T10:00:00+08:00');
    const approved = await kit.ok(200, 'POST', path(id, '/review'), {
      role: 'supervisor',
      division: DIVISION,
      payload: { decision: 'approve' },
    });
    expect(approved.status).toBe('approved');
    expect(approved.drafts.map((d: Json) => d.decision)).toEqual(['return', 'approve']);

    await scheduler(service.app).runOnce();
    const onBoard = simulator.message(board.boardId, posted.messageId);
    expect(onBoard?.status).toBe('已回复');
    expect(onBoard?.reply?.text).toBe(finalText);

    simulator.rate(board.boardId, posted.messageId, { attitude: 5, speed: 4 });
    await scheduler(service.app).runOnce();
    const done = await kit.ok(200, 'GET', path(id), { role: 'clerk', division: DIVISION });
    expect(done.status).toBe('published');
    expect(done.publication).toEqual({ text: finalText, at: onBoard?.reply?.publishedAt });
    expect(done.rating).toMatchObject({ attitude: 5, speed: 4 });

    const rates = await kit.ok(200, 'GET', `/api/v1/leader-message-rates?leaderId=${leaderId}`, {
      role: 'analyst',
      division: DIVISION,
    });
    expect(rates.leaders[0]).toMatchObject({
      leaderId,
      claim: { onTime: 1, late: 0, openLate: 0, rate: 1 },
      reply: { onTime: 1, late: 0, openLate: 0, rate: 1 },
      ratings: { count: 1, attitude: 5, speed: 4 },
    });
    expect(rates.organs).toEqual([
      expect.objectContaining({
        organId: 'organ-housing',
        reply: expect.objectContaining({ rate: 1 }),
      }),
    ]);
    const subjects = await service.schema.query<{ subject: string }>(
      `SELECT DISTINCT subject FROM outbox WHERE subject LIKE 'leader-message.message.%'`,
    );
    expect(subjects.map((s) => s.subject).sort()).toEqual(
      expect.arrayContaining([
        'leader-message.message.assigned',
        'leader-message.message.claimed',
        'leader-message.message.rated',
        'leader-message.message.received',
        'leader-message.message.replied',
        'leader-message.message.reply-returned',
      ]),
    );
    // The citizen's number is stored only as ciphertext.
    const plain = await service.schema.query(
      `SELECT id FROM board_message WHERE contact_phone_encrypted LIKE '%13800138000%'`,
    );
    expect(plain).toEqual([]);
  });

  it('extends the reply deadline in two steps: the lead organ asks, the leader’s office decides', async () => {
    const [posted] = simulator.inject(board.boardId, 1, {
      type: '建言',
      postedAt: '2027-04-01T09:00:00+08:00',
    });
    standAt(service.app, '2027-04-01T10:00:00+08:00');
    await scheduler(service.app).runOnce();
    const id = await kit.messageId(posted.messageId);
    const office = { role: 'supervisor' as const, division: DIVISION };
    const lead = { role: 'handler' as const, division: DIVISION, organ: 'organ-planning' };
    await kit.ok(200, 'POST', path(id, '/claim'), {
      role: 'clerk',
      division: DIVISION,
      payload: {},
    });
    const assigned = await kit.ok(200, 'POST', path(id, '/assignment'), {
      ...office,
      payload: { leadOrgan: { id: 'organ-planning', name: '市规划局' } },
    });
    const deadline = assigned.deadlines.reply;

    const nothing = await kit.call('POST', path(id, '/extension-review'), {
      ...office,
      payload: { decision: 'approve' },
    });
    expect([nothing.statusCode, nothing.json().code]).toEqual([409, 'NO_PENDING_EXTENSION']);
    const notLead = await kit.call('POST', path(id, '/extension-requests'), {
      role: 'handler',
      division: DIVISION,
      organ: 'organ-other',
      payload: { days: 5, reason: '需要调研' },
    });
    expect(notLead.json().code).toBe('NOT_LEAD_ORGAN');

    const asked = await kit.ok(201, 'POST', path(id, '/extension-requests'), {
      ...lead,
      payload: { days: 5, reason: '涉及规划调整，需征求多方意见' },
    });
    // Asking is not getting: the deadline stays until the office approves.
    expect(asked.deadlines.reply).toBe(deadline);
    expect(asked.extensionRequests).toEqual([
      expect.objectContaining({
        days: 5,
        decision: null,
        requestedBy: 'user-handler-organ-planning',
      }),
    ]);
    const twice = await kit.call('POST', path(id, '/extension-requests'), {
      ...lead,
      payload: { days: 3, reason: '再延' },
    });
    expect(twice.json().code).toBe('EXTENSION_ALREADY_REQUESTED');

    const rejected = await kit.ok(200, 'POST', path(id, '/extension-review'), {
      ...office,
      payload: { decision: 'reject', comment: '理由不充分，请按期答复。' },
    });
    expect(rejected.deadlines).toMatchObject({ reply: deadline, extensionDays: 0 });

    await kit.ok(201, 'POST', path(id, '/extension-requests'), {
      ...lead,
      payload: { days: 5, reason: '已补充调研计划' },
    });
    const approved = await kit.ok(200, 'POST', path(id, '/extension-review'), {
      role: 'leader',
      division: DIVISION,
      payload: { decision: 'approve' },
    });
    // The suite counts calendar days: five more days.
    expect(Date.parse(approved.deadlines.reply) - Date.parse(deadline)).toBe(5 * 86_400_000);
    expect(approved.deadlines.extensionDays).toBe(5);
    expect(approved.extensionRequests.map((e: Json) => e.decision)).toEqual(['reject', 'approve']);
    const events = await service.schema.query<{ subject: string }>(
      `SELECT subject FROM outbox WHERE envelope->'data'->>'messageId' = $1
          AND subject LIKE 'leader-message.message.ext%' ORDER BY created_at, subject`,
      [id],
    );
    expect(events.map((e) => e.subject)).toEqual([
      'leader-message.message.extension-requested',
      'leader-message.message.extension-requested',
      'leader-message.message.extended',
    ]);
    // A refusal without a reason is bad input.
    const bare = await kit.call('POST', path(id, '/extension-review'), {
      ...office,
      payload: { decision: 'reject' },
    });
    expect(bare.statusCode).toBe(400);
  });

  it('converts a message into a petition case and reflects the case’s conclusion on the message', async () => {
    const [posted] = simulator.inject(board.boardId, 1, { contactPhone: '13900139000' });
    await scheduler(service.app).runOnce();
    const id = await kit.messageId(posted.messageId);
    await kit.ok(200, 'POST', path(id, '/claim'), {
      role: 'clerk',
      division: DIVISION,
      payload: {},
    });
    const converted = await kit.ok(200, 'POST', path(id, '/petition-case'), {
      role: 'clerk',
      division: DIVISION,
    });
    expect(converted.status).toBe('converted');

    const [event] = await service.schema.query<{ envelope: Json }>(
      `SELECT envelope FROM outbox WHERE subject = 'leader-message.message.converted-to-case'`,
    );
    expect(event.envelope.data).toMatchObject({ messageId: id, title: expect.any(String) });
    expect(event.envelope.data.contactPhoneEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(event.envelope)).not.toContain('13900139000');

    // Petition registers the case and, later, concludes it.
    const caseId = randomUUID();
    const petitionNumber = '510100-2027-000777';
    await deliver(service, caseRegisteredEvent, {
      caseId,
      petitionNumber,
      sourceComplaintId: null,
      sourceMessageId: id,
      kind: 'appeal',
      channel: 'online',
      divisionCode: DIVISION,
      registeredAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await kit.ok(200, 'GET', path(id), { role: 'clerk', division: DIVISION })).petitionCase
          ?.petitionNumber === petitionNumber,
      { what: 'the petition number on the message' },
    );
    const at = new Date().toISOString();
    await deliver(
      service,
      caseConcludedEvent,
      caseConcludedEvent.schema.parse({
        caseId,
        petitionNumber,
        sourceComplaintId: null,
        divisionCode: DIVISION,
        status: 'concluded',
        previousStatus: 'replied',
        at,
        actorOrganId: 'organ-housing',
        leadOrganId: 'organ-housing',
        coHandlingOrganIds: [],
        deadlines: {
          routeBy: at,
          acceptBy: at,
          objectBy: null,
          reportBy: null,
          concludeBy: null,
          reviewRequestBy: null,
          reviewDecideBy: null,
          reexaminationRequestBy: null,
          reexaminationDecideBy: null,
        },
        currentDeadline: null,
        notices: [],
        missedDeadlines: [],
        concludedAt: at,
        summary: '已解决，信访人满意。',
      }),
    );
    const concluded = await waitFor(
      async () => {
        const m = await kit.ok(200, 'GET', path(id), { role: 'clerk', division: DIVISION });
        return m.status === 'concluded' ? m : undefined;
      },
      { what: 'the case’s conclusion on the message' },
    );
    expect(concluded.petitionCase).toEqual({
      convertedAt: converted.petitionCase.convertedAt,
      petitionNumber,
      concludedAt: at,
      conclusion: '已解决，信访人满意。',
    });
  });
});

describe('leader-message: the on-time reply rate, the honest way', () => {
  let simulator: BoardSimulator;
  let service: InProcessService;
  let kit: LeaderMessageKit;

  beforeAll(async () => {
    simulator = await startBoardSimulator();
    service = await startService(testEnv(simulator));
    kit = new LeaderMessageKit(service);
  });

  afterAll(async () => {
    await service?.stop();
    await simulator?.close();
  });

  it('counts a message still open past its reply deadline as late', async () => {
    const board = simulator.addBoard({ divisionCode: '510104' });
    const leaderId = 'leader-jinjiang';
    await kit.configureBoard(board, leaderId);
    // Two messages posted long ago (their deadlines have passed) and one posted just now.
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const [answered, forgotten] = simulator.inject(board.boardId, 2, {
      postedAt: old,
      type: '咨询',
    });
    simulator.inject(board.boardId, 1, { type: '咨询' });
    await scheduler(service.app).runOnce();

    // One was claimed and answered on time (the clock stood back then); one was never touched.
    const id = await kit.messageId(answered.messageId);
    standAt(service.app, new Date(Date.parse(old) + 3_600_000));
    const division = '510104';
    await kit.ok(200, 'POST', `/api/v1/messages/${id}/claim`, {
      role: 'clerk',
      division,
      payload: {},
    });
    await kit.ok(200, 'POST', `/api/v1/messages/${id}/assignment`, {
      role: 'clerk',
      division,
      payload: { leadOrgan: { id: 'organ-edu', name: '区教育局' } },
    });
    await kit.ok(201, 'POST', `/api/v1/messages/${id}/drafts`, {
      role: 'handler',
      division,
      payload: { text: '已答复政策咨询。' },
    });
    await kit.ok(200, 'POST', `/api/v1/messages/${id}/review`, {
      role: 'leader',
      division,
      payload: { decision: 'approve' },
    });
    // The board publishes with its own time stamp: make it count as on time by recording it back then.
    await scheduler(service.app).runOnce();
    await service.schema.query(`UPDATE board_message SET published_at = $2 WHERE id = $1`, [
      id,
      new Date(Date.parse(old) + 2 * 3_600_000),
    ]);

    standAt(service.app, new Date());
    await scheduler(service.app).runOnce();
    const rates = await kit.ok(200, 'GET', `/api/v1/leader-message-rates?leaderId=${leaderId}`, {
      role: 'supervisor',
      division,
    });
    expect(rates.leaders).toEqual([
      expect.objectContaining({
        leaderId,
        messages: 3,
        // The fresh message is open but not late: it is not counted yet.
        claim: { onTime: 1, late: 0, openLate: 1, rate: 0.5 },
        reply: { onTime: 1, late: 0, openLate: 1, rate: 0.5 },
      }),
    ]);
    const overdue = await service.schema.query<{ kind: string }>(
      `SELECT envelope->'data'->>'deadlineKind' AS kind FROM outbox
        WHERE subject = 'leader-message.message.overdue' AND envelope->'data'->>'externalId' = $1
        ORDER BY 1`,
      [forgotten.messageId],
    );
    // The forgotten one was reported overdue for its claim and its reply, once each.
    expect(overdue.map((o) => o.kind)).toEqual(['claim', 'reply']);
    // A neighbouring county sees none of it.
    const neighbour = await kit.ok(
      200,
      'GET',
      `/api/v1/leader-message-rates?leaderId=${leaderId}`,
      {
        role: 'supervisor',
        division: '510105',
      },
    );
    expect(neighbour.leaders).toEqual([]);
  });
});
