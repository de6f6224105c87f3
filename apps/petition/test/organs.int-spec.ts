import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { ACTORS, api, registerLetter } from './support/petition-test-kit.js';

const ADMIN = { role: 'system-admin', division: '510104', userId: 'sysadmin-jinjiang' } as const;
const CITY_ADMIN = {
  role: 'system-admin',
  division: '510100',
  userId: 'sysadmin-chengdu',
} as const;
const NEIGHBOUR_ADMIN = { role: 'system-admin', division: '510105' } as const;

describe('petition: responsible organs (责任单位)', () => {
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

  it('comes seeded with the demo Sichuan tree: offices and departments under each government', async () => {
    const { body } = await api(petition).get('/api/v1/organs', {
      role: 'supervisor',
      division: '510000',
    });
    const byId = new Map(body.items.map((o: { id: string }) => [o.id, o]));
    expect(byId.get('510104-zjj')).toMatchObject({
      name: '成都市锦江区住房和城乡建设局',
      kind: 'department',
      divisionCode: '510104',
      parentId: '510104-gov',
    });
    expect(byId.get('510104-xfj')).toMatchObject({
      name: '成都市锦江区信访局',
      kind: 'petition-office',
    });
    expect(byId.get('510000-zjt')).toMatchObject({
      name: '四川省住房和城乡建设厅',
      parentId: '510000-gov',
    });
    expect(byId.get('510104-gov')).toMatchObject({ parentId: '510100-gov' });
    expect(byId.get('510000-gov')).toMatchObject({ parentId: null });
    for (const division of ['510000', '510100', '510104', '510105']) {
      expect(
        body.items.filter((o: { divisionCode: string }) => o.divisionCode === division).length,
      ).toBeGreaterThanOrEqual(8);
    }
  });

  it('shows staff the organs of their jurisdiction and above it, never a neighbouring county’s', async () => {
    const { body } = await api(petition).get('/api/v1/organs', ACTORS.clerk);
    const divisions = new Set(body.items.map((o: { divisionCode: string }) => o.divisionCode));
    expect([...divisions].sort()).toEqual(['510000', '510100', '510104']);
    expect((await api(petition).get('/api/v1/organs/510105-zjj', ACTORS.clerk)).status).toBe(404);
    expect((await api(petition).get('/api/v1/organs/510100-zjj', ACTORS.clerk)).status).toBe(200);
  });

  it('lets the system administrator add, rename, move and deactivate organs of their jurisdiction, audited', async () => {
    const created = await api(petition).post('/api/v1/organs', ADMIN, {
      id: '510104-cgj',
      name: '成都市锦江区城市管理局',
      kind: 'department',
      divisionCode: '510104',
      parentId: '510104-gov',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: '510104-cgj', active: true });
    const taken = await api(petition).post('/api/v1/organs', ADMIN, {
      id: '510104-cgj',
      name: '重复',
      kind: 'department',
      divisionCode: '510104',
      parentId: '510104-gov',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ORGAN_ID_TAKEN');

    const renamed = await api(petition).post('/api/v1/organs/510104-cgj/rename', ADMIN, {
      name: '成都市锦江区城市管理和综合执法局',
    });
    expect(renamed.body.name).toBe('成都市锦江区城市管理和综合执法局');

    const moved = await api(petition).post('/api/v1/organs/510104-cgj/move', CITY_ADMIN, {
      parentId: '510100-gov',
    });
    expect(moved.body.parentId).toBe('510100-gov');
    const downwards = await api(petition).post('/api/v1/organs/510104-gov/move', CITY_ADMIN, {
      parentId: '510104-zjj',
    });
    expect(downwards.status).toBe(400);
    expect(downwards.body.code).toBe('INVALID_ORGAN_PARENT');
    const lower = await api(petition).post('/api/v1/organs/510100-zjj/move', CITY_ADMIN, {
      parentId: '510104-gov',
    });
    expect(lower.body.code).toBe('INVALID_ORGAN_PARENT');

    const deactivated = await api(petition).post('/api/v1/organs/510104-cgj/deactivate', ADMIN, {
      reason: '机构改革，职能并入综合执法局',
    });
    expect(deactivated.body.active).toBe(false);

    const records = await petition.schema.query<{
      action: string;
      details: { before?: { name: string }; after: { name: string; active: boolean } };
    }>(`SELECT action, details FROM audit_record WHERE target_id = '510104-cgj' ORDER BY seq`);
    expect(records.map((r) => r.action)).toEqual([
      'organ.created',
      'organ.renamed',
      'organ.moved',
      'organ.deactivated',
    ]);
    expect(records[1].details.before?.name).toBe('成都市锦江区城市管理局');
    expect(records[3].details.after.active).toBe(false);

    const listed = await api(petition).get('/api/v1/organs', ACTORS.clerk);
    expect(listed.body.items.map((o: { id: string }) => o.id)).not.toContain('510104-cgj');
    const number = await registerLetter(petition);
    const refused = await api(petition).post(`/api/v1/cases/${number}/transfer`, ACTORS.clerk, {
      leadOrganId: '510104-cgj',
    });
    expect(refused.body.code).toBe('ORGAN_INACTIVE');
  });

  it('announces the whole directory at start and every change after, for the other services', async () => {
    const [snapshot] = await petition.schema.query<{
      envelope: { data: { organs: Array<{ organId: string }>; announcedAt: string } };
    }>(`SELECT envelope FROM outbox WHERE subject = 'petition.organ-directory.announced'`);
    const seeded = await petition.schema.query<{ id: string }>(
      'SELECT id FROM organ WHERE created_at <= $1',
      [snapshot.envelope.data.announcedAt],
    );
    expect(snapshot.envelope.data.organs.map((o) => o.organId).sort()).toEqual(
      seeded.map((o) => o.id).sort(),
    );
    await api(petition).post('/api/v1/organs', ADMIN, {
      id: '510104-sjj',
      name: '成都市锦江区审计局',
      kind: 'department',
      divisionCode: '510104',
      parentId: '510104-gov',
    });
    await api(petition).post('/api/v1/organs/510104-sjj/deactivate', ADMIN, { reason: '测试' });
    const changes = await petition.schema.query<{
      envelope: { data: { organId: string; active: boolean } };
    }>(
      `SELECT envelope FROM outbox WHERE subject = 'petition.organ.changed'
         AND envelope->'data'->>'organId' = '510104-sjj' ORDER BY seq`,
    );
    expect(changes.map((c) => c.envelope.data.active)).toEqual([true, false]);
  });

  it('keeps an organ with active sub-organs in use, and another county’s organs out of reach', async () => {
    const busy = await api(petition).post('/api/v1/organs/510104-gov/deactivate', ADMIN, {
      reason: '测试',
    });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('ORGAN_HAS_ACTIVE_CHILDREN');
    const outside = await api(petition).post('/api/v1/organs/510104-zjj/rename', NEIGHBOUR_ADMIN, {
      name: '改名',
    });
    expect(outside.status).toBe(404);
    const create = await api(petition).post('/api/v1/organs', NEIGHBOUR_ADMIN, {
      name: '锦江区某局',
      kind: 'department',
      divisionCode: '510104',
      parentId: '510104-gov',
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('NOT_PERMITTED');
    expect(
      (await api(petition).post('/api/v1/organs/510104-zjj/rename', ACTORS.clerk, { name: '改名' }))
        .status,
    ).toBe(403);
  });
});
