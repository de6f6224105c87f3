import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@minsheng/persistence';
import { backingServices, TestSchema } from '@minsheng/testing';
import {
  AuditModule,
  AuditRetention,
  AuditSealer,
  AuditTrail,
  CreateAuditRecords1764400050000,
  SYSTEM_ACTOR,
  verifyAuditChain,
  type AuditEntry,
} from '../src/index.js';

const entry = (action: string, details: Record<string, unknown> = {}): AuditEntry => ({
  action,
  outcome: 'success',
  actor: { id: 'clerk-1', roles: ['clerk'], divisionCode: '510104' },
  target: { type: 'petition-case', id: 'case-1' },
  divisionCode: '510104',
  details,
});

describe('audit trail', () => {
  let schema: TestSchema;
  let moduleRef: TestingModule;
  let trail: AuditTrail;
  let sealer: AuditSealer;
  const verify = () => verifyAuditChain((sql, params) => schema.query(sql, params), schema.name);
  const asOwner = async (sql: string) => {
    // What an attacker with the table owner's rights could do: switch the guard off first.
    await schema.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only');
    await schema.query(sql);
    await schema.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only');
  };

  const migrations = [CreateAuditRecords1764400050000];
  /** The audit module on the test's schema, sealing on a long interval: the tests seal explicitly. */
  const startAudit = async (options: { retentionIntervalMs?: number } = {}) => {
    const started = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: backingServices().databaseUrl,
            schema: schema.name,
            entities: [],
            migrations,
            applicationName: 'audit-test',
          }),
        ),
        AuditModule.forRoot({
          schema: schema.name,
          instanceDivision: '510000',
          sealIntervalMs: 3_600_000,
          ...options,
        }),
      ],
    }).compile();
    await started.init();
    return started;
  };

  beforeEach(async () => {
    schema = await TestSchema.create('audit-test', [], migrations);
    moduleRef = await startAudit();
    trail = moduleRef.get(AuditTrail);
    sealer = moduleRef.get(AuditSealer);
  });

  afterEach(async () => {
    await moduleRef?.close();
    await schema?.drop();
  });

  it('chains records with SM3 and verifies an untouched chain', async () => {
    for (let i = 0; i < 5; i++) await trail.record(entry('case.viewed', { i, 名称: '测试' }));
    expect(await sealer.sealOnce()).toBe(5);
    const report = await verify();
    expect(report).toEqual({ verified: 5, unsealed: 0, problems: [] });
    const [first] = await schema.query<{ prev_hash: string; hash: string }>(
      'SELECT prev_hash, hash FROM audit_record WHERE chain_index = 1',
    );
    expect(first.prev_hash).toBe('0'.repeat(64));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the chain intact with many concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => trail.record(entry('case.updated', { i }))),
    );
    while ((await sealer.sealOnce(25)) > 0);
    expect(await verify()).toEqual({ verified: 60, unsealed: 0, problems: [] });
  });

  it('seals a backlog of several batches in one go, so the chain keeps up with a burst', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => trail.record(entry('case.updated', { i }))),
    );
    expect(await sealer.sealBacklog(25)).toBe(60);
    expect(await verify()).toEqual({ verified: 60, unsealed: 0, problems: [] });
  });

  it('refuses updates, deletes and truncation through the application connection', async () => {
    await trail.record(entry('case.viewed'));
    await sealer.sealOnce();
    await expect(schema.query(`UPDATE audit_record SET action = 'nothing'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(schema.query('DELETE FROM audit_record')).rejects.toThrow(/append-only/);
    await expect(schema.query('TRUNCATE audit_record')).rejects.toThrow(/append-only/);
    expect(await schema.count('audit_record')).toBe(1);
  });

  it('names a record whose content was altered', async () => {
    for (let i = 0; i < 4; i++) await trail.record(entry('case.viewed', { i }));
    await sealer.sealOnce();
    await asOwner(`UPDATE audit_record SET outcome = 'denied' WHERE chain_index = 3`);
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({
        chainIndex: '3',
        reason: 'record content does not match its hash (altered)',
      }),
    ]);
  });

  it('names the gap where a record was removed', async () => {
    for (let i = 0; i < 4; i++) await trail.record(entry('case.viewed', { i }));
    await sealer.sealOnce();
    await asOwner('DELETE FROM audit_record WHERE chain_index = 2');
    const report = await verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ chainIndex: '3', reason: 'records 2..2 are missing' }),
    ]);
  });

  it('detects removal of the oldest records unless retention recorded it', async () => {
    for (let i = 0; i < 3; i++) await trail.record(entry('case.viewed', { i }));
    await sealer.sealOnce();
    await asOwner('DELETE FROM audit_record WHERE chain_index = 1');
    expect((await verify()).problems[0].reason).toBe(
      'chain starts at index 2 with no recorded purge before it',
    );
  });

  it('purges only records past retention, as a prefix of the chain, and the chain still verifies', async () => {
    // Records written 200 days ago (as if), then today's.
    await schema.query(
      `INSERT INTO audit_record (id, at, actor_id, action, outcome)
       SELECT gen_random_uuid(), now() - interval '200 days' + n * interval '1 minute', 'system', 'old.event', 'success'
         FROM generate_series(1, 3) AS n`,
    );
    await trail.record(entry('case.viewed'));
    await sealer.sealOnce();
    expect(await moduleRef.get(AuditRetention).purgeOnce()).toBe(3);
    await sealer.sealOnce();
    expect(await schema.count('audit_record', `action = 'old.event'`)).toBe(0);
    expect(await schema.count('audit_record', `action = 'case.viewed'`)).toBe(1);
    const [purge] = await schema.query<{ details: { removed: number } }>(
      `SELECT details FROM audit_record WHERE action = 'audit.retention.purged'`,
    );
    expect(purge.details.removed).toBe(3);
    expect(await verify()).toEqual({ verified: 2, unsealed: 0, problems: [] });
  });

  it('purges by itself every retention interval once the module has started', async () => {
    await schema.query(
      `INSERT INTO audit_record (id, at, actor_id, action, outcome)
       SELECT gen_random_uuid(), now() - interval '200 days', 'system', 'old.event', 'success'`,
    );
    await sealer.sealOnce();
    const purging = await startAudit({ retentionIntervalMs: 100 });
    try {
      const deadline = Date.now() + 5_000;
      while ((await schema.count('audit_record', `action = 'old.event'`)) > 0) {
        if (Date.now() > deadline) throw new Error('retention did not run');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await purging.close();
    }
    expect(await schema.count('audit_record', `action = 'audit.retention.purged'`)).toBe(1);
  });

  it('never purges a record younger than 180 days', async () => {
    await trail.record({ ...entry('case.viewed'), actor: SYSTEM_ACTOR });
    await sealer.sealOnce();
    expect(await moduleRef.get(AuditRetention).purgeOnce()).toBe(0);
    await schema.query(`SET minsheng.audit_purge = 'on'`);
    await expect(schema.query('DELETE FROM audit_record')).rejects.toThrow(/append-only/);
    await schema.query(`RESET minsheng.audit_purge`);
    expect(await schema.count('audit_record')).toBe(1);
  });

  it('writes inside the caller’s transaction, so a rolled-back change leaves no record', async () => {
    await expect(
      moduleRef.get(DataSource).transaction(async (tx) => {
        await trail.record(entry('case.updated'), tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await schema.count('audit_record')).toBe(0);
  });
});
