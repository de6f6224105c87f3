import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runServiceMigrations } from '@minsheng/persistence';
import { backingServices, uniqueSuffix } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';

/** Every migration before the one that takes complaint keywords from cases. */
const BEFORE = migrations.slice(0, -1);

describe('statistics migrations', () => {
  const schema = `t_${uniqueSuffix()}_statistics_migrations`;
  const client = new pg.Client({ connectionString: backingServices().databaseUrl });
  const migrate = (list: typeof migrations, direction: 'up' | 'down' = 'up') =>
    runServiceMigrations(
      {
        url: backingServices().databaseUrl,
        schema,
        entities,
        migrations: list,
        applicationName: 'test',
      },
      direction,
    );
  const query = async <T>(sql: string, params: unknown[] = []) =>
    (await client.query(sql.replaceAll('$schema', `"${schema}"`), params)).rows as T[];
  const insertDoc = (id: string, keywords: string[] | null) =>
    query(
      `INSERT INTO $schema.complaint_doc (complaint_id, division_code, province_code, city_code,
         county_code, submitted_at, day, kind, category_code, title, body, petitioner_hash,
         keywords, mobilisation)
       VALUES ($1, '510104', '510000', '510100', '510104', '2026-03-02T02:00:00Z', '2026-03-02',
         'appeal', 'housing', '开发商逾期交房', '逾期两年仍未交房', 'h1', $2, false)`,
      [id, keywords],
    );
  const keywordsOf = async (id: string) =>
    (
      await query<{ keywords: string[] | null }>(
        `SELECT keywords FROM $schema.complaint_doc WHERE complaint_id = $1`,
        [id],
      )
    )[0].keywords;

  beforeAll(async () => {
    await client.connect();
  });

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('keep complaints analysed before as they are, let one wait for its keywords, and revert', async () => {
    await migrate(BEFORE);
    const analysed = randomUUID();
    await insertDoc(analysed, ['交房', '开发商']);

    expect(await migrate(migrations)).toHaveLength(1);
    expect(await keywordsOf(analysed)).toEqual(['交房', '开发商']);
    const waiting = randomUUID();
    await insertDoc(waiting, null);
    await query(
      `INSERT INTO $schema.complaint_keywords (complaint_id, keywords, weights, registered_at)
       VALUES ($1, '{噪音}', '{1.5}', now())`,
      [randomUUID()],
    );

    await migrate(migrations, 'down');
    expect(await keywordsOf(analysed)).toEqual(['交房', '开发商']);
    expect(await keywordsOf(waiting)).toEqual([]);
    const tables = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = $1 AND table_name = 'complaint_keywords'`,
      [schema],
    );
    expect(tables[0].n).toBe(0);
    await expect(insertDoc(randomUUID(), null)).rejects.toThrow(/not-null/);

    expect(await migrate(migrations)).toHaveLength(1);
  });
});
