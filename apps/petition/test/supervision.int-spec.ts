import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { SupervisionScanner } from '../src/supervision/supervision-scanner.js';
import {
  ACTORS,
  ORGANS,
  api,
  outboxEvents,
  registerLetter,
  walk,
} from './support/petition-test-kit.js';

const DAY_MS = 86_400_000;

describe('petition: supervision (督办)', () => {
  let petition: InProcessService;
  let scanner: SupervisionScanner;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        DEADLINE_MODE: 'calendar-day',
        SUPERVISION_SCAN_INTERVAL_MS: '0',
        SUPERVISION_WARNING_DAYS: '3',
        BACKLOG_THRESHOLD_DAYS: '90',
      },
    });
    scanner = petition.app.get(SupervisionScanner);
  });

  afterAll(async () => {
    await petition?.stop();
  });

  const caseRow = async (number: string) =>
    (
      await petition.schema.query<{
        id: string;
        next_deadline_at: Date;
        next_deadline_kind: string;
      }>(
        `SELECT id, next_deadline_at, next_deadline_kind FROM petition_case WHERE petition_number = $1`,
        [number],
      )
    )[0];

  /** Moves every case of the suite out of the scan's way, so each test sees only its own. */
  const quiet = () =>
    petition.schema.query(
      `UPDATE petition_case SET next_alert_at = NULL, backlog_flagged_at = now()`,
    );

  it('warns once when the current deadline comes within 3 days, and reports it overdue once when it passes', async () => {
    await quiet();
    const number = await registerLetter(petition);
    const { id, next_deadline_at: due, next_deadline_kind: kind } = await caseRow(number);
    expect(kind).toBe('routeBy');

    const early = await scanner.scanOnce(new Date(due.getTime() - 4 * DAY_MS));
    expect(early.deadlineApproaching).toBe(0);
    const warning = await scanner.scanOnce(new Date(due.getTime() - 2 * DAY_MS));
    expect(warning.deadlineApproaching).toBe(1);
    expect((await scanner.scanOnce(new Date(due.getTime() - DAY_MS))).deadlineApproaching).toBe(0);
    const overdue = await scanner.scanOnce(new Date(due.getTime() + DAY_MS));
    expect(overdue.overdue).toBe(1);
    expect((await scanner.scanOnce(new Date(due.getTime() + 2 * DAY_MS))).overdue).toBe(0);

    const [approaching] = await outboxEvents(petition, 'petition.case.deadline-approaching', id);
    expect(approaching.data).toMatchObject({
      petitionNumber: number,
      deadlineKind: 'routeBy',
      deadlineLabel: '转送交办期限',
      dueAt: due.toISOString(),
      actingOrganId: ORGANS.jinjiangOffice,
      warningDays: 3,
    });
    expect(await outboxEvents(petition, 'petition.case.overdue', id)).toHaveLength(1);
  });

  it('watches the new deadline after the case moves on, and a case in a hearing not at all', async () => {
    await quiet();
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    const { id, next_deadline_at: due, next_deadline_kind: kind } = await caseRow(number);
    expect(kind).toBe('acceptBy');
    expect((await scanner.scanOnce(new Date(due.getTime() - DAY_MS))).deadlineApproaching).toBe(1);
    const [event] = await outboxEvents(petition, 'petition.case.deadline-approaching', id);
    expect(event.data).toMatchObject({
      deadlineKind: 'acceptBy',
      actingOrganId: ORGANS.jinjiangHousing,
    });

    const heard = await registerLetter(petition);
    await walk(petition, heard, [
      'transfer',
      'accept',
      'reply',
      'requestReview',
      'decideReview',
      'requestReexamination',
      'startHearing',
    ]);
    const row = await caseRow(heard);
    expect(row.next_deadline_at).toBeNull();
    await scanner.scanOnce(new Date(Date.now() + 365 * DAY_MS));
    expect(await outboxEvents(petition, 'petition.case.overdue', row.id)).toHaveLength(0);
  });

  it('reports each due case exactly once when two scanners run at the same moment', async () => {
    await quiet();
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) numbers.push(await registerLetter(petition));
    const at = new Date(Date.now() + 100 * DAY_MS);
    const [a, b] = await Promise.all([scanner.scanOnce(at), scanner.scanOnce(at)]);
    expect(a.overdue + b.overdue).toBe(12);
    const ids = await petition.schema.query<{ id: string }>(
      `SELECT id FROM petition_case WHERE petition_number = ANY($1)`,
      [numbers],
    );
    const [{ n }] = await petition.schema.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE subject = 'petition.case.overdue' AND envelope->'data'->>'caseId' = ANY($1)`,
      [ids.map((r) => r.id)],
    );
    expect(n).toBe(12);
  });

  it('flags a case still open after the backlog threshold as a backlog case (积案), once', async () => {
    await quiet();
    const number = await registerLetter(petition);
    await petition.schema.query(
      `UPDATE petition_case SET registered_at = now() - interval '91 days', backlog_flagged_at = NULL WHERE petition_number = $1`,
      [number],
    );
    expect((await scanner.scanOnce()).backlogFlagged).toBe(1);
    expect((await scanner.scanOnce()).backlogFlagged).toBe(0);
    const { body } = await api(petition).get(`/api/v1/cases/${number}`, ACTORS.clerk);
    expect(body.backlogFlaggedAt).toEqual(expect.any(String));
    expect(body.timeline.at(-1)).toMatchObject({ action: 'backlog-flagged', label: '列为积案' });
    const list = await api(petition).get('/api/v1/cases?limit=100', ACTORS.clerk);
    expect(
      list.body.items.find((i: { petitionNumber: string }) => i.petitionNumber === number).backlog,
    ).toBe(true);
  });

  it('lets a supervisor issue a supervision order that only the supervised organ answers, and escalate it once', async () => {
    await quiet();
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer', 'accept']);
    const issued = await api(petition).post(
      `/api/v1/cases/${number}/supervision-orders`,
      ACTORS.supervisor,
      {
        content: '请于五日内报告办理进展',
        replyWithinDays: 5,
      },
    );
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      orderNumber: `${number}-DB01`,
      organId: ORGANS.jinjiangHousing,
      status: 'open',
      overdue: false,
    });
    const orderId = issued.body.id as string;

    const wrongOrgan = await api(petition).post(
      `/api/v1/supervision-orders/${orderId}/reply`,
      ACTORS.transportHandler,
      {
        content: '已办理',
      },
    );
    expect(wrongOrgan.status).toBe(403);
    expect(wrongOrgan.body.code).toBe('NOT_PERMITTED');

    const escalated = await api(petition).post(
      `/api/v1/supervision-orders/${orderId}/escalate`,
      ACTORS.supervisor,
      {
        reason: '群众反映强烈，挂牌督办',
      },
    );
    expect(escalated.body.escalatedAt).toEqual(expect.any(String));
    const twice = await api(petition).post(
      `/api/v1/supervision-orders/${orderId}/escalate`,
      ACTORS.supervisor,
      {
        reason: '再次挂牌',
      },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_ESCALATED');

    const replied = await api(petition).post(
      `/api/v1/supervision-orders/${orderId}/reply`,
      ACTORS.handler,
      {
        content: '已约谈物业公司，电梯将于本周内修复',
      },
    );
    expect(replied.body).toMatchObject({
      status: 'replied',
      reply: '已约谈物业公司，电梯将于本周内修复',
    });
    const again = await api(petition).post(
      `/api/v1/supervision-orders/${orderId}/reply`,
      ACTORS.handler,
      {
        content: '补充',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CLOSED');

    const mine = await api(petition).get('/api/v1/supervision-orders?view=mine', ACTORS.handler);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toContain(orderId);
    const subjects = (
      await petition.schema.query<{ subject: string }>(
        `SELECT subject FROM outbox WHERE envelope->'data'->>'orderId' = $1 ORDER BY seq`,
        [orderId],
      )
    ).map((r) => r.subject);
    expect(subjects).toEqual([
      'petition.supervision-order.issued',
      'petition.supervision-order.escalated',
      'petition.supervision-order.replied',
    ]);
  });

  it('reports an order and an instruction not answered in time as overdue, once each', async () => {
    await quiet();
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    const order = await api(petition).post(
      `/api/v1/cases/${number}/supervision-orders`,
      ACTORS.supervisor,
      {
        content: '请报告受理情况',
        replyWithinDays: 2,
      },
    );
    const instruction = await api(petition).post(
      `/api/v1/cases/${number}/instructions`,
      ACTORS.leader,
      {
        text: '请住建局牵头，尽快解决群众电梯问题',
        assigneeOrganId: ORGANS.jinjiangHousing,
        dueWithinDays: 7,
      },
    );
    expect(instruction.status).toBe(201);
    const later = new Date(Date.now() + 10 * DAY_MS);
    const report = await scanner.scanOnce(later);
    expect(report).toMatchObject({ ordersOverdue: 1, instructionsOverdue: 1 });
    expect(await scanner.scanOnce(later)).toMatchObject({
      ordersOverdue: 0,
      instructionsOverdue: 0,
    });
    expect(
      await petition.schema.count(
        'outbox',
        "subject = 'petition.supervision-order.overdue' AND envelope->'data'->>'orderId' = $1",
        [order.body.id],
      ),
    ).toBe(1);

    const done = await api(petition).post(
      `/api/v1/instructions/${instruction.body.id}/complete`,
      ACTORS.handler,
      {
        result: '已督促物业完成维修',
      },
    );
    expect(done.body).toMatchObject({ status: 'completed', result: '已督促物业完成维修' });
  });

  it('keeps interviews and circulars with the case, and shows all supervision on it', async () => {
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    const interview = await api(petition).post(
      `/api/v1/cases/${number}/interviews`,
      ACTORS.supervisor,
      {
        organId: ORGANS.jinjiangHousing,
        interviewee: '住建局分管副局长',
        content: '就电梯问题久拖不决进行约谈',
        heldAt: new Date().toISOString(),
      },
    );
    expect(interview.status).toBe(201);
    const circular = await api(petition).post(
      `/api/v1/cases/${number}/circulars`,
      ACTORS.supervisor,
      {
        organId: ORGANS.jinjiangHousing,
        content: '通报：住建局办理该事项超期',
      },
    );
    expect(circular.status).toBe(201);
    const view = await api(petition).get(`/api/v1/cases/${number}/supervision`, ACTORS.handler);
    expect(view.body.records.map((r: { kind: string }) => r.kind)).toEqual([
      'interview',
      'circular',
    ]);
    const neighbour = await api(petition).get(
      `/api/v1/cases/${number}/supervision`,
      ACTORS.neighbourClerk,
    );
    expect(neighbour.status).toBe(404);
    const detail = await api(petition).get(`/api/v1/cases/${number}`, ACTORS.clerk);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['interview', 'circular']),
    );
  });
});
