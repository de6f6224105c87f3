import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PersonalData } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import {
  backingServices,
  makeMobileNumber,
  makeResidentIdNumber,
  waitFor,
} from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';
import { multipart } from './support/multipart.js';
import * as samples from './support/sample-files.js';

/** Every way a petitioner's ID number could be written, besides the ciphertext. */
function variants(idNumber: string): string[] {
  return [
    idNumber,
    idNumber.toLowerCase(),
    idNumber.slice(0, 17),
    idNumber.slice(6, 14) + idNumber.slice(14),
  ];
}

describe('complaint intake: no plain ID number or phone number at rest', () => {
  let intake: InProcessService;
  let redis: Redis;
  let work: string;
  // One of them with the check character X, which could also be written as a lower-case x.
  const withX = Array.from({ length: 999 }, (_, n) =>
    makeResidentIdNumber('510104', '19850505', n),
  ).find((id) => id.endsWith('X'))!;
  const petitioners = [
    withX,
    ...[10, 11, 12].map((n) => makeResidentIdNumber('510104', '19850505', n)),
  ].map((idNumber, i) => ({ name: '赵六', idNumber, phone: makeMobileNumber(55_000_000 + i) }));

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'intake-pii-'));
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        CHILD_INSTANCES: '510700',
        ATTACHMENT_DIR: join(work, 'store'),
        NOTIFICATION_SENDER: 'sms-simulator',
        NOTIFICATION_POLL_MS: '100',
        RATE_LIMIT_ID_SUBMISSIONS: '100',
      },
    });
    redis = new Redis(backingServices().redisUrl);

    // Every path that writes: JSON and multipart, local and routed, idempotent, rated, reviewed.
    for (const [i, petitioner] of petitioners.entries()) {
      const body = complaintBody({ petitioner, divisionCode: i % 2 ? '510703' : '510104' });
      const form = multipart([
        { name: 'complaint', value: JSON.stringify(body) },
        { name: 'attachments', filename: '现场照片.png', content: samples.png() },
      ]);
      const response = await intake.http.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: { ...form.headers, 'idempotency-key': randomUUID() },
        payload: form.payload,
      });
      expect(response.statusCode).toBe(201);
      const { trackingCode, queryCode } = response.json();
      await intake.schema.query(
        "UPDATE complaint SET status = 'replied', replied_at = now() WHERE tracking_code = $1",
        [trackingCode],
      );
      for (const [action, payload] of [
        ['rating', { queryCode, office: 'satisfied', organ: 'dissatisfied' }],
        ['review-request', { queryCode, reason: '不服答复' }],
      ] as const) {
        const after = await intake.http.inject({
          method: 'POST',
          url: `/api/v1/complaints/${trackingCode}/${action}`,
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expect(after.statusCode).toBe(201);
      }
    }
    // Refused submissions too: nothing of them may linger anywhere.
    await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody({ petitioner: petitioners[0], categoryCode: '0199' }),
    });
    await waitFor(
      async () =>
        (await intake.schema.count('complaint_timeline_entry', 'notified_at IS NULL')) === 0,
      { what: 'every notice to be sent' },
    );
  });

  afterAll(async () => {
    await redis?.quit();
    await intake?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('stores the ciphertext, which decrypts to the values given', async () => {
    const rows = await intake.schema.query<{
      petitioner_id_number_encrypted: string;
      petitioner_phone_encrypted: string;
    }>('SELECT petitioner_id_number_encrypted, petitioner_phone_encrypted FROM complaint');
    const personalData = intake.app.get(PersonalData);
    expect(
      rows
        .map((r) => ({
          idNumber: personalData.reveal(r.petitioner_id_number_encrypted),
          phone: personalData.reveal(r.petitioner_phone_encrypted),
        }))
        .sort((a, b) => a.phone.localeCompare(b.phone)),
    ).toEqual(petitioners.map(({ idNumber, phone }) => ({ idNumber, phone })));
  });

  it('finds neither in any column of any table of its schema', async () => {
    const tables = await intake.schema.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
      [intake.schema.name],
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'complaint',
        'complaint_timeline_entry',
        'complaint_attachment',
        'outbox',
        'audit_record',
      ]),
    );
    let scanned = 0;
    for (const { table_name } of tables) {
      const rows = await intake.schema.query<{ row: string }>(
        `SELECT t::text AS row FROM "${table_name}" t`,
      );
      scanned += rows.length;
      const text = rows.map((r) => r.row).join('\n');
      for (const p of petitioners) {
        for (const value of [...variants(p.idNumber), p.phone]) {
          expect({ table: table_name, found: text.includes(value) ? value : null }).toEqual({
            table: table_name,
            found: null,
          });
        }
      }
    }
    expect(scanned).toBeGreaterThan(40);
  });

  it('finds neither in Redis (rate-limit keys, idempotency results, captchas)', async () => {
    const keys = await redis.keys(`${intake.namespace}:*`);
    expect(keys.length).toBeGreaterThan(0);
    const values = await Promise.all(
      keys.map(async (key) =>
        (await redis.type(key)) === 'zset'
          ? (await redis.zrange(key, 0, -1)).join(',')
          : await redis.get(key),
      ),
    );
    const text = [...keys, ...values].join('\n');
    for (const p of petitioners) {
      for (const value of [...variants(p.idNumber), p.phone]) expect(text).not.toContain(value);
    }
  });

  it('finds neither in the stored attachment files or their names', async () => {
    const files = await readdir(join(work, 'store'), { recursive: true });
    const contents = await Promise.all(
      (await readdir(join(work, 'store'), { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => readFile(join(e.parentPath, e.name), 'latin1')),
    );
    const text = [...files, ...contents].join('\n');
    for (const p of petitioners) {
      for (const value of [...variants(p.idNumber), p.phone]) expect(text).not.toContain(value);
    }
  });
});
