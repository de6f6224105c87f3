import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { backingServices } from '@minsheng/testing';
import { publishOutboxBatch, type OutboxTable } from '../src/index.js';

interface Row {
  seq: string;
  event_id: string;
  body: { n: number };
}

describe('publishOutboxBatch against Postgres', () => {
  const schema = `messaging_batch_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;
  const table = (batchSize = 100): OutboxTable => ({
    schema,
    table: 'outbox',
    columns: ['event_id', 'body'],
    lockName: `outbox:${schema}`,
    batchSize,
  });

  beforeAll(async () => {
    dataSource = new DataSource({
      type: 'postgres',
      url: backingServices().databaseUrl,
      poolSize: 4,
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(
      `CREATE TABLE "${schema}".outbox (seq bigserial PRIMARY KEY, event_id uuid NOT NULL,
         body jsonb NOT NULL, published_at timestamptz)`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  beforeEach(() => dataSource.query(`TRUNCATE "${schema}".outbox`));

  const add = (count: number) =>
    dataSource.query(
      `INSERT INTO "${schema}".outbox (event_id, body)
       SELECT gen_random_uuid(), jsonb_build_object('n', g) FROM generate_series(1, $1) g`,
      [count],
    );
  const unpublished = async () =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM "${schema}".outbox WHERE published_at IS NULL`,
        )
      )[0].n,
    );

  it('hands over a batch in seq order, with its columns parsed, and marks it published', async () => {
    await add(5);
    const seen: Row[][] = [];
    const published = await publishOutboxBatch<Row>(dataSource, table(3), async (rows) => {
      seen.push(rows);
    });
    expect(published).toBe(3);
    expect(seen).toHaveLength(1);
    expect(seen[0].map((r) => r.body.n)).toEqual([1, 2, 3]);
    expect(seen[0].every((r) => /^\d+$/.test(r.seq) && r.event_id.length === 36)).toBe(true);
    expect(await unpublished()).toBe(2);
    const rest = await publishOutboxBatch<Row>(dataSource, table(3), async (rows) => {
      seen.push(rows);
    });
    expect(rest).toBe(2);
    expect(seen[1].map((r) => r.body.n)).toEqual([4, 5]);
    expect(await publishOutboxBatch(dataSource, table(3), async () => undefined)).toBe(0);
  });

  it('reads the text columns as the stored JSON, unparsed', async () => {
    await add(2);
    const seen: Array<{ seq: string; body: unknown }> = [];
    const published = await publishOutboxBatch<{ seq: string; body: unknown }>(
      dataSource,
      { ...table(), textColumns: ['body'] },
      async (rows) => {
        seen.push(...rows);
      },
    );
    expect(published).toBe(2);
    expect(seen.map((r) => r.body)).toEqual(['{"n": 1}', '{"n": 2}']);
  });

  it('refuses a text column that is not among the columns read, before touching the table', async () => {
    await add(1);
    await expect(
      publishOutboxBatch(
        dataSource,
        { ...table(), textColumns: ['headers'] },
        async () => undefined,
      ),
    ).rejects.toThrow('outbox: headers is not a column read');
    expect(await unpublished()).toBe(1);
  });

  it('publishes nothing while another relay holds the lock', async () => {
    await add(4);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = publishOutboxBatch<Row>(dataSource, table(), async () => {
      entered();
      await held;
    });
    await inside;
    const second: Row[] = [];
    const published = await publishOutboxBatch<Row>(dataSource, table(), async (rows) => {
      second.push(...rows);
    });
    expect(published).toBe(0);
    expect(second).toEqual([]);
    release();
    expect(await first).toBe(4);
    expect(await unpublished()).toBe(0);
  });

  it('leaves the batch unpublished when publishing fails, and the pool usable', async () => {
    await add(3);
    await expect(
      publishOutboxBatch(dataSource, table(), async () => {
        throw new Error('JetStream unavailable');
      }),
    ).rejects.toThrow('JetStream unavailable');
    expect(await unpublished()).toBe(3);
    // Every pooled connection is out of its transaction: the lock is free again at once.
    const [{ open }] = await dataSource.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'
          AND query LIKE '%' || $1 || '%'`,
      [schema],
    );
    expect(open).toBe(0);
    expect(await publishOutboxBatch(dataSource, table(), async () => undefined)).toBe(3);
    expect(await unpublished()).toBe(0);
  });

  it('survives its connection being terminated while a batch is published, and leaves it unpublished', async () => {
    await add(2);
    await expect(
      publishOutboxBatch(dataSource, table(), async () => {
        // Postgres restarting: the relay's backend goes away between its two round trips.
        await dataSource.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
              AND state LIKE 'idle in transaction%' AND query LIKE '%' || $1 || '%'`,
          [schema],
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }),
    ).rejects.toThrow();
    expect(await unpublished()).toBe(2);
    expect(await publishOutboxBatch(dataSource, table(), async () => undefined)).toBe(2);
    expect(await unpublished()).toBe(0);
  });

  it('refuses names it would have to quote, before touching the database', async () => {
    await expect(
      publishOutboxBatch(dataSource, { ...table(), table: 'outbox; DROP TABLE x' }, async () => {
        throw new Error('never published');
      }),
    ).rejects.toThrow(/plain identifier/);
    await expect(
      publishOutboxBatch(dataSource, { ...table(), batchSize: 0 }, async () => undefined),
    ).rejects.toThrow(/batchSize/);
  });
});
