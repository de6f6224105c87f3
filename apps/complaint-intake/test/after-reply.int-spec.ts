import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

/**
 * Petition does not publish replies yet, so these tests put a complaint into the replied state
 * directly in the database (status, reply date) — what the `replied` timeline step will do.
 */
describe('complaint intake: rating and review after the reply', () => {
  let intake: InProcessService;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { RATING_WINDOW_DAYS: '15', RATE_LIMITS_ENABLED: 'false' },
    });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  async function complaint({ repliedDaysAgo }: { repliedDaysAgo?: number } = {}) {
    const response = await intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: complaintBody(),
    });
    const { trackingCode, queryCode } = response.json();
    const [{ id }] = await intake.schema.query<{ id: string }>(
      'SELECT id FROM complaint WHERE tracking_code = $1',
      [trackingCode],
    );
    if (repliedDaysAgo !== undefined) {
      // Stands in for petition's (future) reply event: see the note above.
      await intake.schema.query(
        `UPDATE complaint SET status = 'replied', petition_number = '510104-2026-000321',
           replied_at = now() - make_interval(days => $2::int) + interval '1 hour' WHERE id = $1`,
        [id, repliedDaysAgo],
      );
    }
    return { id, trackingCode, queryCode };
  }

  const rate = (trackingCode: string, body: Record<string, unknown>) =>
    intake.http.inject({
      method: 'POST',
      url: `/api/v1/complaints/${trackingCode}/rating`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
  const review = (trackingCode: string, body: Record<string, unknown>) =>
    intake.http.inject({
      method: 'POST',
      url: `/api/v1/complaints/${trackingCode}/review-request`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
  const events = (subject: string, complaintId: string) =>
    intake.schema.query<{ envelope: { data: Record<string, unknown> } }>(
      "SELECT envelope FROM outbox WHERE subject = $1 AND envelope->'data'->>'complaintId' = $2",
      [subject, complaintId],
    );

  describe('rating (满意度评价)', () => {
    it('rates the office and the responsible organ separately, once, as an event for petition', async () => {
      const c = await complaint({ repliedDaysAgo: 3 });
      const response = await rate(c.trackingCode, {
        queryCode: c.queryCode,
        office: 'satisfied',
        organ: 'basically-satisfied',
        comment: '处理及时，但路面修补不够平整',
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ trackingCode: c.trackingCode, at: expect.any(String) });

      const [event] = await events('complaint-intake.complaint.rated', c.id);
      expect(event.envelope.data).toMatchObject({
        complaintId: c.id,
        petitionNumber: '510104-2026-000321',
        office: 'satisfied',
        organ: 'basically-satisfied',
        comment: '处理及时，但路面修补不够平整',
      });
      const view = (
        await intake.http.inject({
          method: 'GET',
          url: `/api/v1/complaints/${c.trackingCode}?queryCode=${c.queryCode}`,
        })
      ).json();
      expect(view.rating).toMatchObject({ office: 'satisfied', organ: 'basically-satisfied' });
      expect(view.timeline.at(-1)).toMatchObject({
        step: 'rated',
        status: 'replied',
        note: '您已评价：信访工作机构「满意」，责任单位「基本满意」，感谢您的评价',
      });

      const again = await rate(c.trackingCode, {
        queryCode: c.queryCode,
        office: 'dissatisfied',
        organ: 'dissatisfied',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'ALREADY_RATED' });
      expect(await events('complaint-intake.complaint.rated', c.id)).toHaveLength(1);
    });

    it('takes only one of several ratings sent at the same moment', async () => {
      const c = await complaint({ repliedDaysAgo: 1 });
      const responses = await Promise.all(
        ['satisfied', 'dissatisfied', 'basically-satisfied'].map((level) =>
          rate(c.trackingCode, { queryCode: c.queryCode, office: level, organ: level }),
        ),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
      expect(await intake.schema.count('complaint_rating', 'complaint_id = $1', [c.id])).toBe(1);
      expect(await events('complaint-intake.complaint.rated', c.id)).toHaveLength(1);
    });

    it('refuses before the reply, and after the window', async () => {
      const early = await complaint();
      const late = await complaint({ repliedDaysAgo: 16 });
      const a = await rate(early.trackingCode, {
        queryCode: early.queryCode,
        office: 'satisfied',
        organ: 'satisfied',
      });
      const b = await rate(late.trackingCode, {
        queryCode: late.queryCode,
        office: 'satisfied',
        organ: 'satisfied',
      });
      expect([a.statusCode, a.json().code]).toEqual([409, 'NOT_REPLIED']);
      expect([b.statusCode, b.json().code]).toEqual([409, 'WINDOW_CLOSED']);
      expect(b.json().message).toBe('已超过答复后 15 日的评价期限');
      expect(
        await intake.schema.count('complaint_rating', 'complaint_id IN ($1, $2)', [
          early.id,
          late.id,
        ]),
      ).toBe(0);
    });

    it('answers a wrong query code like an unknown complaint, and bad ratings with 400', async () => {
      const c = await complaint({ repliedDaysAgo: 1 });
      const wrong = await rate(c.trackingCode, {
        queryCode: 'ZZZZZZZZ',
        office: 'satisfied',
        organ: 'satisfied',
      });
      expect([wrong.statusCode, wrong.json().code]).toEqual([404, 'NOT_FOUND']);
      const bad = await rate(c.trackingCode, {
        queryCode: c.queryCode,
        office: '满意',
        organ: 'satisfied',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields).toEqual([expect.objectContaining({ path: 'office' })]);
      const missing = await rate(c.trackingCode, { queryCode: c.queryCode, office: 'satisfied' });
      expect(missing.json().fields).toEqual([expect.objectContaining({ path: 'organ' })]);
      expect(await intake.schema.count('complaint_rating', 'complaint_id = $1', [c.id])).toBe(0);
    });
  });

  describe('review request (复查申请)', () => {
    it('asks for review within 30 days of the reply, once, as an event for petition', async () => {
      const c = await complaint({ repliedDaysAgo: 29 });
      const reason =
        '答复认定的事实与实际不符：路面仍有坑洼，见附件照片。<script>alert(1)</script>';
      const response = await review(c.trackingCode, { queryCode: c.queryCode, reason });
      expect(response.statusCode).toBe(201);
      const [event] = await events('complaint-intake.review.requested', c.id);
      expect(event.envelope.data).toMatchObject({
        complaintId: c.id,
        petitionNumber: '510104-2026-000321',
        reason,
        reviewRequestId: expect.any(String),
      });
      const view = (
        await intake.http.inject({
          method: 'GET',
          url: `/api/v1/complaints/${c.trackingCode}?queryCode=${c.queryCode}`,
        })
      ).json();
      expect(view.reviewRequestedAt).toEqual(expect.any(String));
      expect(view.timeline.at(-1)).toMatchObject({ step: 'review-requested', status: 'replied' });
      const [stored] = await intake.schema.query<{ reason: string }>(
        'SELECT reason FROM complaint_review_request WHERE complaint_id = $1',
        [c.id],
      );
      expect(stored.reason).toBe(reason);

      const again = await review(c.trackingCode, { queryCode: c.queryCode, reason: '再次申请' });
      expect([again.statusCode, again.json().code]).toEqual([409, 'REVIEW_ALREADY_REQUESTED']);
      // The rating window is its own (15 days here): closed at day 29, while review was still open.
      const rated = await rate(c.trackingCode, {
        queryCode: c.queryCode,
        office: 'dissatisfied',
        organ: 'dissatisfied',
      });
      expect(rated.statusCode).toBe(409);
      expect(rated.json().code).toBe('WINDOW_CLOSED');
    });

    it('refuses before the reply and after 30 days', async () => {
      const early = await complaint();
      const late = await complaint({ repliedDaysAgo: 31 });
      const a = await review(early.trackingCode, { queryCode: early.queryCode, reason: '不服' });
      const b = await review(late.trackingCode, { queryCode: late.queryCode, reason: '不服' });
      expect([a.statusCode, a.json().code]).toEqual([409, 'NOT_REPLIED']);
      expect([b.statusCode, b.json().code]).toEqual([409, 'WINDOW_CLOSED']);
      expect(await intake.schema.count('complaint_review_request')).toBe(1);
    });

    it('refuses a blank reason', async () => {
      const c = await complaint({ repliedDaysAgo: 1 });
      const response = await review(c.trackingCode, { queryCode: c.queryCode, reason: '   ' });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual([expect.objectContaining({ path: 'reason' })]);
    });
  });
});
