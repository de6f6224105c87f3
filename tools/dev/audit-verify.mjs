#!/usr/bin/env node
// `npm run audit:verify [-- --schema petition …]`: recomputes every service's SM3 audit chain and
// names any record that was altered or removed. Exit 1 when a chain is broken.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT, ensureBackingServices } from './backing-services.mjs';
import { SERVICES, nx } from './workspace.mjs';

const { values } = parseArgs({ options: { schema: { type: 'string', multiple: true } } });

await nx(['run', 'audit:build', '--output-style=static'], {
  env: { ...process.env, NX_TUI: 'false' },
  stdio: ['ignore', 'ignore', 2],
});
const { verifyAuditChain } = await import(join(REPO_ROOT, 'libs', 'audit', 'dist', 'index.js'));

const databaseUrl =
  process.env.DATABASE_URL ?? (await ensureBackingServices({ log: () => {} })).databaseUrl;
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();

const candidates =
  values.schema ?? SERVICES.filter((s) => !s.stateless).map((s) => s.name.replace(/-/g, '_'));
const { rows: present } = await client.query(
  `SELECT table_schema FROM information_schema.tables WHERE table_name = 'audit_record' AND table_schema = ANY($1)`,
  [candidates],
);
const schemas = candidates.filter((s) => present.some((p) => p.table_schema === s));
let broken = false;
for (const schema of schemas) {
  const report = await verifyAuditChain(
    async (sql, params) => (await client.query(sql, params)).rows,
    schema,
  );
  if (report.problems.length === 0) {
    process.stdout.write(
      `${schema}: ${report.verified} records verified, chain intact` +
        (report.unsealed ? ` (${report.unsealed} not yet sealed)` : '') +
        '\n',
    );
    continue;
  }
  broken = true;
  for (const p of report.problems) {
    process.stdout.write(
      `${schema}: BROKEN at record seq ${p.seq} (chain index ${p.chainIndex}, id ${p.id}): ${p.reason}\n`,
    );
  }
}
for (const missing of candidates.filter((s) => !schemas.includes(s))) {
  process.stdout.write(`${missing}: no audit trail found\n`);
  if (values.schema) broken = true;
}
await client.end();
process.exit(broken ? 1 : 0);
