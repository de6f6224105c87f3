import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher, LookupHasher, keyringFromEnv } from '@minsheng/crypto';
import { runServiceMigrations } from '@minsheng/persistence';
import { backingServices, makeResidentIdNumber, TestSchema } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';

describe('migration: protecting petitioner data already stored', () => {
  const keys = {
    FIELD_ENCRYPTION_KEYS: `m1:${randomBytes(32).toString('base64')}`,
    FIELD_ENCRYPTION_ACTIVE_KEY: 'm1',
    LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
  };
  const before = migrations.filter((m) => m.name !== 'ProtectPetitionerData1764400300000');
  let schema: TestSchema;

  beforeAll(async () => {
    Object.assign(process.env, keys);
    schema = await TestSchema.create('complaint-intake', entities, before);
  });

  afterAll(async () => {
    for (const key of Object.keys(keys)) delete process.env[key];
    await schema?.drop();
  });

  const options = () => ({
    url: backingServices().databaseUrl,
    schema: schema.name,
    entities,
    migrations,
    applicationName: 'migration-test',
  });

  it('encrypts existing ID numbers and phones, drops the plain columns, and reverses on down', async () => {
    const idNumber = makeResidentIdNumber('510104', '19750615', 42).toLowerCase();
    await schema.query(
      `INSERT INTO complaint (id, tracking_code, query_code_hash, kind, title, content, division_code,
         petitioner_name, petitioner_id_number, petitioner_phone, status, submitted_at)
       VALUES ($1, 'T0000000MIGR', 'x', 'appeal', '标题', '内容', '510104', '张三', $2, '13800001111', 'submitted', now())`,
      [randomUUID(), idNumber],
    );

    expect(await runServiceMigrations(options())).toEqual(['ProtectPetitionerData1764400300000']);
    const [row] = await schema.query<Record<string, string>>('SELECT * FROM complaint');
    expect(Object.keys(row)).not.toContain('petitioner_id_number');
    expect(JSON.stringify(row)).not.toContain(idNumber.toUpperCase());
    expect(JSON.stringify(row)).not.toContain('13800001111');
    const cipher = new FieldCipher(
      keyringFromEnv(keys.FIELD_ENCRYPTION_KEYS, keys.FIELD_ENCRYPTION_ACTIVE_KEY),
    );
    expect(cipher.decrypt(row.petitioner_id_number_encrypted)).toBe(idNumber.toUpperCase());
    expect(cipher.decrypt(row.petitioner_phone_encrypted)).toBe('13800001111');
    const hasher = new LookupHasher(Buffer.from(keys.LOOKUP_HASH_KEY, 'base64'));
    expect(row.petitioner_id_number_hash).toBe(hasher.hash('id-number', idNumber.toUpperCase()));

    expect(await runServiceMigrations(options(), 'down')).toEqual([
      'ProtectPetitionerData1764400300000',
    ]);
    const [restored] = await schema.query<Record<string, string>>(
      'SELECT petitioner_id_number, petitioner_phone FROM complaint',
    );
    expect(restored).toEqual({
      petitioner_id_number: idNumber.toUpperCase(),
      petitioner_phone: '13800001111',
    });
  });
});
