import type { InProcessService } from '@minsheng/service-harness';
import {
  LeaderMessageKit,
  scheduler,
  standAt,
  startBoardSimulator,
  startService,
  testEnv,
  type BoardSimulator,
  type Json,
} from './support/leader-message-kit.js';

describe('leader-message: the desk', () => {
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

  it('lists the messages of the caller’s jurisdiction with filters and keyset pages', async () => {
    const county = simulator.addBoard({ divisionCode: '510104' });
    const neighbour = simulator.addBoard({ divisionCode: '510105' });
    const countyBoard = await kit.configureBoard(county, 'leader-jinjiang');
    await kit.configureBoard(neighbour, 'leader-qingyang');
    // A fixed Wednesday morning (Beijing time): deadlines count working days, and from a Monday
    // an urgent message's 3-day reply deadline would fall inside the "due soon" window as well.
    const now = Date.parse('2026-11-18T02:00:00Z');
    simulator.inject(county.boardId, 5, {
      postedAt: new Date(now - 20 * 86_400_000).toISOString(),
    });
    const fresh = simulator.inject(county.boardId, 3, { postedAt: new Date(now).toISOString() });
    simulator.inject(neighbour.boardId, 2);
    standAt(service.app, new Date(now));
    await scheduler(service.app).pullDueBoards();

    const clerk = { role: 'clerk' as const, division: '510104' };
    const assignedId = await kit.messageId(fresh[0].messageId);
    await kit.ok(200, 'POST', `/api/v1/messages/${assignedId}/claim`, { ...clerk, payload: {} });
    await kit.ok(200, 'POST', `/api/v1/messages/${assignedId}/assignment`, {
      ...clerk,
      payload: {
        leadOrgan: { id: 'organ-x', name: '区城管局' },
        coOrgans: [{ id: 'organ-y', name: '区交通局' }],
      },
    });
    // A day and a half on: the fresh ones are due to be claimed soon, the old ones long overdue.
    standAt(service.app, new Date(now + 1.5 * 86_400_000));
    const list = (query: string, as: { role?: 'clerk' | 'handler'; division?: string } = clerk) =>
      kit.call('GET', `/api/v1/messages${query}`, as);
    const items = async (query: string): Promise<Json[]> => (await list(query)).json().items;

    const pages: Json[][] = [];
    let cursor: string | null = null;
    do {
      const page: Json = (await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    const all = pages.flat();
    expect(new Set(all.map((m) => m.id)).size).toBe(8);
    expect(all.every((m) => m.divisionCode === '510104')).toBe(true);
    const posted = all.map((m) => Date.parse(m.postedAt));
    expect(posted).toEqual([...posted].sort((a, b) => b - a));
    expect(all[0]).not.toHaveProperty('contactPhone');

    expect(await items('?due=overdue')).toHaveLength(5);
    expect((await items('?due=overdue')).every((m) => m.overdue && m.status === 'new')).toBe(true);
    expect((await items('?due=soon')).map((m) => m.externalId).sort()).toEqual(
      [fresh[1].messageId, fresh[2].messageId].sort(),
    );
    expect((await items('?organId=organ-y')).map((m) => m.id)).toEqual([assignedId]);
    expect((await items('?status=assigned')).map((m) => m.coOrganIds)).toEqual([['organ-y']]);
    expect(await items('?status=new,claimed')).toHaveLength(7);
    expect(await items(`?boardId=${countyBoard.id}&leaderId=leader-jinjiang`)).toHaveLength(8);
    const byDeadline = await items('?sort=deadline&limit=100');
    const deadlines = byDeadline.map((m) => Date.parse(m.currentDeadline));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(byDeadline.slice(0, 5).every((m) => m.overdue)).toBe(true);

    // The city sees both counties; the neighbour county sees only its own.
    const city = await list('?limit=100', { role: 'clerk', division: '510100' });
    expect(city.json().items).toHaveLength(10);
    expect((await list('', { role: 'handler', division: '510105' })).json().items).toHaveLength(2);
    expect((await list('?divisionCode=510105')).statusCode).toBe(404);

    for (const [query, code] of [
      ['?status=bogus', 'VALIDATION_FAILED'],
      ['?limit=0', 'VALIDATION_FAILED'],
      ['?due=later', 'VALIDATION_FAILED'],
      ['?boardId=not-a-uuid', 'VALIDATION_FAILED'],
      ['?foo=1', 'VALIDATION_FAILED'],
      ['?cursor=bm90LWEtY3Vyc29y', 'INVALID_CURSOR'],
    ]) {
      const r = await list(query);
      expect([query, r.statusCode, r.json().code]).toEqual([query, 400, code]);
    }
  });

  it('keeps reply templates and a policy knowledge base that drafting staff search by words', async () => {
    const citySupervisor = { role: 'supervisor' as const, division: '510100' };
    const countySupervisor = { role: 'supervisor' as const, division: '510104' };
    const cityPolicy = await kit.ok(201, 'POST', '/api/v1/policies', {
      ...citySupervisor,
      payload: {
        divisionCode: '510100',
        title: '成都市义务教育阶段随迁子女入学办法',
        documentNumber: '成教发〔2026〕8号',
        issuer: '成都市教育局',
        body: '符合条件的随迁子女在居住地就近入学，需提供居住证和社保缴纳证明。',
        effectiveOn: '2026-09-01',
      },
    });
    const countyPolicy = await kit.ok(201, 'POST', '/api/v1/policies', {
      ...countySupervisor,
      payload: {
        divisionCode: '510104',
        title: '锦江区城市照明设施维护管理规定',
        issuer: '锦江区城市管理局',
        body: '路灯故障接报后 48 小时内修复，主干道 24 小时内修复。',
      },
    });
    const template = await kit.ok(201, 'POST', '/api/v1/reply-templates', {
      role: 'clerk',
      division: '510104',
      payload: {
        divisionCode: '510104',
        title: '入学政策咨询答复',
        body: '网友您好：您反映的入学问题，根据相关政策答复如下……',
        domain: '教育',
        type: '咨询',
      },
    });
    expect(template).toMatchObject({
      domain: '教育',
      type: '咨询',
      updatedBy: 'user-clerk-510104',
    });

    const handler = { role: 'handler' as const, division: '510104' };
    const search = async (what: string, q: string, as = handler): Promise<Json[]> =>
      kit.ok(200, 'GET', `/api/v1/${what}?q=${encodeURIComponent(q)}`, as);
    // A citizen's sentence finds the city's policy from the county (it holds there too).
    expect(
      (await search('policies', '孩子是随迁子女，想在这边上学要什么材料')).map((p) => p.id),
    ).toEqual([cityPolicy.id]);
    expect((await search('policies', '路灯坏了多久能修好')).map((p) => p.id)).toEqual([
      countyPolicy.id,
    ]);
    expect((await search('reply-templates', '入学咨询')).map((t) => t.id)).toEqual([template.id]);
    expect(await kit.ok(200, 'GET', '/api/v1/reply-templates?domain=交通管理', handler)).toEqual(
      [],
    );
    // A neighbouring county sees the city's policy but not the other county's.
    const neighbour = { role: 'handler' as const, division: '510105' };
    expect((await search('policies', '入学 路灯', neighbour)).map((p) => p.id)).toEqual([
      cityPolicy.id,
    ]);
    expect(
      (await kit.call('GET', `/api/v1/policies/${countyPolicy.id}`, neighbour)).statusCode,
    ).toBe(404);

    // The city's policy is kept by the city.
    const changed = { ...cityPolicy, body: '随迁子女凭居住证在居住地就近入学。' };
    delete changed.id;
    delete changed.updatedBy;
    delete changed.updatedAt;
    const denied = await kit.call('PUT', `/api/v1/policies/${cityPolicy.id}`, {
      ...countySupervisor,
      payload: changed,
    });
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'FORBIDDEN']);
    await kit.ok(200, 'PUT', `/api/v1/policies/${cityPolicy.id}`, {
      ...citySupervisor,
      payload: changed,
    });
    // The search follows the new text: 社保 is gone from it.
    expect(await search('policies', '社保缴纳证明')).toEqual([]);

    await kit.ok(204, 'DELETE', `/api/v1/reply-templates/${template.id}`, {
      role: 'supervisor',
      division: '510104',
    });
    expect(
      (await kit.call('GET', `/api/v1/reply-templates/${template.id}`, handler)).statusCode,
    ).toBe(404);

    for (const [payload, code] of [
      [{ ...changed, divisionCode: '519999' }, 'UNKNOWN_DIVISION'],
      [{ ...changed, title: '  ' }, 'VALIDATION_FAILED'],
      [{ ...changed, sourceUrl: 'not a url' }, 'VALIDATION_FAILED'],
    ] as const) {
      const r = await kit.call('POST', '/api/v1/policies', { ...citySupervisor, payload });
      expect([r.statusCode, r.json().code]).toEqual([400, code]);
    }
    const longQuery = await kit.call('GET', `/api/v1/policies?q=${'长'.repeat(501)}`, handler);
    expect(longQuery.statusCode).toBe(400);
    const audited = await service.schema.query<{ action: string }>(
      `SELECT action FROM audit_record WHERE action LIKE 'leader-message.policy-article-%' ORDER BY 1`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'leader-message.policy-article-created',
      'leader-message.policy-article-created',
      'leader-message.policy-article-updated',
    ]);
  });
});
