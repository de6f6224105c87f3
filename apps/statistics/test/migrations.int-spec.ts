import { randomUUID } from 'node:crypto';
import { TestSchema } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';

/** Every migration before the one that takes complaint keywords from cases. */
const BEFORE = migrations.slice(0, -1);

describe('statistics migrations', () => {
  let schema: TestSchema;
  const migrate = (list: typeof migrations, direction: 'up' | 'down' = 'up') =>
    schema.migrate(entities, list, direction);
  const query = <T>(sql: string, params: unknown[] = []) => schema.query<T>(sql, params);
  const insertDoc = (id: string, keywords: string[] | null) =>
    query(
      `INSERT INTO complaint_doc (complaint_id, division_code, province_code, city_code,
         county_code, submitted_at, day, kind, category_code, title, body, petitioner_hash,
         keywords, mobilisation)
       VALUES ($1, '510104', '510000', '510100', '510104', '2026-03-02T02:00:00Z', '2026-03-02',
         'appeal', 'housing', '开发商逾期交房', '逾期两年仍未交房', 'h1', $2, false)`,
      [id, keywords],
    );
  const keywordsOf = async (id: string) =>
    (
      await query<{ keywords: string[] | null }>(
        `SELECT keywords FROM complaint_doc WHERE complaint_id = $1`,
        [id],
      )
    )[0].keywords;

  beforeAll(async () => {
    schema = await TestSchema.create('statistics-migrations', entities, BEFORE);
  });

  afterAll(async () => {
    await schema.drop();
  });

  it('keep complaints analysed before as they are, let one wait for its keywords, and revert', async () => {
    const analysed = randomUUID();
    await insertDoc(analysed, ['交房', '开发商']);

    expect(await migrate(migrations)).toHaveLength(1);
    expect(await keywordsOf(analysed)).toEqual(['交房', '开发商']);
    const waiting = randomUUID();
    await insertDoc(waiting, null);
    await query(
      `INSERT INTO complaint_keywords (complaint_id, keywords, weights, registered_at)
       VALUES ($1, '{噪音}', '{1.5}', now())`,
      [randomUUID()],
    );

    await migrate(migrations, 'down');
    expect(await keywordsOf(analysed)).toEqual(['交房', '开发商']);
    expect(await keywordsOf(waiting)).toEqual([]);
    const tables = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = $1 AND table_name = 'complaint_keywords'`,
      [schema.name],
    );
    expect(tables[0].n).toBe(0);
    await expect(insertDoc(randomUUID(), null)).rejects.toThrow(/not-null/);

    expect(await migrate(migrations)).toHaveLength(1);
  });
});
