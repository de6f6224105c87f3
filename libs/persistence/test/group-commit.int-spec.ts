import { randomUUID } from 'node:crypto';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import {
  GroupCommit,
  GroupCommitWaitExceeded,
  isUniqueViolation,
  WriteBatch,
} from '../src/index.js';

describe('GroupCommit against Postgres', () => {
  const schema = `persistence_group_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL must be set; run through the Jest config');
    dataSource = new DataSource({ type: 'postgres', url, schema, poolSize: 10 });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(
      `CREATE TABLE "${schema}".item (id uuid PRIMARY KEY, label text NOT NULL UNIQUE);
       CREATE TABLE "${schema}".step (item_id uuid NOT NULL REFERENCES "${schema}".item (id),
         note text NOT NULL)`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  const itemBatch = (id: string, label: string) =>
    new WriteBatch()
      .add(`INSERT INTO "${schema}".item (id, label) VALUES ($1, $2)`, [id, label])
      .add(`INSERT INTO "${schema}".step (item_id, note) VALUES ($1, $2)`, [id, `${label} 已受理`]);

  /** A metric's value for one group's label (a histogram's count of statements). */
  const metricValue = async (name: string, group: string, suffix = '') => {
    const metric = register.getSingleMetric(name);
    const values = (await metric?.get())?.values ?? [];
    return values
      .filter((v) => v.labels.group === group && (!suffix || v.metricName === `${name}${suffix}`))
      .reduce((sum, v) => sum + v.value, 0);
  };

  /** The transaction that wrote each item: rows one transaction wrote share its xmin. */
  const writers = async (ids: string[]): Promise<Map<string, string>> => {
    const rows: { id: string; xmin: string }[] = await dataSource.query(
      `SELECT id, xmin::text AS xmin FROM "${schema}".item WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.xmin]));
  };

  it('writes a batch at once, on its own, when nothing else is in flight', async () => {
    const group = new GroupCommit(dataSource.manager);
    const first = randomUUID();
    const second = randomUUID();
    await group.run(itemBatch(first, `单独-${first}`));
    await group.run(itemBatch(second, `单独-${second}`));
    const xmins = await writers([first, second]);
    expect(xmins.size).toBe(2);
    expect(xmins.get(first)).not.toBe(xmins.get(second));
  });

  it('commits batches that arrive while a statement is in flight together, in fewer transactions', async () => {
    const group = new GroupCommit(dataSource.manager, {
      name: 'concurrent',
      maxInFlight: 1,
      maxBatches: 32,
    });
    const ids = Array.from({ length: 40 }, () => randomUUID());
    await Promise.all(ids.map((id) => group.run(itemBatch(id, `并发-${id}`))));
    // Operators see the groups: as many statements as transactions, 40 batches in them.
    const statements = await metricValue('ms_group_commit_batches', 'concurrent', '_count');
    expect(await metricValue('ms_group_commit_batches', 'concurrent', '_sum')).toBe(40);
    const xmins = await writers(ids);
    expect(xmins.size).toBe(40);
    const transactions = new Set(xmins.values()).size;
    // The first goes alone; the 39 that waited for it go in groups of at most 32.
    expect(transactions).toBeLessThanOrEqual(3);
    expect(transactions).toBeGreaterThanOrEqual(2);
    expect(statements).toBe(transactions);
    const [{ steps }] = await dataSource.query(
      `SELECT count(*)::int AS steps FROM "${schema}".step WHERE item_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(steps).toBe(40);
  });

  it('fails only the batch at fault when a group fails, and commits the others', async () => {
    const group = new GroupCommit(dataSource.manager, { name: 'clash', maxInFlight: 1 });
    const taken = `占用-${randomUUID()}`;
    await group.run(itemBatch(randomUUID(), taken));
    const ids = Array.from({ length: 6 }, () => randomUUID());
    const clash = randomUUID();
    const outcomes = await Promise.allSettled([
      group.run(itemBatch(ids[0], `先行-${ids[0]}`)),
      ...ids.slice(1, 3).map((id) => group.run(itemBatch(id, `组内-${id}`))),
      group.run(itemBatch(clash, taken)),
      ...ids.slice(3).map((id) => group.run(itemBatch(id, `组内-${id}`))),
    ]);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isUniqueViolation((outcomes[3] as PromiseRejectedResult).reason)).toBe(true);
    expect([...(await writers(ids)).keys()].sort()).toEqual([...ids].sort());
    expect((await writers([clash])).size).toBe(0);
    const [{ orphans }] = await dataSource.query(
      `SELECT count(*)::int AS orphans FROM "${schema}".step WHERE item_id = $1`,
      [clash],
    );
    expect(orphans).toBe(0);
    expect(await metricValue('ms_group_commit_split_total', 'clash')).toBe(1);
  });

  it('runs each batch’s hooks once, after its commit, outside any transaction', async () => {
    const group = new GroupCommit(dataSource.manager, { maxInFlight: 1 });
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const seen: { id: string; transaction: unknown }[] = [];
    await Promise.all(
      ids.map((id) =>
        group.run(
          itemBatch(id, `钩子-${id}`).afterWrite((transaction) => {
            seen.push({ id, transaction });
          }),
        ),
      ),
    );
    expect(seen.map((s) => s.id).sort()).toEqual([...ids].sort());
    expect(seen.every((s) => s.transaction === undefined)).toBe(true);
    expect((await writers(ids)).size).toBe(5);
  });

  it('refuses batches that wait too long behind a statement that hangs, writing none of them', async () => {
    const group = new GroupCommit(dataSource.manager, {
      name: 'hanging',
      maxInFlight: 1,
      maxWaitMs: 300,
    });
    const blocker = dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`LOCK TABLE "${schema}".item IN ACCESS EXCLUSIVE MODE`);
    const first = randomUUID();
    const stuck = group.run(itemBatch(first, `阻塞-${first}`));
    const late = Array.from({ length: 3 }, () => randomUUID());
    const refused = await Promise.allSettled(
      late.map((id) => group.run(itemBatch(id, `超时-${id}`))),
    );
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(
      refused.every((r) => r.status === 'rejected' && r.reason instanceof GroupCommitWaitExceeded),
    ).toBe(true);
    await blocker.commitTransaction();
    await blocker.release();
    await stuck;
    const written = await writers([first, ...late]);
    expect([...written.keys()]).toEqual([first]);
    expect(await metricValue('ms_group_commit_refused_total', 'hanging')).toBe(3);
    // The queue is clear: the next batch goes at once.
    const next = randomUUID();
    await group.run(itemBatch(next, `恢复-${next}`));
    expect((await writers([next])).size).toBe(1);
  });

  it('refuses a transaction’s manager: its batches commit with that transaction instead', async () => {
    await dataSource.transaction(async (manager) => {
      expect(() => new GroupCommit(manager)).toThrow(/data source manager/);
    });
  });
});
