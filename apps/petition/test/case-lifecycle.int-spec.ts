import { randomUUID } from 'node:crypto';
import { reviewRequestedEvent, type EventEnvelope } from '@minsheng/contracts';
import { AuditSealer, verifyAuditChain } from '@minsheng/audit';
import { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  ORGANS,
  api,
  caseOfComplaint,
  complaintEnvelope,
  deliver,
  outboxEvents,
  type Loose,
} from './support/petition-test-kit.js';
import { complaintSubmittedEvent } from '@minsheng/contracts';

const DAY_MS = 86_400_000;

describe('petition: one case from registration to final', () => {
  let petition: InProcessService;
  let caseId: string;
  let petitionNumber: string;
  const complaint = () =>
    complaintEnvelope(petition, {
      title: '小区电梯长期故障',
      content:
        '锦江区春熙路街道某小区3栋电梯经常故障，上个月困人两次，物业公司一直拖着不修，老人上下楼非常困难。',
    });
  let submitted: ReturnType<typeof complaint>;

  const act = async (
    action: string,
    actor: (typeof ACTORS)[keyof typeof ACTORS],
    payload: unknown = {},
  ) => {
    const response = await api(petition).post(
      `/api/v1/cases/${petitionNumber}/${action}`,
      actor,
      payload,
    );
    expect({ action, status: response.status, code: response.body.code }).toEqual({
      action,
      status: 200,
      code: undefined,
    });
    return response.body;
  };

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { DEADLINE_MODE: 'working-day', SUPERVISION_SCAN_INTERVAL_MS: '0' },
    });
    submitted = complaint();
    await deliver(petition, complaintSubmittedEvent, submitted);
    petitionNumber = await caseOfComplaint(petition, submitted.data.complaintId);
    [{ id: caseId }] = await petition.schema.query<{ id: string }>(
      'SELECT id FROM petition_case WHERE petition_number = $1',
      [petitionNumber],
    );
  });

  afterAll(async () => {
    await petition?.stop();
  });

  it('registers the online complaint with the office of its county, due to be routed in 15 working days', async () => {
    const { body } = await api(petition).get(`/api/v1/cases/${petitionNumber}`, ACTORS.clerk);
    expect(body).toMatchObject({
      status: 'registered',
      channel: 'online',
      categoryCode: '0303',
      registeringOrganId: ORGANS.jinjiangOffice,
      currentDeadline: { kind: 'routeBy' },
    });
    expect(body.currentDeadline.dueAt).toBe(body.deadlines.routeBy);
    expect(body.timeline.map((e: { action: string }) => e.action)).toEqual(['registered']);
  });

  it('carries the case through transfer, objection, re-routing, acceptance, extension, reply, review and re-examination to final', async () => {
    let body = await act('transfer', ACTORS.clerk, { leadOrganId: ORGANS.jinjiangTransport });
    expect(body).toMatchObject({ status: 'transferred', leadOrganId: ORGANS.jinjiangTransport });

    body = await act('object', ACTORS.transportHandler, { reason: '电梯维修监管不属于本局职责' });
    expect(body).toMatchObject({ status: 'returned', leadOrganId: null });
    expect(body.objections).toEqual([
      expect.objectContaining({
        organId: ORGANS.jinjiangTransport,
        reason: '电梯维修监管不属于本局职责',
      }),
    ]);

    body = await act('transfer', ACTORS.clerk, {
      leadOrganId: ORGANS.jinjiangHousing,
      coHandlingOrganIds: [ORGANS.jinjiangLabour],
    });
    expect(body).toMatchObject({
      status: 'transferred',
      leadOrganId: ORGANS.jinjiangHousing,
      coHandlingOrganIds: [ORGANS.jinjiangLabour],
    });

    body = await act('accept', ACTORS.handler);
    expect(body.status).toBe('accepted');
    const concludeBefore = Date.parse(body.deadlines.concludeBy);

    body = await act('request-extension', ACTORS.handler, {
      days: 30,
      reason: '需会同市场监管部门对电梯进行安全检测',
    });
    expect(body.status).toBe('extension-requested');
    body = await act('approve-extension', ACTORS.head, { comment: '同意延期' });
    expect(body.status).toBe('accepted');
    expect(body.extension).toMatchObject({ days: 30 });
    // 30 more working days: at least six weeks later.
    expect(Date.parse(body.deadlines.concludeBy) - concludeBefore).toBeGreaterThanOrEqual(
      41 * DAY_MS,
    );

    body = await act('reply', ACTORS.handler, {
      opinion:
        '经现场核查，电梯曳引机老化。已责令物业公司于十五日内更换曳引机并经检测合格后恢复运行。',
    });
    expect(body.status).toBe('replied');
    body = await act('conclude', ACTORS.handler, { summary: '电梯已更换曳引机并检测合格' });
    expect(body.status).toBe('concluded');

    // The petitioner asks for review through intake; it goes to the organ above the housing bureau.
    const request: EventEnvelope = {
      eventId: randomUUID(),
      type: reviewRequestedEvent.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: {
        reviewRequestId: randomUUID(),
        complaintId: submitted.data.complaintId,
        trackingCode: submitted.data.trackingCode,
        petitionNumber,
        divisionCode: '510104',
        reason: '电梯修好后仍然经常停运',
        repliedAt: body.repliedAt,
        requestedAt: new Date().toISOString(),
      },
    };
    await deliver(petition, reviewRequestedEvent, request);
    body = await waitFor(
      async () => {
        const { body: view } = await api(petition).get(
          `/api/v1/cases/${petitionNumber}`,
          ACTORS.clerk,
        );
        return view.status === 'under-review' ? view : undefined;
      },
      { what: 'the review request from intake' },
    );
    expect(body.reviewOrganId).toBe(ORGANS.jinjiangGovernment);

    body = await act('decide-review', ACTORS.reviewHandler, {
      opinion: '经复查，原处理意见认定事实清楚，予以维持。',
    });
    expect(body.status).toBe('reviewed');

    body = await act('request-reexamination', ACTORS.reexaminationClerk, {
      reason: '不服复查意见',
    });
    expect(body).toMatchObject({
      status: 'under-reexamination',
      reexaminationOrganId: ORGANS.chengduGovernment,
    });
    const decideBy = body.deadlines.reexaminationDecideBy;

    body = await act('start-hearing', ACTORS.reexaminationHandler, { note: '召开听证会' });
    expect(body).toMatchObject({ status: 'hearing', currentDeadline: null });
    body = await act('end-hearing', ACTORS.reexaminationHandler, { summary: '听证结束' });
    expect(body.status).toBe('under-reexamination');
    expect(body.hearingPauses).toHaveLength(1);
    // The hearing's day counts not (when it fell on a working day, the deadline moves by one).
    expect(Date.parse(body.deadlines.reexaminationDecideBy)).toBeGreaterThanOrEqual(
      Date.parse(decideBy),
    );

    body = await act('decide-reexamination', ACTORS.reexaminationHandler, {
      opinion: '经复核，维持复查意见。',
    });
    expect(body).toMatchObject({ status: 'final', currentDeadline: null, allowedActions: [] });
  });

  it('publishes one event per step, in order, through the outbox', async () => {
    const subjects = (
      await petition.schema.query<{ subject: string }>(
        `SELECT subject FROM outbox WHERE envelope->'data'->>'caseId' = $1 ORDER BY seq`,
        [caseId],
      )
    ).map((r) => r.subject);
    expect(subjects).toEqual([
      'petition.case.registered',
      'petition.case.transferred',
      'petition.case.objected',
      'petition.case.transferred',
      'petition.case.accepted',
      'petition.case.extension-requested',
      'petition.case.extended',
      'petition.case.replied',
      'petition.case.concluded',
      'petition.case.review-requested',
      'petition.case.reviewed',
      'petition.case.reexamination-requested',
      'petition.case.hearing-started',
      'petition.case.hearing-ended',
      'petition.case.reexamined',
    ]);
    const [replied] = await outboxEvents(petition, 'petition.case.replied', caseId);
    expect(replied.data).toMatchObject({
      petitionNumber,
      sourceComplaintId: submitted.data.complaintId,
      status: 'replied',
      previousStatus: 'accepted',
      divisionCode: '510104',
      leadOrganId: ORGANS.jinjiangHousing,
      summary: expect.stringContaining('曳引机'),
      currentDeadline: { kind: 'concludeBy' },
    });
    expect(replied.data.deadlines.reviewRequestBy).toEqual(expect.any(String));
    // The relay has published them all to JetStream.
    await waitFor(
      async () =>
        (await petition.schema.count(
          'outbox',
          "published_at IS NULL AND envelope->'data'->>'caseId' = $1",
          [caseId],
        )) === 0,
      { what: 'the outbox to drain' },
    );
  });

  it('issues the written notices at the steps that require them, naming the petitioner masked', async () => {
    const { body } = await api(petition).get(`/api/v1/cases/${petitionNumber}`, ACTORS.clerk);
    expect(body.notices.map((n: { type: string }) => n.type)).toEqual([
      'routing',
      'routing',
      'acceptance',
      'extension',
      'handling-opinion',
      'review-opinion',
      'reexamination-opinion',
    ]);
    const text = (type: string) =>
      body.notices.find((n: { type: string }) => n.type === type).text as string;
    expect(text('acceptance')).toMatch(/^受理告知书\n\n李\*：/);
    expect(text('acceptance')).toContain(petitionNumber);
    expect(text('acceptance')).toContain('成都市锦江区住房和城乡建设局');
    expect(text('extension')).toContain('延长30日');
    expect(text('extension')).toContain('需会同市场监管部门对电梯进行安全检测');
    expect(text('handling-opinion')).toContain('更换曳引机');
    expect(text('handling-opinion')).toContain('三十日内');
    expect(text('reexamination-opinion')).toContain('不再受理');
    for (const notice of body.notices) expect(notice.text).not.toContain('李四');

    const [accepted] = await outboxEvents(petition, 'petition.case.accepted', caseId);
    expect(accepted.data.notices).toEqual([
      expect.objectContaining({
        type: 'acceptance',
        title: '受理告知书',
        text: text('acceptance'),
      }),
    ]);
  });

  it('records every change in the audit trail with its before and after status, and the sealed chain verifies', async () => {
    const records = await petition.schema.query<{ action: string; details: Loose }>(
      `SELECT action, details FROM audit_record WHERE target_id = $1 AND action LIKE 'case.%' AND action <> 'case.viewed' ORDER BY seq`,
      [caseId],
    );
    expect(records.map((r) => r.action)).toEqual([
      'case.registered',
      'case.transfer',
      'case.object',
      'case.transfer',
      'case.accept',
      'case.request-extension',
      'case.approve-extension',
      'case.reply',
      'case.conclude',
      'case.request-review',
      'case.decide-review',
      'case.request-reexamination',
      'case.start-hearing',
      'case.end-hearing',
      'case.decide-reexamination',
    ]);
    expect(records[4].details).toMatchObject({
      before: { status: 'transferred' },
      after: { status: 'accepted' },
    });

    const sealer = petition.app.get(AuditSealer);
    while ((await sealer.sealOnce()) > 0);
    const query = (sql: string, params?: unknown[]) => petition.schema.query(sql, params);
    const intact = await verifyAuditChain(query, petition.schema.name);
    expect(intact.problems).toEqual([]);
    expect(intact.verified).toBeGreaterThanOrEqual(records.length);

    // Someone with database rights alters one record behind the application's back.
    const [target] = await petition.schema.query<{ seq: string }>(
      `SELECT seq FROM audit_record WHERE target_id = $1 AND action = 'case.accept'`,
      [caseId],
    );
    await petition.schema.query(
      `ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only`,
    );
    await petition.schema.query(
      `UPDATE audit_record SET details = jsonb_set(details, '{after,status}', '"declined"') WHERE seq = $1`,
      [target.seq],
    );
    await petition.schema.query(`ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only`);
    const broken = await verifyAuditChain(query, petition.schema.name);
    expect(broken.problems).toEqual([
      expect.objectContaining({ seq: target.seq, reason: expect.stringContaining('altered') }),
    ]);
  });
});
