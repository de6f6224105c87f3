import type { EventEnvelope } from '@minsheng/contracts';
import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

/** The province instance, with Chengdu (510100) running its own instance. */
describe('complaint intake: leaders’ mailboxes (领导信箱)', () => {
  let intake: InProcessService;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { INSTANCE_DIVISION: '510000', CHILD_INSTANCES: '510100', RATE_LIMITS_ENABLED: 'false' },
    });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  const send = (mailboxId: string, body: unknown) =>
    intake.http.inject({
      method: 'POST',
      url: `/api/v1/leader-mailboxes/${mailboxId}/complaints`,
      headers: { 'content-type': 'application/json' },
      payload: body as object,
    });

  const admin = async (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    division = '510000',
  ) =>
    intake.http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await intake.keys.token('system-admin', division)}` },
      payload,
    });

  const submittedEvent = async (trackingCode: string) => {
    const [row] = await intake.schema.query<{ envelope: EventEnvelope<Record<string, unknown>> }>(
      `SELECT envelope FROM outbox WHERE subject = 'complaint-intake.complaint.submitted'
         AND envelope->'data'->>'trackingCode' = $1`,
      [trackingCode],
    );
    return row?.envelope.data;
  };

  it('lists the mailboxes of this instance’s own leaders, not a child instance’s', async () => {
    const response = await intake.http.inject({ method: 'GET', url: '/api/v1/leader-mailboxes' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ id: string; title: string }>;
    expect(items.map((m) => m.id)).toEqual(['510000-party-secretary', '510000-government-head']);
    expect(items[0]).toEqual({
      id: '510000-party-secretary',
      divisionCode: '510000',
      divisionName: '四川省',
      post: 'party-secretary',
      title: '四川省委书记信箱',
      leaderName: null,
    });
  });

  it('registers a matter addressed to the provincial party secretary here, with the addressee, even where a child instance runs the locality', async () => {
    const body = complaintBody({ divisionCode: '510104', kind: 'appeal' });
    const response = await send('510000-party-secretary', body);
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('submitted');
    const { trackingCode } = response.json();

    const [row] = await intake.schema.query<{ channel: string; addressee: object; status: string }>(
      'SELECT channel, addressee, status FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    expect(row).toEqual({
      channel: 'leader-mailbox',
      status: 'submitted',
      addressee: {
        mailboxId: '510000-party-secretary',
        divisionCode: '510000',
        post: 'party-secretary',
        title: '四川省委书记信箱',
        leaderName: null,
        teamOrganId: '510000-xfj',
      },
    });
    expect(await submittedEvent(trackingCode)).toMatchObject({
      channel: 'leader-mailbox',
      addressee: { mailboxId: '510000-party-secretary', teamOrganId: '510000-xfj' },
      divisionCode: '510104',
    });
  });

  it('leaves an ordinary complaint of the same locality to the child instance, with no addressee', async () => {
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({ divisionCode: '510104' }),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().status).toBe('awaiting-exchange');
    const [row] = await intake.schema.query<{ channel: string; addressee: unknown }>(
      'SELECT channel, addressee FROM complaint WHERE tracking_code = $1',
      [response.json().trackingCode],
    );
    expect(row).toEqual({ channel: 'online', addressee: null });
  });

  it('refuses an unknown or a child instance’s mailbox, and a matter outside the leader’s division, storing nothing', async () => {
    const before = await intake.schema.count('complaint');
    const unknown = await send('510000-nobody', complaintBody());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    const child = await send('510100-party-secretary', complaintBody());
    expect(child.statusCode).toBe(404);

    // Guangdong is outside Sichuan's provincial leaders' division.
    const outside = await send('510000-party-secretary', complaintBody({ divisionCode: '440106' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json()).toMatchObject({
      code: 'OUTSIDE_MAILBOX_DIVISION',
      fields: [{ path: 'divisionCode', code: 'OUTSIDE_MAILBOX_DIVISION' }],
    });
    const invalid = await send('510000-party-secretary', { ...complaintBody(), kind: 'praise' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('VALIDATION_FAILED');
    expect(await intake.schema.count('complaint')).toBe(before);
  });

  it('lets the system administrator name the leader, change the team and close a mailbox (audited)', async () => {
    const created = await admin('POST', '/api/v1/leader-mailboxes', {
      id: '510000-deputy-test',
      divisionCode: '510000',
      post: 'government-head',
      title: '四川省常务副省长信箱',
      leaderName: '某某',
      teamOrganId: '510000-gov',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: '510000-deputy-test', active: true });

    const taken = await admin('POST', '/api/v1/leader-mailboxes', {
      id: '510000-deputy-test',
      divisionCode: '510000',
      post: 'government-head',
      title: '重复',
      teamOrganId: '510000-gov',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('MAILBOX_ID_TAKEN');

    const childsOwn = await admin('POST', '/api/v1/leader-mailboxes', {
      id: '510100-mayor-test',
      divisionCode: '510100',
      post: 'government-head',
      title: '成都市市长信箱',
      teamOrganId: '510100-xfj',
    });
    expect(childsOwn.statusCode).toBe(400);
    expect(childsOwn.json().code).toBe('MAILBOX_NOT_HERE');

    const emptyPatch = await admin('PATCH', '/api/v1/leader-mailboxes/510000-deputy-test', {});
    expect(emptyPatch.statusCode).toBe(400);
    const neighbour = await admin(
      'PATCH',
      '/api/v1/leader-mailboxes/510000-deputy-test',
      { active: false },
      '510104',
    );
    expect(neighbour.statusCode).toBe(404);

    const closed = await admin('PATCH', '/api/v1/leader-mailboxes/510000-deputy-test', {
      active: false,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().active).toBe(false);
    expect((await send('510000-deputy-test', complaintBody())).statusCode).toBe(404);
    // The public list drops it; the administrator's list keeps it, closed, with its team.
    const publicIds = (await intake.http.inject({ method: 'GET', url: '/api/v1/leader-mailboxes' }))
      .json()
      .items.map((m: { id: string }) => m.id);
    expect(publicIds).not.toContain('510000-deputy-test');
    const configured = await admin('GET', '/api/v1/leader-mailboxes/configured');
    expect(configured.statusCode).toBe(200);
    expect(
      configured.json().items.find((m: { id: string }) => m.id === '510000-deputy-test'),
    ).toMatchObject({ active: false, teamOrganId: '510000-gov', leaderName: '某某' });
    const countyAdmin = await admin(
      'GET',
      '/api/v1/leader-mailboxes/configured',
      undefined,
      '510104',
    );
    expect(
      countyAdmin.json().items.map((m: { divisionCode: string }) => m.divisionCode),
    ).not.toContain('510000');
    expect(
      await intake.schema.count(
        'audit_record',
        "action LIKE 'leader-mailbox.%' AND target_id = $1",
        ['510000-deputy-test'],
      ),
    ).toBe(2);
  });
});
