// Operator command: `node apps/exchange-gateway/dist/federation/replay-dead-letters.js [--id <uuid>]`
// with DATABASE_URL (and DB_SCHEMA if not exchange_gateway). It asks the running gateway to replay
// the open dead letters (or one) after a fix: the gateway picks the request up within a second
// and sends each through the whole receiving path again. Prints what it asked for.
import pg from 'pg';

const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string) => process.stderr.write(`${line}\n`);

const args = process.argv.slice(2);
const idIndex = args.indexOf('--id');
const id = idIndex >= 0 ? args[idIndex + 1] : undefined;
if (args.includes('--help') || (idIndex >= 0 && !/^[0-9a-f-]{36}$/i.test(id ?? ''))) {
  fail('usage: replay-dead-letters.js [--id <dead-letter uuid>]');
  process.exit(2);
}
const url = process.env.DATABASE_URL;
if (!url) {
  fail('replay-dead-letters: set DATABASE_URL');
  process.exit(2);
}
const schema = process.env.DB_SCHEMA ?? 'exchange_gateway';
if (!/^[a-z_][a-z0-9_]*$/i.test(schema)) {
  fail('replay-dead-letters: DB_SCHEMA is not an identifier');
  process.exit(2);
}

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const result = await client.query(
    `UPDATE "${schema}".federation_dead_letter SET replay_requested_at = now()
      WHERE replayed_at IS NULL AND ($1::uuid IS NULL OR id = $1) RETURNING id, reason`,
    [id ?? null],
  );
  for (const row of result.rows) say(`replay requested: ${row.id} (${row.reason})`);
  say(`${result.rowCount} dead letter(s) will be replayed by the running gateway`);
} finally {
  await client.end();
}
