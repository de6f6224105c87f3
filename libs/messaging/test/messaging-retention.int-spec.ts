import pg from 'pg';
import { DataSource } from 'typeorm';
import { backingServices, TestSchema } from '@minsheng/testing';
import { MessagingRetention, messagingMigrations, type MessagingOptions } from '../src/index.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-30T04:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

describe('MessagingRetention against Postgres', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  const retention = (options: Partial<MessagingOptions> = {}) =>
    new MessagingRetention(dataSource, {
      service: 'retention-test',
      namespace: 'ms.test',
      servers: [],
      schema: schema.name,
      ...options,
    });

  /** One outbox row per entry, in seq order: `null` is not yet published. */
  const addOutbox = async (rows: { publishedDaysAgo: number | null }[]) => {
    for (const { publishedDaysAgo } of rows) {
      await schema.query(
        `INSERT INTO outbox (event_id, subject, envelope, created_at, published_at)
         VALUES (gen_random_uuid(), 'ms.test.evt', '{}', $1, $2)`,
        [daysAgo(30), publishedDaysAgo === null ? null : daysAgo(publishedDaysAgo)],
      );
    }
  };
  const outboxLeft = async () =>
    (
      await schema.query<{ published_at: Date | null }>(
        'SELECT published_at FROM outbox ORDER BY seq',
      )
    ).map((r) => (r.published_at ? Math.round((NOW.getTime() - +r.published_at) / DAY_MS) : null));
  const addInbox = (daysAgoProcessed: number, count = 1) =>
    schema.query(
      `INSERT INTO inbox (consumer, event_id, subject, processed_at)
       SELECT 'petition-register', gen_random_uuid(), 'ms.test.evt', $1
         FROM generate_series(1, $2)`,
      [daysAgo(daysAgoProcessed), count],
    );

  beforeAll(async () => {
    schema = await TestSchema.create('messaging-retention', [], messagingMigrations);
    dataSource = new DataSource({
      type: 'postgres',
      url: backingServices().databaseUrl,
      poolSize: 2,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  beforeEach(() => schema.query('TRUNCATE outbox, inbox'));

  it('removes published outbox rows past the retention, oldest first, up to the first row not yet published', async () => {
    await addOutbox([
      { publishedDaysAgo: 10 },
      { publishedDaysAgo: 8 },
      { publishedDaysAgo: null },
      { publishedDaysAgo: 9 },
      { publishedDaysAgo: 1 },
    ]);

    expect(await retention().pruneOnce(NOW)).toEqual({ outbox: 2, inbox: 0 });
    expect(await outboxLeft()).toEqual([null, 9, 1]);
  });

  it('stops at a row published within the retention, and keeps the rows after it', async () => {
    await addOutbox([{ publishedDaysAgo: 3 }, { publishedDaysAgo: 12 }]);

    expect((await retention().pruneOnce(NOW)).outbox).toBe(0);
    expect(await outboxLeft()).toEqual([3, 12]);
    // A shorter retention set for the service reaches both.
    expect((await retention({ retention: { outboxDays: 2 } }).pruneOnce(NOW)).outbox).toBe(2);
    expect(await outboxLeft()).toEqual([]);
  });

  it('keeps an inbox row until a day past the streams’ max age, whatever the outbox retention', async () => {
    await addInbox(92);
    await addInbox(90.5);
    await addInbox(1);

    const removed = await retention({ retention: { outboxDays: 1 } }).pruneOnce(NOW);
    expect(removed).toEqual({ outbox: 0, inbox: 1 });
    expect(await schema.count('inbox')).toBe(2);

    // Shorter streams keep their inbox rows for a shorter time, still a day past their age.
    const shortStreams = retention({ streamMaxAgeDays: 30 });
    expect(shortStreams.inboxDays).toBe(31);
    await addInbox(30.5);
    expect((await shortStreams.pruneOnce(NOW)).inbox).toBe(1);
    expect(await schema.count('inbox')).toBe(2);
  });

  it('removes a backlog larger than one chunk in one pass', async () => {
    await schema.query(
      `INSERT INTO outbox (event_id, subject, envelope, published_at)
       SELECT gen_random_uuid(), 'ms.test.evt', '{}', $1 FROM generate_series(1, 12001)`,
      [daysAgo(20)],
    );
    await addOutbox([{ publishedDaysAgo: 0 }]);
    await addInbox(200, 12_001);

    expect(await retention().pruneOnce(NOW)).toEqual({ outbox: 12_001, inbox: 12_001 });
    expect(await outboxLeft()).toEqual([0]);
    expect(await schema.count('inbox')).toBe(0);
  });

  it('removes nothing while another replica prunes the same table', async () => {
    await addOutbox([{ publishedDaysAgo: 30 }]);
    await addInbox(120);
    const other = new pg.Client({ connectionString: backingServices().databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
        `messaging-retention:${schema.name}:outbox`,
      ]);
      expect(await retention().pruneOnce(NOW)).toEqual({ outbox: 0, inbox: 1 });
      await other.query('COMMIT');
      expect(await retention().pruneOnce(NOW)).toEqual({ outbox: 1, inbox: 0 });
    } finally {
      await other.end();
    }
  });

  it('prunes by itself every interval once started, and stops on shutdown', async () => {
    const until = async (done: () => Promise<boolean>) => {
      const deadline = Date.now() + 5_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error('retention did not run');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const running = retention({ retention: { intervalMs: 100 } });
    await addOutbox([{ publishedDaysAgo: 30 }]);
    running.onApplicationBootstrap();
    try {
      await until(async () => (await schema.count('outbox')) === 0);
      await addInbox(100);
      await until(async () => (await schema.count('inbox')) === 0);
    } finally {
      await running.beforeApplicationShutdown();
    }
    await addInbox(100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await schema.count('inbox')).toBe(1);
  });

  it('has a BRIN index on the inbox’s processed_at that the expiry look-up can use', async () => {
    await addInbox(1, 2_000);
    await schema.query('ANALYZE inbox');
    // A table this small is cheaper to read whole; the index is for the large ones.
    await schema.query('SET enable_seqscan = off');
    try {
      const plan = await schema.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT ctid FROM inbox WHERE processed_at < $1 LIMIT 5000`,
        [daysAgo(91)],
      );
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(
        'Bitmap Index Scan on inbox_processed_at_brin',
      );
    } finally {
      await schema.query('RESET enable_seqscan');
    }
  });
});
