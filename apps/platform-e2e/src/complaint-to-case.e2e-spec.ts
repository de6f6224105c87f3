import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { backingServices } from '@minsheng/testing';
import { makeMobileNumber, makeResidentIdNumber, waitFor } from '@minsheng/testing';

function runAuditVerify(schema: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['tools/dev/audit-verify.mjs', '--schema', schema], {
      env: { ...process.env, DATABASE_URL: backingServices().databaseUrl },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output }));
  });
}
import { Platform, SERVICES } from './platform.js';

interface Submitted {
  trackingCode: string;
  queryCode: string;
  idNumber: string;
  phone: string;
}

describe('the platform as real processes', () => {
  const platform = new Platform();
  const submittedHere: Submitted[] = [];

  // Eight services migrated and started one after another: ~60 s on these hosts, past 120 s when
  // the host runs slow (2026-12-02), which is not what this suite tests.
  beforeAll(() => platform.start(), 300_000);
  afterAll(() => platform.stop(), 60_000);

  async function submit(n: number): Promise<Submitted> {
    const idNumber = makeResidentIdNumber('510104', '19800101', n % 1000);
    const phone = makeMobileNumber(70_000_000 + n);
    const response = await fetch(
      `${platform.process('complaint-intake').baseUrl}/api/v1/complaints`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          petitioner: { name: '王五', idNumber, phone },
          divisionCode: '510104',
          kind: 'appeal',
          categoryCode: '0101',
          title: `道路坑洼 ${n}`,
          content: `锦江区某路段坑洼不平，雨天积水（第 ${n} 件）。`,
        }),
      },
    );
    expect(response.status).toBe(201);
    const codes = (await response.json()) as { trackingCode: string; queryCode: string };
    const submitted = { ...codes, idNumber, phone };
    submittedHere.push(submitted);
    return submitted;
  }

  async function statusOf({ trackingCode, queryCode }: Submitted) {
    const response = await fetch(
      `${platform.process('complaint-intake').baseUrl}/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
    );
    return (await response.json()) as {
      status: string;
      petitionNumber: string | null;
      timeline: { status: string }[];
    };
  }

  async function casesFor(trackingCode: string): Promise<number> {
    const [complaint] = await platform
      .schema('complaint-intake')
      .query<{ id: string }>('SELECT id FROM complaint WHERE tracking_code = $1', [trackingCode]);
    return platform
      .schema('petition')
      .count('petition_case', 'source_complaint_id = $1', [complaint.id]);
  }

  it('brings every service to ready, each with metrics and — but the text-analyser, whose API is NATS — OpenAPI docs', async () => {
    for (const service of SERVICES) {
      const { name } = service;
      const base = platform.process(name).baseUrl;
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const docs = await fetch(`${base}/api/docs.json`);
      expect(docs.status).toBe('stateless' in service ? 404 : 200);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain(`service="${name}"`);
    }
  });

  it('turns a submitted complaint into a registered petition case exactly once', async () => {
    const complaint = await submit(1);
    const status = await waitFor(
      async () => {
        const s = await statusOf(complaint);
        return s.status === 'registered' ? s : undefined;
      },
      { what: 'the complaint to be registered' },
    );
    expect(status.petitionNumber).toMatch(/^510104-\d{4}-\d{6}$/);
    expect(status.timeline.map((t) => t.status)).toEqual(['submitted', 'registered']);
    expect(await casesFor(complaint.trackingCode)).toBe(1);
  });

  it('registers every complaint submitted while petition was killed, exactly once, after it restarts', async () => {
    const petition = platform.process('petition');
    await petition.kill('SIGKILL');
    const whileDown: Submitted[] = [];
    for (let n = 100; n < 125; n++) whileDown.push(await submit(n));
    expect((await statusOf(whileDown[0])).status).toBe('submitted');

    await petition.start();
    // Events JetStream handed to the killed process's open pull come back after the ack wait
    // (30 s); on a loaded two-core machine the rest of the path can take as long again.
    // Polled in petition's tables: the public status lookup is rate limited per address (120 a
    // minute), which polling 25 complaints twice a second would exhaust.
    await waitFor(
      async () =>
        (await Promise.all(whileDown.map((c) => casesFor(c.trackingCode)))).every((n) => n >= 1),
      { timeoutMs: 120_000, intervalMs: 500, what: 'all complaints to be registered' },
    );
    for (const complaint of whileDown) expect(await casesFor(complaint.trackingCode)).toBe(1);
    // Intake learns each number from petition's event: wait for the last of them, then read once.
    const statuses = await waitFor(
      async () => {
        const all = await Promise.all(whileDown.map(statusOf));
        return all.every((s) => s.status === 'registered') ? all : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 15_000, what: 'intake to show every complaint registered' },
    );
    const numbers = new Set(statuses.map((s) => s.petitionNumber));
    expect(numbers.size).toBe(whileDown.length);
  }, 240_000);

  it('stores no plain ID number or phone number anywhere in any service’s database schema', async () => {
    expect(submittedHere.length).toBeGreaterThan(20);
    for (const [name, schema] of platform.schemas) {
      const tables = await schema.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
        [schema.name],
      );
      for (const { table_name } of tables) {
        const dump = JSON.stringify(await schema.query(`SELECT * FROM "${table_name}"`));
        for (const { idNumber, phone } of submittedHere) {
          expect({
            where: `${name}.${table_name}`,
            found: dump.includes(idNumber) || dump.includes(phone),
          }).toEqual({
            where: `${name}.${table_name}`,
            found: false,
          });
        }
      }
    }
  });

  it('keeps plain ID numbers and phone numbers out of every log line', async () => {
    const logs = await Promise.all(
      ['complaint-intake', 'petition'].map((name) =>
        readFile(`${platform.logDir}/${name}.log`, 'utf8'),
      ),
    );
    const text = logs.join('\n');
    expect(text).toContain('"requestId"');
    for (const { idNumber, phone } of submittedHere) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(phone);
    }
  });

  it('keeps a verifiable audit chain, and audit:verify names a record altered behind its back', async () => {
    const petitionSchema = platform.schema('petition');
    await waitFor(async () => (await petitionSchema.count('audit_record', 'hash IS NULL')) === 0, {
      what: 'the audit trail to be sealed',
    });
    const intact = await runAuditVerify(petitionSchema.name);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/records verified, chain intact/);

    const [victim] = await petitionSchema.query<{ seq: string }>(
      `SELECT seq FROM audit_record WHERE action = 'case.registered' ORDER BY seq LIMIT 1`,
    );
    await petitionSchema.query('ALTER TABLE audit_record DISABLE TRIGGER audit_record_append_only');
    await petitionSchema.query(
      `UPDATE audit_record SET details = '{"petitionNumber":"forged"}' WHERE seq = $1`,
      [victim.seq],
    );
    await petitionSchema.query('ALTER TABLE audit_record ENABLE TRIGGER audit_record_append_only');
    const broken = await runAuditVerify(petitionSchema.name);
    expect(broken.code).toBe(1);
    expect(broken.output).toContain(`BROKEN at record seq ${victim.seq}`);
    expect(broken.output).toContain('altered');
  });

  it('stops cleanly on SIGTERM: closes its connections and exits 0', async () => {
    const exitCode = await platform.process('video-reception').kill('SIGTERM');
    expect(exitCode).toBe(0);
    const log = await readFile(`${platform.logDir}/video-reception.log`, 'utf8');
    expect(log).toMatch(/"msg":"shutting down"[\s\S]*"msg":"stopped"/);
  });
});
