// The bare baseline for bench/intake: Fastify plus one Postgres transaction writing the same two
// rows as a submission (the complaint and its outbox event) — no validation, no framework, no relay.
import { randomBytes, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const { DATABASE_URL, BENCH_SCHEMA, PORT } = process.env;
const pool = new pg.Pool({
  connectionString: DATABASE_URL,
  max: 10,
  options: `-c search_path=${BENCH_SCHEMA}`,
});
const app = Fastify({ bodyLimit: 256 * 1024 });

app.post('/api/v1/complaints', async (request, reply) => {
  const body = request.body;
  const id = randomUUID();
  const trackingCode = `T${randomBytes(6).toString('hex').slice(0, 11).toUpperCase()}`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      // Today's column names; the values go in as sent (no encryption, no lookup hashes).
      `INSERT INTO complaint (id, tracking_code, query_code_hash, kind, title, content, division_code,
         petitioner_name, petitioner_id_number_encrypted, petitioner_id_number_hash,
         petitioner_phone_encrypted, petitioner_phone_hash, status, submitted_at, updated_at)
       VALUES ($1, $2, 'x', $3, $4, $5, $6, $7, $8, $8, $9, $9, 'submitted', now(), now())`,
      [
        id,
        trackingCode,
        body.kind,
        body.title,
        body.content,
        body.divisionCode,
        body.petitioner.name,
        body.petitioner.idNumber,
        body.petitioner.phone,
      ],
    );
    await client.query(
      `INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, 'bench', $2)`,
      [randomUUID(), JSON.stringify({ complaintId: id, body })],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return reply.code(201).send({ trackingCode, queryCode: 'BASELINE' });
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
