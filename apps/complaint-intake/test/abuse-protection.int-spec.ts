import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';
import { multipart } from './support/multipart.js';
import * as samples from './support/sample-files.js';

describe('complaint intake: abuse protection', () => {
  let intake: InProcessService;
  let redis: Redis;
  let address = 0;
  /** A client address of its own for each test, so their counts do not mix. */
  const newAddress = () => `203.0.113.${++address}`;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        CAPTCHA_REQUIRED: 'true',
        RATE_LIMIT_IP_SUBMISSIONS: '3',
        RATE_LIMIT_IP_SUBMISSIONS_WINDOW_SECONDS: '60',
        RATE_LIMIT_ID_SUBMISSIONS: '2',
        RATE_LIMIT_IP_LOOKUPS: '5',
        RATE_LIMIT_IP_LOOKUPS_WINDOW_SECONDS: '2',
      },
    });
    redis = new Redis(backingServices().redisUrl);
  });

  afterAll(async () => {
    await redis?.quit();
    await intake?.stop();
  });

  const prefix = () => `${intake.namespace}:intake`;

  async function captcha(ip: string) {
    const response = await intake.http.inject({
      method: 'GET',
      url: '/api/v1/captcha',
      headers: { 'x-forwarded-for': ip },
    });
    expect(response.statusCode).toBe(200);
    const { captchaId, image } = response.json();
    const answer = await redis.get(`${prefix()}:captcha:${captchaId}`);
    return { captchaId, image, answer: answer! };
  }

  async function submit(
    body: Record<string, unknown>,
    {
      ip = newAddress(),
      key,
      withCaptcha = true,
    }: { ip?: string; key?: string; withCaptcha?: boolean } = {},
  ) {
    const solved = withCaptcha ? await captcha(ip) : undefined;
    return intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': ip,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      payload: solved
        ? { ...body, captchaId: solved.captchaId, captchaAnswer: solved.answer.toLowerCase() }
        : body,
    });
  }

  describe('captcha', () => {
    it('serves a self-hosted SVG image, not the answer, and keeps the answer in Redis for a while', async () => {
      const ip = newAddress();
      const { image, answer, captchaId } = await captcha(ip);
      expect(image).toMatch(/^data:image\/svg\+xml;base64,/);
      const svg = Buffer.from(image.split(',')[1], 'base64').toString();
      expect(svg).toContain('<svg');
      expect(svg).not.toContain(answer);
      expect(answer).toMatch(/^[0-9A-Z]{4}$/);
      const ttl = await redis.ttl(`${prefix()}:captcha:${captchaId}`);
      expect(ttl).toBeGreaterThan(200);
      expect(ttl).toBeLessThanOrEqual(300);
    });

    it('refuses a submission without a captcha, with a wrong answer, or an answer used before', async () => {
      const before = await intake.schema.count('complaint');
      const missing = await submit(complaintBody(), { withCaptcha: false });
      const ip = newAddress();
      const { captchaId, answer } = await captcha(ip);
      const wrong = await submit(
        { ...complaintBody(), captchaId, captchaAnswer: answer === 'AAAA' ? 'BBBB' : 'AAAA' },
        { ip, withCaptcha: false },
      );
      // One guess per image: after the wrong answer, the right one no longer works either.
      const afterWrong = await submit(
        { ...complaintBody(), captchaId, captchaAnswer: answer },
        { ip, withCaptcha: false },
      );
      const unknown = await submit(
        { ...complaintBody(), captchaId: randomUUID(), captchaAnswer: 'ABCD' },
        { withCaptcha: false },
      );
      for (const response of [missing, wrong, afterWrong, unknown]) {
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'CAPTCHA_INVALID',
          message: '验证码错误或已过期，请刷新验证码后重试',
        });
      }
      expect(await intake.schema.count('complaint')).toBe(before);
    });

    it('accepts the right answer once, in any letter case, and not a second time', async () => {
      const ip = newAddress();
      const { captchaId, answer } = await captcha(ip);
      const body = { ...complaintBody(), captchaId, captchaAnswer: ` ${answer.toLowerCase()} ` };
      const first = await submit(body, { ip, withCaptcha: false });
      expect(first.statusCode).toBe(201);
      const second = await submit(
        { ...complaintBody(), captchaId, captchaAnswer: answer },
        { ip, withCaptcha: false },
      );
      expect(second.json().code).toBe('CAPTCHA_INVALID');
    });

    it('refuses an expired captcha', async () => {
      const ip = newAddress();
      const { captchaId, answer } = await captcha(ip);
      await redis.pexpire(`${prefix()}:captcha:${captchaId}`, 1);
      await new Promise((r) => setTimeout(r, 20));
      const response = await submit(
        { ...complaintBody(), captchaId, captchaAnswer: answer },
        { ip, withCaptcha: false },
      );
      expect(response.json().code).toBe('CAPTCHA_INVALID');
    });

    it('does not spend the captcha on a complaint refused for its content', async () => {
      const ip = newAddress();
      const { captchaId, answer } = await captcha(ip);
      const bad = await submit(
        { ...complaintBody({ categoryCode: '0199' }), captchaId, captchaAnswer: answer },
        { ip, withCaptcha: false },
      );
      expect(bad.json().code).toBe('UNKNOWN_CATEGORY');
      const fixed = await submit(
        { ...complaintBody(), captchaId, captchaAnswer: answer },
        { ip, withCaptcha: false },
      );
      expect(fixed.statusCode).toBe(201);
    });
  });

  describe('rate limits', () => {
    it('limits submissions per client address, with Retry-After, and counts another address apart', async () => {
      const ip = newAddress();
      for (let i = 0; i < 3; i++)
        expect((await submit(complaintBody(), { ip })).statusCode).toBe(201);
      const before = await intake.schema.count('complaint');
      const limited = await submit(complaintBody(), { ip });
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: '操作过于频繁，请稍后再试',
      });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(50);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await intake.schema.count('complaint')).toBe(before);
      expect((await submit(complaintBody(), { ip: newAddress() })).statusCode).toBe(201);
    });

    it('counts an IPv6 client by its /64, so rotating addresses within it does not help', async () => {
      const net = `2001:db8:${address++}:1`;
      for (let i = 1; i <= 3; i++) {
        expect((await submit(complaintBody(), { ip: `${net}::${i}` })).statusCode).toBe(201);
      }
      expect((await submit(complaintBody(), { ip: `${net}:0:0:0:ffff` })).statusCode).toBe(429);
    });

    it('limits submissions per ID number across addresses, keyed by a hash Redis cannot reverse', async () => {
      const idNumber = makeResidentIdNumber('510104', '19660606', 606);
      const body = () =>
        complaintBody({ petitioner: { name: '李四', idNumber, phone: '13700000606' } });
      expect((await submit(body())).statusCode).toBe(201);
      expect((await submit(body())).statusCode).toBe(201);
      const limited = await submit(body());
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
      const keys = await redis.keys(`${prefix()}:*`);
      expect(keys.some((k) => k.includes(':rate:submit-id:'))).toBe(true);
      expect(keys.join('\n')).not.toContain(idNumber);
      expect(keys.join('\n')).not.toContain(idNumber.slice(6, 14));
    });

    it('limits look-ups per address in a sliding window: an old request frees one place, not a whole window', async () => {
      const ip = newAddress();
      const look = async () =>
        (
          await intake.http.inject({
            method: 'GET',
            url: '/api/v1/complaints/T00000000000?queryCode=ZZZZZZZZ',
            headers: { 'x-forwarded-for': ip },
          })
        ).statusCode;
      const started = Date.now();
      expect(await look()).toBe(404);
      await new Promise((r) => setTimeout(r, 1_400));
      const burst: number[] = [];
      for (let i = 0; i < 5; i++) burst.push(await look());
      expect(burst).toEqual([404, 404, 404, 404, 429]);
      // Past 2 s from the first request only that one has left the window (a fixed window would
      // now allow five again).
      await new Promise((r) => setTimeout(r, Math.max(0, started + 2_150 - Date.now())));
      expect([await look(), await look()]).toEqual([404, 429]);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first result to a retry, with the same status and body, and stores one complaint', async () => {
      const key = randomUUID();
      const body = complaintBody({ title: `重试 ${key}` });
      const first = await submit(body, { key });
      const retry = await submit(body, { key, withCaptcha: false });
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await intake.schema.count('complaint', 'title = $1', [body.title])).toBe(1);
    });

    it('makes one complaint of the same key sent many times at once', async () => {
      const key = randomUUID();
      const body = complaintBody({ title: `并发提交 ${key}` });
      const ip = newAddress();
      const solved = await Promise.all(Array.from({ length: 3 }, () => captcha(ip)));
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          intake.http.inject({
            method: 'POST',
            url: '/api/v1/complaints',
            headers: {
              'content-type': 'application/json',
              'idempotency-key': key,
              'x-forwarded-for': newAddress(),
            },
            payload: {
              ...body,
              captchaId: solved[i % 3].captchaId,
              captchaAnswer: solved[i % 3].answer,
            },
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect(await intake.schema.count('complaint', 'title = $1', [body.title])).toBe(1);
      expect(
        await intake.schema.count('outbox', "envelope->'data'->>'title' = $1", [body.title]),
      ).toBe(1);
    });

    it('makes one complaint of a multipart submission retried at once, and stores its file once', async () => {
      const key = randomUUID();
      const ip = newAddress();
      const body = complaintBody({ title: `附件并发 ${key}` });
      const { captchaId, answer } = await captcha(ip);
      const form = multipart([
        { name: 'complaint', value: JSON.stringify({ ...body, captchaId, captchaAnswer: answer }) },
        { name: 'attachments', filename: '照片.png', content: samples.png() },
      ]);
      const responses = await Promise.all(
        [1, 2, 3].map(() =>
          intake.http.inject({
            method: 'POST',
            url: '/api/v1/complaints',
            headers: { ...form.headers, 'idempotency-key': key, 'x-forwarded-for': ip },
            payload: form.payload,
          }),
        ),
      );
      expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
      expect(await intake.schema.count('complaint', 'title = $1', [body.title])).toBe(1);
      expect(
        await intake.schema.count(
          'complaint_attachment',
          'complaint_id = (SELECT id FROM complaint WHERE title = $1)',
          [body.title],
        ),
      ).toBe(1);
    });

    it('refuses the same key for a different complaint, and a malformed key', async () => {
      const key = randomUUID();
      expect((await submit(complaintBody({ title: '第一件' }), { key })).statusCode).toBe(201);
      const reused = await submit(complaintBody({ title: '第二件' }), { key });
      // A different petitioner's complaint with the same key is simply another complaint.
      expect(reused.statusCode).toBe(201);
      const petitioner = complaintBody().petitioner;
      expect(
        (await submit(complaintBody({ petitioner, title: '甲' }), { key: `${key}-x` })).statusCode,
      ).toBe(201);
      const conflicting = await submit(complaintBody({ petitioner, title: '乙' }), {
        key: `${key}-x`,
      });
      expect(conflicting.statusCode).toBe(422);
      expect(conflicting.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      const malformed = await submit(complaintBody(), { key: 'short' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toMatchObject({ fields: [{ path: 'Idempotency-Key' }] });
    });

    it('keeps no plain query code in Redis: the stored first result is encrypted', async () => {
      const key = randomUUID();
      const first = await submit(complaintBody(), { key });
      const values = await Promise.all(
        (await redis.keys(`${prefix()}:idempotency:*`)).map((k) => redis.get(k)),
      );
      expect(values.length).toBeGreaterThan(0);
      expect(values.join('\n')).not.toContain(first.json().queryCode);
      expect(values.join('\n')).not.toContain(first.json().trackingCode);
    });

    it('lets a refused request be fixed and retried with the same key', async () => {
      const key = randomUUID();
      const body = complaintBody();
      const refused = await submit({ ...body, categoryCode: '0199' }, { key });
      expect(refused.statusCode).toBe(400);
      const fixed = await submit(body, { key });
      expect(fixed.statusCode).toBe(201);
    });
  });
});
