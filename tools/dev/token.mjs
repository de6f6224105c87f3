#!/usr/bin/env node
// Mints a development access token signed with the dev key (.local/keys/).
// Usage: npm run token -- --role clerk --division 510104 [--organ ORG] [--user ID] [--ttl 8h]
import { parseArgs } from 'node:util';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys, readDevPrivateKey } from './dev-keys.mjs';

const ROLES = [
  'clerk',
  'handler',
  'supervisor',
  'leader',
  'analyst',
  'system-admin',
  'security-admin',
  'audit-admin',
];

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    division: { type: 'string' },
    organ: { type: 'string' },
    user: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});

const roles = values.role ?? [];
const problems = [];
if (roles.length === 0 || roles.some((r) => !ROLES.includes(r)))
  problems.push(`--role must be one of ${ROLES.join(', ')}`);
if (!/^\d{6}$/.test(values.division ?? ''))
  problems.push('--division must be a 6-digit division code, e.g. 510104');
if (problems.length) {
  process.stderr.write(
    `${problems.join('\n')}\nusage: npm run token -- --role clerk --division 510104\n`,
  );
  process.exit(2);
}

await ensureDevKeys();
const { SignJWT, importPKCS8 } = await import('jose');
const key = await importPKCS8(readDevPrivateKey(), 'ES256');
const token = await new SignJWT({
  roles,
  division: values.division,
  ...(values.organ ? { organ: values.organ } : {}),
})
  .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
  .setSubject(values.user ?? `dev-${roles[0]}-${values.division}`)
  .setIssuer(DEV_ISSUER)
  .setAudience(DEV_AUDIENCE)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(key);
process.stdout.write(`${token}\n`);
