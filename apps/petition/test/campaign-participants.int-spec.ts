import { InProcessService } from '@minsheng/service-harness';
import { makeResidentIdNumber } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ORGANS,
  api,
  registerLetter,
  walk,
  type Loose,
  type Staff,
} from './support/petition-test-kit.js';

/** Chengdu's supervisor runs the campaign; a journalist and a deputy are invited. */
const SUPERVISOR: Staff = { role: 'supervisor', division: '510100', organ: '510100-xfj' };
const JOURNALIST: Staff = { role: 'observer', division: '510100', userId: 'journalist-li' };
const DEPUTY: Staff = { role: 'observer', division: '510100', userId: 'deputy-zhang' };
const STRANGER: Staff = { role: 'observer', division: '510100', userId: 'someone-else' };

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('petition: supervision campaigns with invited third parties (统筹实地督查)', () => {
  let petition: InProcessService;
  const idNumber = makeResidentIdNumber('510104', '19700101', 321);

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, { entities, migrations });
  });

  afterAll(async () => {
    await petition?.stop();
  });

  const flagBacklog = (petitionNumber: string) =>
    petition.schema.query(
      'UPDATE petition_case SET backlog_flagged_at = now() WHERE petition_number = $1',
      [petitionNumber],
    );

  const campaignCall = (id: string, suffix: string, staff: Staff, body: unknown = {}) =>
    api(petition).post(`/api/v1/campaigns/${id}${suffix}`, staff, body);

  const read = (staff: Staff, url: string) =>
    api(petition).get(`/api/v1/campaign-access${url}`, staff);

  const campaignEvents = async (subject: string, campaignId?: string) =>
    (
      await petition.schema.query<{ envelope: Loose }>(
        `SELECT envelope FROM outbox WHERE subject = $1 ${campaignId ? "AND envelope->'data'->>'campaignId' = $2" : ''} ORDER BY seq`,
        campaignId ? [subject, campaignId] : [subject],
      )
    ).map((r) => r.envelope);

  const readsOf = (userId: string, outcome: string) =>
    petition.schema.count(
      'audit_record',
      "actor_id = $1 AND action LIKE 'campaign.%read' AND outcome = $2",
      [userId, outcome],
    );

  it('lets an invited journalist read only the campaign’s cases, only the allowed fields, only until it closes — every read audited', async () => {
    const backlogA = await registerLetter(petition, { idNumber });
    const backlogB = await registerLetter(petition, { idNumber });
    const fresh = await registerLetter(petition, { idNumber });
    const neighbours = await registerLetter(petition, {
      idNumber,
      division: '510105',
      clerk: { role: 'clerk', division: '510105', organ: ORGANS.qingyangOffice },
    });
    for (const n of [backlogA, backlogB, neighbours]) await flagBacklog(n);

    const created = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
      title: '成都市积案化解实地督查',
      description: '对锦江区长期未结的积案开展实地督查，邀请人大代表、政协委员和媒体参与。',
      divisionCode: '510100',
      endsOn: today(),
      participantFields: ['title', 'status', 'division', 'petitionerName', 'visits'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const selected = await campaignCall(id, '/cases/select', SUPERVISOR, {
      backlog: true,
      divisionCode: '510104',
    });
    expect(selected.status).toBe(200);
    expect(selected.body).toEqual({ added: 2, casesCovered: 2 });

    const tooMuch = await campaignCall(id, '/participants', SUPERVISOR, {
      accountId: JOURNALIST.userId,
      name: '李记者',
      affiliation: 'journalist',
      organisation: '四川日报',
      fields: ['title', 'content'],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.code).toBe('FIELDS_NOT_ALLOWED');
    const invited = await campaignCall(id, '/participants', SUPERVISOR, {
      accountId: JOURNALIST.userId,
      name: '李记者',
      affiliation: 'journalist',
      organisation: '四川日报',
      fields: ['title', 'status', 'petitionerName', 'visits'],
    });
    expect(invited.status).toBe(201);

    const visit = await campaignCall(id, '/visits', SUPERVISOR, {
      petitionNumber: backlogA,
      visitedAt: new Date().toISOString(),
      place: '锦江区春熙路街道某小区',
      findings: '电梯仍未修复，物业与业委会互相推诿。',
    });
    expect(visit.status).toBe(201);
    const outside = await campaignCall(id, '/visits', SUPERVISOR, {
      petitionNumber: fresh,
      visitedAt: new Date().toISOString(),
      place: '某处',
      findings: '无',
    });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('CASE_NOT_IN_CAMPAIGN');

    // The journalist's own campaigns, and the campaign's cases — the granted fields and no more.
    const mine = await read(JOURNALIST, '/campaigns');
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id, fields: ['title', 'status', 'petitionerName', 'visits'] }),
    ]);
    const cases = await read(JOURNALIST, `/campaigns/${id}/cases`);
    expect(cases.status).toBe(200);
    expect(cases.body.items.map((c: Loose) => c.petitionNumber).sort()).toEqual(
      [backlogA, backlogB].sort(),
    );
    const a = cases.body.items.find((c: Loose) => c.petitionNumber === backlogA);
    expect(Object.keys(a).sort()).toEqual(
      ['petitionNumber', 'petitionerName', 'status', 'statusLabel', 'title', 'visits'].sort(),
    );
    expect(a.petitionerName).toBe('王**');
    expect(a.visits).toEqual([
      expect.objectContaining({ findings: '电梯仍未修复，物业与业委会互相推诿。' }),
    ]);
    const text = JSON.stringify(cases.body);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13800001111');
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('物业拒不维修'); // the content was not granted

    const one = await read(JOURNALIST, `/campaigns/${id}/cases/${backlogB}`);
    expect(one.status).toBe(200);
    expect(one.body.content).toBeUndefined();
    expect(one.body.divisionCode).toBeUndefined(); // the campaign allows it; the grant does not

    // Not the campaign's: a case outside it, another campaign, the staff API.
    expect((await read(JOURNALIST, `/campaigns/${id}/cases/${fresh}`)).status).toBe(404);
    expect((await read(STRANGER, `/campaigns/${id}/cases`)).status).toBe(404);
    expect((await api(petition).get(`/api/v1/cases/${backlogA}`, JOURNALIST)).status).toBe(403);
    expect((await api(petition).get(`/api/v1/campaigns/${id}`, JOURNALIST)).status).toBe(403);

    // Accountability, a case resolved while the campaign ran, and the report at close.
    const record = await campaignCall(id, '/accountability', SUPERVISOR, {
      petitionNumber: backlogA,
      organId: ORGANS.jinjiangHousing,
      kind: 'trace-back',
      responsiblePost: '分管副局长',
      content: '倒查积案久拖未决的原因。',
    });
    expect(record.status).toBe(201);
    await walk(petition, backlogB, ['transfer', 'accept', 'reply']);
    const closed = await campaignCall(id, '/close', SUPERVISOR, {
      summary: '督查积案2件，化解1件。',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.report).toEqual({
      casesCovered: 2,
      resolvedDuringCampaign: 1,
      visits: 1,
      accountabilityRecords: 1,
      findings: [{ petitionNumber: backlogA, findings: '电梯仍未修复，物业与业委会互相推诿。' }],
      summary: '督查积案2件，化解1件。',
    });

    // After the close: no more reads, and nothing more recorded.
    const after = await read(JOURNALIST, `/campaigns/${id}/cases/${backlogA}`);
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('CAMPAIGN_ACCESS_ENDED');
    expect((await read(JOURNALIST, `/campaigns/${id}/cases`)).status).toBe(403);
    expect((await read(JOURNALIST, '/campaigns')).body.items).toEqual([]);
    const lateVisit = await campaignCall(id, '/visits', SUPERVISOR, {
      petitionNumber: backlogA,
      visitedAt: new Date().toISOString(),
      place: '某处',
      findings: '补记',
    });
    expect(lateVisit.status).toBe(409);
    expect(lateVisit.body.code).toBe('CAMPAIGN_CLOSED');

    // Every read is in the audit trail: the list, the case, and the refused ones.
    expect(await readsOf(JOURNALIST.userId!, 'success')).toBe(2);
    expect(await readsOf(JOURNALIST.userId!, 'denied')).toBe(3);
    const [caseRead] = await petition.schema.query<Loose>(
      `SELECT target_type, details FROM audit_record WHERE actor_id = $1 AND action = 'campaign.case.read' AND outcome = 'success'`,
      [JOURNALIST.userId],
    );
    expect(caseRead.target_type).toBe('petition-case');
    expect(caseRead.details).toMatchObject({ campaignId: id, petitionNumbers: [backlogB] });

    const detail = await api(petition).get(`/api/v1/campaigns/${id}`, {
      role: 'leader',
      division: '510100',
    });
    expect(detail.body).toMatchObject({
      participants: [{ accountId: JOURNALIST.userId, affiliation: 'journalist' }],
      accountability: [{ kind: 'trace-back', organId: ORGANS.jinjiangHousing }],
    });
  });

  it('ends a participant’s access when their grant runs out, before the campaign closes', async () => {
    const n = await registerLetter(petition, { idNumber });
    await flagBacklog(n);
    const created = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
      title: '短期督查',
      description: '测试邀请期限',
      divisionCode: '510100',
      endsOn: today(),
      participantFields: ['title'],
    });
    const id = created.body.id as string;
    await campaignCall(id, '/cases/select', SUPERVISOR, { backlog: true, divisionCode: '510104' });
    const validUntil = new Date(Date.now() + 1_500).toISOString();
    const invited = await campaignCall(id, '/participants', SUPERVISOR, {
      accountId: DEPUTY.userId,
      name: '张代表',
      affiliation: 'deputy',
      organisation: '成都市人大常委会',
      validUntil,
    });
    expect(invited.status).toBe(201);
    expect((await read(DEPUTY, `/campaigns/${id}/cases/${n}`)).body).toEqual({
      petitionNumber: n,
      title: expect.any(String),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const expired = await read(DEPUTY, `/campaigns/${id}/cases/${n}`);
    expect(expired.status).toBe(403);
    expect(expired.body.code).toBe('CAMPAIGN_ACCESS_ENDED');
  });

  it('refuses malformed or out-of-scope campaign requests with stable codes, storing nothing', async () => {
    const before = await petition.schema.count('supervision_campaign');
    const county: Staff = { role: 'supervisor', division: '510104', organ: ORGANS.jinjiangOffice };
    const bad = [
      {
        title: '',
        description: 'x',
        divisionCode: '510100',
        endsOn: today(),
        participantFields: ['title'],
      },
      {
        title: 't',
        description: 'x',
        divisionCode: '510100',
        endsOn: '2026-13-01',
        participantFields: ['title'],
      },
      {
        title: 't',
        description: 'x',
        divisionCode: '510100',
        endsOn: today(),
        participantFields: ['idNumber'],
      },
      {
        title: 't',
        description: 'x',
        divisionCode: '510100',
        endsOn: '2020-01-01',
        participantFields: ['title'],
      },
    ];
    for (const body of bad) {
      const response = await api(petition).post('/api/v1/campaigns', SUPERVISOR, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const wider = await api(petition).post('/api/v1/campaigns', county, {
      title: '越权',
      description: 'x',
      divisionCode: '510100',
      endsOn: today(),
      participantFields: ['title'],
    });
    expect(wider.status).toBe(400);
    expect(await petition.schema.count('supervision_campaign')).toBe(before);

    const created = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
      title: '范围测试',
      description: 'x',
      divisionCode: '510100',
      endsOn: today(),
      participantFields: ['title'],
    });
    const id = created.body.id as string;
    expect((await campaignCall(id, '/cases/select', SUPERVISOR, {})).status).toBe(400);
    const elsewhere = await campaignCall(id, '/cases/select', SUPERVISOR, {
      divisionCode: '510704',
    });
    expect(elsewhere.status).toBe(400);
    expect((await api(petition).get(`/api/v1/campaigns/${id}`, county)).status).toBe(404);
    expect((await api(petition).get('/api/v1/campaigns/not-a-uuid', SUPERVISOR)).status).toBe(404);
    const tooLong = await campaignCall(id, '/participants', SUPERVISOR, {
      accountId: 'x-1',
      name: '某委员',
      affiliation: 'cppcc-member',
      organisation: '政协',
      validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('GRANT_TOO_LONG');
    expect(await petition.schema.count('campaign_participant', 'campaign_id = $1', [id])).toBe(0);
  });

  it('publishes one event per campaign step in the step’s transaction, and none for a refused step', async () => {
    const n = await registerLetter(petition, { idNumber });
    const outsider = await registerLetter(petition, { idNumber });
    await flagBacklog(n);
    const openedBefore = (await campaignEvents('petition.campaign.opened')).length;
    const refused = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
      title: '已过期的督查',
      description: 'x',
      divisionCode: '510100',
      endsOn: '2020-01-01',
      participantFields: ['title'],
    });
    expect(refused.status).toBe(400);
    expect(await campaignEvents('petition.campaign.opened')).toHaveLength(openedBefore);

    const created = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
      title: '事件测试督查',
      description: '检查督查事件',
      divisionCode: '510100',
      endsOn: today(),
      participantFields: ['title', 'status'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [opened, ...moreOpened] = await campaignEvents('petition.campaign.opened', id);
    expect(moreOpened).toEqual([]);
    expect(opened).toMatchObject({
      type: 'petition.campaign.opened',
      divisionCode: '510100',
      data: {
        campaignId: id,
        divisionCode: '510100',
        title: '事件测试督查',
        openedAt: created.body.createdAt,
        endsOn: today(),
      },
    });
    await campaignCall(id, '/cases/select', SUPERVISOR, { backlog: true, divisionCode: '510104' });

    const invite = (accountId: string, extra: Record<string, unknown> = {}) =>
      campaignCall(id, '/participants', SUPERVISOR, {
        accountId,
        name: '某代表',
        affiliation: 'deputy',
        organisation: '成都市人大常委会',
        ...extra,
      });
    const validUntil = new Date(Date.now() + 60_000).toISOString();
    expect((await invite(DEPUTY.userId!, { validUntil })).status).toBe(201);
    expect((await invite(JOURNALIST.userId!, { affiliation: 'journalist' })).status).toBe(201);
    expect((await invite(DEPUTY.userId!)).body.code).toBe('ALREADY_INVITED');
    expect((await invite(STRANGER.userId!, { fields: ['content'] })).body.code).toBe(
      'FIELDS_NOT_ALLOWED',
    );
    const invited = await campaignEvents('petition.campaign.participant-invited', id);
    expect(invited.map((e) => e.data)).toEqual([
      {
        campaignId: id,
        divisionCode: '510100',
        accountId: DEPUTY.userId,
        validUntil,
        invitedAt: expect.any(String),
      },
      {
        campaignId: id,
        divisionCode: '510100',
        accountId: JOURNALIST.userId,
        // Without a date of its own, the grant runs to the end of the campaign's last day.
        validUntil: new Date(
          new Date(`${today()}T00:00:00+08:00`).getTime() + 86_400_000,
        ).toISOString(),
        invitedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(invited)).not.toContain('某代表');

    const accountability = (petitionNumber: string) =>
      campaignCall(id, '/accountability', SUPERVISOR, {
        petitionNumber,
        organId: ORGANS.jinjiangHousing,
        kind: 'interview',
        responsiblePost: '分管副局长',
        content: '约谈住建局分管负责人王某某。',
      });
    const recorded = await accountability(n);
    expect(recorded.status).toBe(201);
    expect((await accountability(outsider)).body.code).toBe('CASE_NOT_IN_CAMPAIGN');
    const records = await campaignEvents('petition.campaign.accountability-recorded', id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ divisionCode: '510104' });
    expect(records[0].data).toEqual({
      campaignId: id,
      divisionCode: '510100',
      recordId: recorded.body.id,
      caseId: expect.any(String),
      petitionNumber: n,
      caseDivisionCode: '510104',
      organId: ORGANS.jinjiangHousing,
      kind: 'interview',
      recordedAt: recorded.body.recordedAt,
    });
    expect(JSON.stringify(records)).not.toMatch(/王某某|分管副局长/);

    const closed = await campaignCall(id, '/close', SUPERVISOR, { summary: '完成。' });
    expect(closed.status).toBe(200);
    expect((await campaignCall(id, '/close', SUPERVISOR, { summary: '再次' })).status).toBe(409);
    expect((await invite(STRANGER.userId!)).status).toBe(409);
    expect((await accountability(n)).status).toBe(409);
    const closedEvents = await campaignEvents('petition.campaign.closed', id);
    expect(closedEvents.map((e) => e.data)).toEqual([
      {
        campaignId: id,
        divisionCode: '510100',
        closedAt: closed.body.closedAt,
        observerAccountIds: [DEPUTY.userId, JOURNALIST.userId],
        observersStillInvited: [],
      },
    ]);
    expect(await campaignEvents('petition.campaign.participant-invited', id)).toHaveLength(2);
    expect(await campaignEvents('petition.campaign.accountability-recorded', id)).toHaveLength(1);
  });

  it('names, when it closes a campaign, the observers another open campaign still invites', async () => {
    const open = async (title: string) => {
      const created = await api(petition).post('/api/v1/campaigns', SUPERVISOR, {
        title,
        description: '检查邀请是否仍有效',
        divisionCode: '510100',
        endsOn: today(),
        participantFields: ['title'],
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const [first, second] = [await open('第一轮督查'), await open('第二轮督查')];
    const invite = (campaignId: string, staff: Staff, affiliation: string) =>
      campaignCall(campaignId, '/participants', SUPERVISOR, {
        accountId: staff.userId,
        name: '某委员',
        affiliation,
        organisation: '成都市政协',
      });
    expect((await invite(first, DEPUTY, 'deputy')).status).toBe(201);
    expect((await invite(first, JOURNALIST, 'journalist')).status).toBe(201);
    expect((await invite(second, DEPUTY, 'deputy')).status).toBe(201);

    expect((await campaignCall(first, '/close', SUPERVISOR, { summary: '完成。' })).status).toBe(
      200,
    );
    expect((await campaignCall(second, '/close', SUPERVISOR, { summary: '完成。' })).status).toBe(
      200,
    );
    const closes = [
      ...(await campaignEvents('petition.campaign.closed', first)),
      ...(await campaignEvents('petition.campaign.closed', second)),
    ].map((e) => (e.data as { observersStillInvited: string[] }).observersStillInvited);
    expect(closes).toEqual([[DEPUTY.userId], []]);
  });
});
