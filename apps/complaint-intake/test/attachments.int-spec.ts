import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';
import { FakeS3Server } from './support/fake-s3-server.js';
import { multipart, type FormPart } from './support/multipart.js';
import * as samples from './support/sample-files.js';

const MAX_FILE = 64 * 1024;
const MAX_TOTAL = 100 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

const complaintPart = (overrides: Record<string, unknown> = {}): FormPart => ({
  name: 'complaint',
  value: JSON.stringify(complaintBody(overrides)),
});
const file = (filename: string, content: Buffer, contentType?: string): FormPart => ({
  name: 'attachments',
  filename,
  content,
  contentType,
});

describe('complaint intake: attachments (filesystem store)', () => {
  let intake: InProcessService;
  let work: string;
  let storeDir: string;
  let stagingDir: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'intake-attachments-'));
    storeDir = join(work, 'store');
    stagingDir = join(work, 'staging');
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        ATTACHMENT_DIR: storeDir,
        ATTACHMENT_STAGING_DIR: stagingDir,
        ATTACHMENT_MAX_FILES: '3',
        ATTACHMENT_MAX_FILE_BYTES: String(MAX_FILE),
        ATTACHMENT_MAX_TOTAL_BYTES: String(MAX_TOTAL),
        RATE_LIMITS_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    await intake?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const submit = (parts: FormPart[]) => {
    const { payload, headers } = multipart(parts);
    return intake.http.inject({ method: 'POST', url: '/api/v1/complaints', headers, payload });
  };
  const download = (trackingCode: string, id: string, queryCode: string) =>
    intake.http.inject({
      method: 'GET',
      url: `/api/v1/complaints/${trackingCode}/attachments/${id}?queryCode=${queryCode}`,
    });
  const status = (trackingCode: string, queryCode: string) =>
    intake.http.inject({
      method: 'GET',
      url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
    });

  it('stores images, a PDF and office documents with the type their bytes show, and serves them back to the code holder', async () => {
    const photo = samples.png(8, 8);
    const scan = samples.pdf('扫描件');
    const sheet = samples.xls();
    const response = await submit([
      complaintPart(),
      file('现场照片.PNG', photo, 'application/octet-stream'),
      file('情况说明.pdf', scan, 'image/png'),
      file('台账', sheet),
    ]);
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();

    const view = (await status(trackingCode, queryCode)).json();
    expect(view.attachments).toEqual([
      {
        id: expect.any(String),
        fileName: '现场照片.PNG',
        contentType: 'image/png',
        sizeBytes: photo.length,
      },
      {
        id: expect.any(String),
        fileName: '情况说明.pdf',
        contentType: 'application/pdf',
        sizeBytes: scan.length,
      },
      // No extension: the true one is added.
      {
        id: expect.any(String),
        fileName: '台账.xls',
        contentType: 'application/vnd.ms-excel',
        sizeBytes: sheet.length,
      },
    ]);
    const [{ id: complaintId }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    const [event] = await intake.schema.query<{ envelope: { data: { attachments: unknown[] } } }>(
      "SELECT envelope FROM outbox WHERE subject = 'complaint-intake.complaint.submitted' AND envelope->'data'->>'complaintId' = $1",
      [complaintId],
    );
    expect(event.envelope.data.attachments).toHaveLength(3);
    expect(event.envelope.data.attachments[0]).toMatchObject({
      fileName: '现场照片.PNG',
      contentType: 'image/png',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const first = await download(trackingCode, view.attachments[0].id, queryCode);
    expect(first.statusCode).toBe(200);
    expect(first.rawPayload).toEqual(photo);
    expect(first.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(first.headers['content-disposition']).toBe(
      `attachment; filename="____.PNG"; filename*=UTF-8''${encodeURIComponent('现场照片.PNG')}`,
    );
    expect((await download(trackingCode, view.attachments[1].id, queryCode)).rawPayload).toEqual(
      scan,
    );
  });

  it('serves an attachment to nobody else: wrong query code, another complaint’s codes, or a made-up id all get 404', async () => {
    const mine = (await submit([complaintPart(), file('a.png', samples.png())])).json();
    const other = (await submit([complaintPart(), file('b.png', samples.png())])).json();
    const [mineView, otherView] = [
      (await status(mine.trackingCode, mine.queryCode)).json(),
      (await status(other.trackingCode, other.queryCode)).json(),
    ];
    const attachmentId = mineView.attachments[0].id;
    for (const response of [
      await download(mine.trackingCode, attachmentId, 'ZZZZZZZZ'),
      await download(other.trackingCode, attachmentId, other.queryCode),
      await download(mine.trackingCode, otherView.attachments[0].id, mine.queryCode),
      await download(mine.trackingCode, '00000000-0000-4000-8000-000000000000', mine.queryCode),
      await download(mine.trackingCode, '..%2F..%2Fetc%2Fpasswd', mine.queryCode),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await download(mine.trackingCode, attachmentId, mine.queryCode)).statusCode).toBe(200);
  });

  it('serves an attachment to staff of the complaint’s jurisdiction only, and audits each read', async () => {
    const mine = (await submit([complaintPart(), file('现场.png', samples.png())])).json();
    const [{ id: complaintId }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [mine.trackingCode],
    );
    const attachmentId = (await status(mine.trackingCode, mine.queryCode)).json().attachments[0].id;
    const url = `/api/v1/staff/complaints/${complaintId}/attachments/${attachmentId}`;
    const as = async (role: 'handler' | 'clerk', division: string) =>
      intake.http.inject({
        method: 'GET',
        url,
        headers: {
          authorization: `Bearer ${await intake.keys.token(role, division, `${role}-${division}`)}`,
        },
      });

    const read = await as('handler', '510104');
    expect(read.statusCode).toBe(200);
    expect(read.rawPayload.equals(samples.png())).toBe(true);
    expect(read.headers['content-disposition']).toContain('attachment');
    expect((await as('handler', '510100')).statusCode).toBe(200);
    expect((await as('clerk', '510105')).statusCode).toBe(404);
    expect((await intake.http.inject({ method: 'GET', url })).statusCode).toBe(401);
    const audited = await intake.schema.query<{ actor_id: string }>(
      "SELECT actor_id FROM audit_record WHERE action = 'complaint.attachment.read' AND target_id = $1 ORDER BY actor_id",
      [complaintId],
    );
    expect(audited.map((r) => r.actor_id)).toEqual(['handler-510100', 'handler-510104']);
  });

  describe('refuses a bad file with a clear code and stores nothing — no row, no file, no staged upload', () => {
    const cases: Array<[string, () => FormPart[], number, string]> = [
      [
        'a PNG renamed .pdf',
        () => [complaintPart(), file('合同.pdf', samples.png(), 'application/pdf')],
        400,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      [
        'a Linux executable renamed .png',
        () => [complaintPart(), file('photo.png', samples.elf(), 'image/png')],
        400,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [
        'a Windows executable renamed .png',
        () => [complaintPart(), file('photo.png', samples.pe(), 'image/png')],
        400,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [
        'an installer renamed .doc',
        () => [complaintPart(), file('说明.doc', samples.msi())],
        400,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [
        'a file over the per-file limit',
        () => [
          complaintPart(),
          file('big.pdf', Buffer.concat([samples.pdf(), Buffer.alloc(MAX_FILE)])),
        ],
        413,
        'ATTACHMENT_TOO_LARGE',
      ],
      [
        'files over the total limit together',
        () => [
          complaintPart(),
          file('1.pdf', Buffer.concat([samples.pdf(), Buffer.alloc(MAX_FILE - 1024)])),
          file('2.pdf', Buffer.concat([samples.pdf(), Buffer.alloc(MAX_FILE - 1024)])),
        ],
        413,
        'ATTACHMENT_TOO_LARGE',
      ],
      [
        'a name with ../',
        () => [complaintPart(), file('../../etc/cron.d/x.png', samples.png())],
        400,
        'INVALID_FILE_NAME',
      ],
      [
        'a Windows path',
        () => [complaintPart(), file('C:\\Users\\张三\\照片.png', samples.png())],
        400,
        'INVALID_FILE_NAME',
      ],
      [
        'a right-to-left override hiding .exe',
        () => [complaintPart(), file('photo\u202Egnp.exe', samples.png())],
        400,
        'INVALID_FILE_NAME',
      ],
      [
        'more files than allowed',
        () => [complaintPart(), ...[1, 2, 3, 4].map((n) => file(`${n}.png`, samples.png()))],
        400,
        'TOO_MANY_ATTACHMENTS',
      ],
      [
        'an empty file',
        () => [complaintPart(), file('empty.png', Buffer.alloc(0))],
        400,
        'ATTACHMENT_TYPE_NOT_ALLOWED',
      ],
      [
        'files before the complaint',
        () => [file('a.png', samples.png()), complaintPart()],
        400,
        'INVALID_MULTIPART',
      ],
      ['no complaint field', () => [{ name: 'other', value: '{}' }], 400, 'INVALID_MULTIPART'],
      [
        'a second field',
        () => [complaintPart(), { name: 'complaint', value: '{}' }],
        400,
        'INVALID_MULTIPART',
      ],
      [
        'a complaint that is not JSON',
        () => [{ name: 'complaint', value: '{"title":' }],
        400,
        'MALFORMED_JSON',
      ],
      [
        'prototype poisoning in the complaint field',
        () => [{ name: 'complaint', value: '{"__proto__":{"admin":true}}' }],
        400,
        'MALFORMED_JSON',
      ],
      [
        'an invalid complaint with a valid file',
        () => [complaintPart({ divisionCode: '510100' }), file('a.png', samples.png())],
        400,
        'DIVISION_TOO_COARSE',
      ],
      [
        'a complaint field over 64 KiB',
        () => [complaintPart({ content: 'x'.repeat(70 * 1024) })],
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];

    it.each(cases)('%s', async (_name, parts, expectedStatus, expectedCode) => {
      const before = {
        complaints: await intake.schema.count('complaint'),
        attachments: await intake.schema.count('complaint_attachment'),
        outbox: await intake.schema.count('outbox'),
        files: (await filesUnder(storeDir)).length,
      };
      const response = await submit(parts());
      expect(response.statusCode).toBe(expectedStatus);
      expect(response.json()).toMatchObject({
        code: expectedCode,
        message: expect.any(String),
        requestId: expect.any(String),
      });
      expect({
        complaints: await intake.schema.count('complaint'),
        attachments: await intake.schema.count('complaint_attachment'),
        outbox: await intake.schema.count('outbox'),
        files: (await filesUnder(storeDir)).length,
      }).toEqual(before);
      expect(await filesUnder(stagingDir)).toEqual([]);
    });
  });

  it('removes the stored files again when the database refuses the complaint', async () => {
    await intake.schema.query(`
      CREATE FUNCTION refuse_attachment() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'simulated database failure'; END $$;
      CREATE TRIGGER refuse_attachment BEFORE INSERT ON complaint_attachment
        FOR EACH ROW EXECUTE FUNCTION refuse_attachment();`);
    try {
      const filesBefore = await filesUnder(storeDir);
      const complaintsBefore = await intake.schema.count('complaint');
      const response = await submit([
        complaintPart(),
        file('a.png', samples.png()),
        file('b.pdf', samples.pdf()),
      ]);
      expect(response.statusCode).toBe(500);
      expect(await filesUnder(storeDir)).toEqual(filesBefore);
      expect(await filesUnder(stagingDir)).toEqual([]);
      expect(await intake.schema.count('complaint')).toBe(complaintsBefore);
    } finally {
      await intake.schema.query(
        'DROP TRIGGER refuse_attachment ON complaint_attachment; DROP FUNCTION refuse_attachment();',
      );
    }
  });

  it('accepts a multipart submission without files, like a JSON one', async () => {
    const response = await submit([complaintPart()]);
    expect(response.statusCode).toBe(201);
    expect(
      (await status(response.json().trackingCode, response.json().queryCode)).json().attachments,
    ).toEqual([]);
  });
});

describe('complaint intake: attachments in S3-compatible storage', () => {
  let intake: InProcessService;
  let s3: FakeS3Server;

  beforeAll(async () => {
    s3 = await new FakeS3Server(['petition-attachments']).start();
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: 'petition-attachments',
        S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        RATE_LIMITS_ENABLED: 'false',
      },
    });
  });

  afterAll(async () => {
    await intake?.stop();
    await s3?.stop();
  });

  const submit = (parts: FormPart[]) => {
    const { payload, headers } = multipart(parts);
    return intake.http.inject({ method: 'POST', url: '/api/v1/complaints', headers, payload });
  };

  it('puts the content in the bucket under ids only, and serves it back from there', async () => {
    const photo = samples.png(16, 16);
    const response = await submit([complaintPart(), file('照片.png', photo)]);
    expect(response.statusCode).toBe(201);
    const { trackingCode, queryCode } = response.json();
    const [row] = await intake.schema.query<{
      id: string;
      storage_key: string;
      complaint_id: string;
    }>(
      'SELECT a.id, a.storage_key, a.complaint_id FROM complaint_attachment a JOIN complaint c ON c.id = a.complaint_id WHERE c.tracking_code = $1',
      [trackingCode],
    );
    expect(row.storage_key).toBe(`complaints/${row.complaint_id}/${row.id}`);
    expect(s3.objects.get(`petition-attachments/${row.storage_key}`)).toMatchObject({
      body: photo,
      contentType: 'image/png',
    });
    const served = await intake.http.inject({
      method: 'GET',
      url: `/api/v1/complaints/${trackingCode}/attachments/${row.id}?queryCode=${queryCode}`,
    });
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload).toEqual(photo);
  });

  it('leaves no object behind for a refused submission or a failed transaction', async () => {
    const objectsBefore = s3.objects.size;
    expect((await submit([complaintPart(), file('x.png', samples.elf())])).statusCode).toBe(400);
    await intake.schema.query(`
      CREATE FUNCTION refuse_complaint() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'simulated database failure'; END $$;
      CREATE TRIGGER refuse_complaint BEFORE INSERT ON complaint
        FOR EACH ROW EXECUTE FUNCTION refuse_complaint();`);
    try {
      const response = await submit([
        complaintPart(),
        file('a.png', samples.png()),
        file('b.pdf', samples.pdf()),
      ]);
      expect(response.statusCode).toBe(500);
    } finally {
      await intake.schema.query(
        'DROP TRIGGER refuse_complaint ON complaint; DROP FUNCTION refuse_complaint();',
      );
    }
    expect(s3.objects.size).toBe(objectsBefore);
    expect(s3.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
  });
});
