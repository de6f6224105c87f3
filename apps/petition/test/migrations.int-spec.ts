import { randomUUID } from 'node:crypto';
import { TestSchema } from '@minsheng/testing';
import { ProtectPetitionerData1764400400000 } from '../src/migrations/1764400400000-protect-petitioner-data.js';
import { entities, migrations } from '../src/schema.js';

/** The petition migrations that existed before this issue's: up to protecting petitioner data. */
const BEFORE = migrations.slice(0, migrations.indexOf(ProtectPetitionerData1764400400000) + 1);
const ADDED = migrations.length - BEFORE.length;

describe('petition migrations', () => {
  let schema: TestSchema;
  const migrate = (list: typeof migrations, direction: 'up' | 'down' = 'up') =>
    schema.migrate(entities, list, direction);
  const query = <T>(sql: string, params: unknown[] = []) => schema.query<T>(sql, params);

  beforeAll(async () => {
    schema = await TestSchema.create('petition-migrations', entities, BEFORE);
  });

  afterAll(async () => {
    await schema.drop();
  });

  it('bring a case registered before the workflow existed into it, and revert to the earlier shape', async () => {
    const id = randomUUID();
    await query(
      `INSERT INTO petition_case (id, petition_number, kind, channel, title, content, division_code,
         petitioner_name, petitioner_id_number_encrypted, petitioner_id_number_hash,
         petitioner_phone_encrypted, petitioner_phone_hash, status, registered_at)
       VALUES ($1, '510104-2026-000001', 'appeal', 'online', '农民工工资被拖欠', '包工头拖欠三个月工资', '510104',
         '李四', 'v1.x.y', 'h1', 'v1.x.z', 'h2', 'registered', '2026-03-02T02:00:00Z')`,
      [id],
    );

    expect(await migrate(migrations)).toHaveLength(ADDED);
    const [row] = await query<Record<string, unknown>>(
      `SELECT registering_organ_id, deadlines, next_deadline_kind, next_deadline_at, acting_parties,
              jsonb_typeof(text_fingerprint) AS fingerprint, search_vector::text AS words
         FROM petition_case WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      registering_organ_id: '510104-xfj',
      next_deadline_kind: 'routeBy',
      acting_parties: ['510104-xfj:clerk', '510104-xfj:handler'],
      fingerprint: 'object',
    });
    expect((row.deadlines as { routeBy: string }).routeBy).toBe(
      (row.next_deadline_at as Date).toISOString(),
    );
    expect(row.words).toContain('工资');
    const [{ organs }] = await query<{ organs: number }>(
      `SELECT count(*)::int AS organs FROM organ`,
    );
    expect(organs).toBe(36);

    for (let i = 0; i < ADDED; i++) await migrate(migrations, 'down');
    const columns = await query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'petition_case'`,
      [schema.name],
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      [
        'id',
        'petition_number',
        'source_complaint_id',
        'kind',
        'channel',
        'title',
        'content',
        'division_code',
        'petitioner_name',
        'petitioner_id_number_encrypted',
        'petitioner_id_number_hash',
        'petitioner_phone_encrypted',
        'petitioner_phone_hash',
        'status',
        'registered_at',
      ].sort(),
    );
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema.name],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'audit_record',
      'inbox',
      'migrations',
      'outbox',
      'petition_case',
      'petition_number_counter',
    ]);
    expect(await query(`SELECT id FROM petition_case`)).toEqual([{ id }]);

    expect(await migrate(migrations)).toHaveLength(ADDED);
  });
});
