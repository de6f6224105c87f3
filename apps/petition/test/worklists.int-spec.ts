import { InProcessService } from '@minsheng/service-harness';
import { makeResidentIdNumber } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import {
  ACTORS,
  ORGANS,
  api,
  registerLetter,
  walk,
  type Staff,
  type Loose,
} from './support/petition-test-kit.js';

const DAY_MS = 86_400_000;

describe('petition: worklists, search and their jurisdiction', () => {
  let petition: InProcessService;
  const jinjiang: Record<string, string> = {};
  let qingyang: string[];
  const petitionerId = makeResidentIdNumber('510104', '19751212', 321);

  const list = async (query: string, staff: Staff = ACTORS.clerk) => {
    const response = await api(petition).get(`/api/v1/cases?${query}`, staff);
    expect(response.status).toBe(200);
    return response.body as { items: Array<Loose>; nextCursor: string | null };
  };
  const numbers = (page: { items: Array<Loose> }) => page.items.map((i) => i.petitionNumber).sort();

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { SUPERVISION_SCAN_INTERVAL_MS: '0', SUPERVISION_WARNING_DAYS: '3' },
    });
    jinjiang.registered = await registerLetter(petition, {
      title: '农民工工资被拖欠',
      content: '锦江区某建筑工地包工头拖欠二十名农民工三个月工资，多次讨要无果。',
      idNumber: petitionerId,
    });
    jinjiang.transferred = await registerLetter(petition);
    await walk(petition, jinjiang.transferred, ['transfer']);
    jinjiang.accepted = await registerLetter(petition, { idNumber: petitionerId });
    await walk(petition, jinjiang.accepted, ['transfer', 'accept']);
    jinjiang.replied = await registerLetter(petition);
    await walk(petition, jinjiang.replied, ['transfer', 'accept', 'reply']);
    qingyang = [
      await registerLetter(petition, { division: '510105', clerk: ACTORS.neighbourClerk }),
      await registerLetter(petition, { division: '510105', clerk: ACTORS.neighbourClerk }),
    ];
  });

  afterAll(async () => {
    await petition?.stop();
  });

  it('shows a county clerk the cases of the county only; the city sees both counties', async () => {
    expect(numbers(await list('limit=100'))).toEqual(Object.values(jinjiang).sort());
    expect(numbers(await list('limit=100', ACTORS.neighbourClerk))).toEqual([...qingyang].sort());
    const city = await list('limit=100', { role: 'supervisor', division: '510100' });
    expect(numbers(city)).toEqual([...Object.values(jinjiang), ...qingyang].sort());
    expect(JSON.stringify(city)).not.toContain('王小明');
    expect(city.items[0].petitionerNameMasked).toBe('王**');
  });

  it('lists what is waiting for me (mine) by organ and role', async () => {
    expect(numbers(await list('view=mine'))).toEqual([jinjiang.registered]);
    expect(numbers(await list('view=mine', ACTORS.handler))).toEqual(
      [jinjiang.transferred, jinjiang.accepted, jinjiang.replied].sort(),
    );
    expect(numbers(await list('view=mine', ACTORS.head))).toEqual([]);
  });

  it('lists my organ’s cases (organ) by lead organ, and needs an organ to do so', async () => {
    expect(numbers(await list('view=organ', ACTORS.handler))).toEqual(
      [jinjiang.transferred, jinjiang.accepted, jinjiang.replied].sort(),
    );
    const noOrgan = await api(petition).get('/api/v1/cases?view=organ', {
      role: 'handler',
      division: '510104',
    });
    expect(noOrgan.status).toBe(400);
    expect(noOrgan.body.code).toBe('ORGAN_REQUIRED');
  });

  it('lists the cases due within the warning period (due-soon) and those past their deadline (overdue)', async () => {
    const now = Date.now();
    const setDeadline = (number: string, at: number) =>
      petition.schema.query(
        `UPDATE petition_case SET next_deadline_at = $2 WHERE petition_number = $1`,
        [number, new Date(at)],
      );
    await setDeadline(jinjiang.transferred, now + 2 * DAY_MS);
    await setDeadline(jinjiang.accepted, now - DAY_MS);
    await setDeadline(jinjiang.registered, now + 10 * DAY_MS);
    expect(numbers(await list('view=due-soon'))).toEqual([jinjiang.transferred]);
    const overdue = await list('view=overdue');
    expect(numbers(overdue)).toEqual([jinjiang.accepted]);
    expect(overdue.items[0].overdue).toBe(true);
    expect(numbers(await list('view=overdue', ACTORS.neighbourClerk))).toEqual([]);
  });

  it('filters by status, kind, channel, division and registration time', async () => {
    expect(numbers(await list('status=accepted,replied'))).toEqual(
      [jinjiang.accepted, jinjiang.replied].sort(),
    );
    expect(numbers(await list('kind=suggestion'))).toEqual([]);
    expect((await list('channel=letter')).items).toHaveLength(4);
    expect((await list('channel=online')).items).toHaveLength(0);
    const city = { role: 'supervisor', division: '510100' } as const;
    expect(numbers(await list('divisionCode=510105', city))).toEqual([...qingyang].sort());
    const future = new Date(Date.now() + DAY_MS).toISOString();
    expect((await list(`from=${encodeURIComponent(future)}`)).items).toHaveLength(0);
    expect((await list(`to=${encodeURIComponent(future)}`)).items).toHaveLength(4);
    const outside = await api(petition).get('/api/v1/cases?divisionCode=510105', ACTORS.clerk);
    expect(outside.status).toBe(404);
  });

  it('pages with a cursor through every case exactly once, in either order', async () => {
    const city = { role: 'supervisor', division: '510100' } as const;
    for (const sort of ['registeredAt', 'deadline']) {
      const all = await list(`sort=${sort}&limit=100`, city);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<Loose>; nextCursor: string | null } = await list(
          `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          city,
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((i) => i.petitionNumber));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((i) => i.petitionNumber));
      expect(new Set(seen).size).toBe(6);
    }
    const byDeadline = (await list('sort=deadline&limit=100', city)).items
      .map((i) => i.currentDeadline?.dueAt)
      .filter(Boolean);
    expect(byDeadline).toEqual([...byDeadline].sort());
    const bad = await api(petition).get('/api/v1/cases?cursor=not-a-cursor', ACTORS.clerk);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });

  it('finds cases by number prefix, by words of the content, and by the petitioner’s ID number', async () => {
    const prefix = jinjiang.registered.slice(0, 12);
    const byNumber = await api(petition).get(
      `/api/v1/cases/search?number=${jinjiang.registered}`,
      ACTORS.clerk,
    );
    expect(byNumber.body.items.map((i: { petitionNumber: string }) => i.petitionNumber)).toEqual([
      jinjiang.registered,
    ]);
    const byPrefix = await api(petition).get(`/api/v1/cases/search?number=${prefix}`, ACTORS.clerk);
    expect(byPrefix.body.items).toHaveLength(4);

    const byWords = await api(petition).get(
      `/api/v1/cases/search?q=${encodeURIComponent('拖欠工资')}`,
      ACTORS.clerk,
    );
    expect(byWords.body.items.map((i: { petitionNumber: string }) => i.petitionNumber)).toEqual([
      jinjiang.registered,
    ]);
    const twoCharacters = await api(petition).get(
      `/api/v1/cases/search?q=${encodeURIComponent('电梯')}`,
      ACTORS.clerk,
    );
    expect(twoCharacters.body.items).toHaveLength(3);
    const neighbour = await api(petition).get(
      `/api/v1/cases/search?q=${encodeURIComponent('工资')}`,
      ACTORS.neighbourClerk,
    );
    expect(neighbour.body.items).toEqual([]);

    const byPetitioner = await api(petition).post('/api/v1/cases/search/petitioner', ACTORS.clerk, {
      idNumber: petitionerId,
    });
    expect(byPetitioner.status).toBe(200);
    expect(
      byPetitioner.body.items.map((i: { petitionNumber: string }) => i.petitionNumber).sort(),
    ).toEqual([jinjiang.registered, jinjiang.accepted].sort());
    const elsewhere = await api(petition).post(
      '/api/v1/cases/search/petitioner',
      ACTORS.neighbourClerk,
      {
        idNumber: petitionerId,
      },
    );
    expect(elsewhere.body.items).toEqual([]);
    const invalid = await api(petition).post('/api/v1/cases/search/petitioner', ACTORS.clerk, {
      idNumber: '510104197512123210',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('INVALID_ID_NUMBER');
    // The number typed is never kept: not in the audit trail, nowhere in the schema.
    const [{ found }] = await petition.schema.query<{ found: number }>(
      `SELECT count(*)::int AS found FROM audit_record WHERE details::text LIKE $1`,
      [`%${petitionerId}%`],
    );
    expect(found).toBe(0);
  });

  it('records each list and search as a read, naming the cases shown', async () => {
    const staff = { ...ACTORS.clerk, userId: 'list-reader' };
    await list('view=mine', staff);
    const [record] = await petition.schema.query<{ details: { view: string; caseIds: string[] } }>(
      `SELECT details FROM audit_record WHERE action = 'case.listed' AND actor_id = 'list-reader'`,
    );
    expect(record.details.view).toBe('mine');
    expect(record.details.caseIds).toHaveLength(1);
  });

  it('shows the case to the organ it was transferred to even outside that organ’s division', async () => {
    const number = await registerLetter(petition);
    await api(petition).post(`/api/v1/cases/${number}/transfer`, ACTORS.clerk, {
      leadOrganId: '510100-zjj',
    });
    const cityBureau = { role: 'handler', division: '510100', organ: '510100-zjj' } as const;
    expect((await api(petition).get(`/api/v1/cases/${number}`, cityBureau)).status).toBe(200);
    expect(numbers(await list('view=mine', cityBureau))).toEqual([number]);
    expect(ORGANS.qingyangOffice).toBe('510105-xfj');
  });
});
