import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { ACTORS, ORGANS, api, registerLetter, walk } from './support/petition-test-kit.js';

describe('petition: the workflow refuses what the rules do not allow', () => {
  let petition: InProcessService;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { SUPERVISION_SCAN_INTERVAL_MS: '0' },
    });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  const post = (
    petitionNumber: string,
    action: string,
    actor: Parameters<ReturnType<typeof api>['post']>[1],
    payload: unknown = {},
  ) => api(petition).post(`/api/v1/cases/${petitionNumber}/${action}`, actor, payload);

  const statusOf = async (petitionNumber: string) =>
    (await api(petition).get(`/api/v1/cases/${petitionNumber}`, ACTORS.clerk)).body.status;

  it('answers 409 ILLEGAL_TRANSITION for an action its status does not allow, and changes nothing', async () => {
    const number = await registerLetter(petition);
    const response = await post(number, 'conclude', ACTORS.officeHandler);
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: expect.stringContaining('不能办结'),
    });
    expect(await statusOf(number)).toBe('registered');
  });

  it('answers 403 NOT_PERMITTED to a handler of another organ, and 403 FORBIDDEN to a role the step is not for', async () => {
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    const otherOrgan = await post(number, 'accept', ACTORS.transportHandler);
    expect(otherOrgan.status).toBe(403);
    expect(otherOrgan.body.code).toBe('NOT_PERMITTED');
    const clerk = await post(number, 'accept', ACTORS.clerk);
    expect(clerk.status).toBe(403);
    expect(clerk.body.code).toBe('FORBIDDEN');
    expect(await statusOf(number)).toBe('transferred');
  });

  it('answers 404 to staff of a neighbouring county, whatever the action', async () => {
    const number = await registerLetter(petition);
    const response = await post(number, 'transfer', ACTORS.neighbourClerk, {
      leadOrganId: ORGANS.qingyangHousing,
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('NOT_FOUND');
  });

  it('grants the extension once only, and never for more than 30 days', async () => {
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer', 'accept']);
    const tooLong = await post(number, 'request-extension', ACTORS.handler, {
      days: 31,
      reason: '情况复杂',
    });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.code).toBe('EXTENSION_TOO_LONG');
    await walk(petition, number, ['requestExtension', 'approveExtension']);
    const again = await post(number, 'request-extension', ACTORS.handler, {
      days: 10,
      reason: '仍需时间',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EXTENSION_ALREADY_USED');
  });

  it('refuses an objection after the five working days with DEADLINE_PASSED', async () => {
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    await petition.schema.query(
      `UPDATE petition_case SET deadlines = jsonb_set(deadlines, '{objectBy}', '"2020-01-01T15:59:59.999Z"')
        WHERE petition_number = $1`,
      [number],
    );
    const response = await post(number, 'object', ACTORS.handler, { reason: '不属于本局职责' });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      code: 'DEADLINE_PASSED',
      message: expect.stringContaining('5个工作日'),
    });
  });

  it('does not accept again a matter whose same facts were finally decided (终结)', async () => {
    const final = await registerLetter(petition);
    await walk(petition, final, [
      'transfer',
      'accept',
      'reply',
      'requestReview',
      'decideReview',
      'requestReexamination',
      'decideReexamination',
    ]);
    expect(await statusOf(final)).toBe('final');
    const again = await registerLetter(petition);
    const linked = await post(again, 'link-final-case', ACTORS.clerk, {
      finalPetitionNumber: final,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.sameFactsAsFinalCaseId).toEqual(expect.any(String));
    const refused = await post(again, 'accept', ACTORS.officeHandler);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('NOT_ACCEPTED_AGAIN');
  });

  it('answers 400 to bad input: missing fields, a blank reason, an unknown or deactivated organ', async () => {
    const number = await registerLetter(petition);
    const missing = await post(number, 'transfer', ACTORS.clerk, {});
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('VALIDATION_FAILED');
    const unknown = await post(number, 'transfer', ACTORS.clerk, { leadOrganId: '510104-nosuch' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('UNKNOWN_ORGAN');
    const malformed = await post(number, 'transfer', ACTORS.clerk, { leadOrganId: 'housing' });
    expect(malformed.status).toBe(400);
    await petition.schema.query(`UPDATE organ SET active = false WHERE id = '510104-jyj'`);
    const inactive = await post(number, 'transfer', ACTORS.clerk, { leadOrganId: '510104-jyj' });
    expect(inactive.status).toBe(400);
    expect(inactive.body.code).toBe('ORGAN_INACTIVE');
    await walk(petition, number, ['transfer']);
    const blank = await post(number, 'object', ACTORS.handler, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(await statusOf(number)).toBe('transferred');
  });

  it('serialises concurrent actions on one case: one acceptance wins, the other is refused', async () => {
    const number = await registerLetter(petition);
    await walk(petition, number, ['transfer']);
    const results = await Promise.all([
      post(number, 'accept', ACTORS.handler),
      post(number, 'accept', ACTORS.handler),
      post(number, 'decline', ACTORS.handler, { reason: '不属于信访事项' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.code === 'ILLEGAL_TRANSITION'),
    ).toBe(true);
    const [{ n }] = await petition.schema.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE subject IN ('petition.case.accepted', 'petition.case.declined')
         AND envelope->'data'->>'petitionNumber' = $1`,
      [number],
    );
    expect(n).toBe(1);
  });

  it('records refused attempts in the audit trail: denied when not permitted, failure when illegal', async () => {
    const number = await registerLetter(petition);
    const denied = { ...ACTORS.transportHandler, userId: 'probe-denied' };
    const failing = { ...ACTORS.officeHandler, userId: 'probe-failure' };
    await walk(petition, number, ['transfer']);
    await post(number, 'accept', denied);
    await post(number, 'reply', failing, { opinion: '答复' });
    const rows = await petition.schema.query<{
      actor_id: string;
      outcome: string;
      details: { code: string };
    }>(
      `SELECT actor_id, outcome, details FROM audit_record WHERE actor_id IN ('probe-denied', 'probe-failure') ORDER BY seq`,
    );
    expect(rows.map((r) => [r.actor_id, r.outcome, r.details.code])).toEqual([
      ['probe-denied', 'denied', 'NOT_PERMITTED'],
      ['probe-failure', 'failure', 'ILLEGAL_TRANSITION'],
    ]);
  });

  it('lets an assigned case be routed out to litigation by its lead organ, with the notice for it', async () => {
    const number = await registerLetter(petition);
    const assigned = await post(number, 'assign', ACTORS.clerk, {
      leadOrganId: ORGANS.jinjiangHousing,
      reportWithinDays: 20,
    });
    expect(assigned.body).toMatchObject({
      status: 'assigned',
      routing: 'assign',
      reportWithinDays: 20,
    });
    expect(assigned.body.deadlines.reportBy).toEqual(expect.any(String));
    const routed = await post(number, 'route-to-litigation', ACTORS.handler, {
      legalRoute: 'litigation',
      reason: '属于房屋买卖合同纠纷，应当通过民事诉讼解决',
    });
    expect(routed.body).toMatchObject({ status: 'routed-to-litigation', legalRoute: 'litigation' });
    expect(routed.body.notices.at(-1)).toMatchObject({
      type: 'legal-route',
      text: expect.stringContaining('诉讼途径'),
    });
  });
});
