import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { complaintSubmittedEvent, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { ChineseSegmenter } from '@minsheng/text-analysis';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintEnvelope } from './support/petition-test-kit.js';

function submittedEnvelope(service: InProcessService, divisionCode = '510104') {
  return complaintEnvelope(service, { divisionCode }, makeResidentIdNumber(divisionCode));
}

describe('petition: registering cases from submitted complaints', () => {
  let petition: InProcessService;
  let nc: NatsConnection;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, { entities, migrations });
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await petition?.stop();
  });

  const deliver = (envelope: EventEnvelope, msgID: string = randomUUID()) =>
    jetstream(nc).publish(
      wireNames.event(petition.namespace, complaintSubmittedEvent.subject),
      JSON.stringify(envelope),
      { msgID },
    );

  async function registered(complaintId: string) {
    return waitFor(
      async () =>
        (
          await petition.schema.query<{ petition_number: string; division_code: string }>(
            'SELECT petition_number, division_code FROM petition_case WHERE source_complaint_id = $1',
            [complaintId],
          )
        )[0],
      { what: `a case for complaint ${complaintId}` },
    );
  }

  it('registers a numbered case and publishes petition.case.registered in the same transaction', async () => {
    const envelope = submittedEnvelope(petition);
    await deliver(envelope);
    const row = await registered(envelope.data.complaintId);
    expect(row.petition_number).toMatch(/^510104-\d{4}-\d{6}$/);
    const [event] = await petition.schema.query<{
      envelope: EventEnvelope<{ petitionNumber: string }>;
    }>(
      "SELECT envelope FROM outbox WHERE subject = 'petition.case.registered' AND envelope->'data'->>'sourceComplaintId' = $1",
      [envelope.data.complaintId],
    );
    expect(event.envelope.data.petitionNumber).toBe(row.petition_number);
    expect(event.envelope.correlationId).toBe(envelope.correlationId);
  });

  it('sends the matter’s top five TF-IDF keywords of title and content with petition.case.registered', async () => {
    const title = '开发商逾期交房';
    const content =
      '我们购买的锦城花园商品房，开发商逾期两年仍未交房，请求政府督促开发商尽快交房。';
    const envelope = complaintEnvelope(
      petition,
      { title, content },
      makeResidentIdNumber('510104'),
    );
    await deliver(envelope);
    await registered(envelope.data.complaintId);
    const [event] = await petition.schema.query<{
      envelope: EventEnvelope<{ keywords: Array<{ keyword: string; weight: number }> }>;
    }>(
      "SELECT envelope FROM outbox WHERE subject = 'petition.case.registered' AND envelope->'data'->>'sourceComplaintId' = $1",
      [envelope.data.complaintId],
    );
    // What statistics computed itself before: the same text, the same k.
    const expected = new ChineseSegmenter().keywords(`${title}\n${content}`, 5);
    expect(expected).toHaveLength(5);
    expect(event.envelope.data.keywords).toEqual(expected);
    expect(event.envelope.data.keywords.map((k) => k.keyword)).toEqual(
      expect.arrayContaining(['开发商', '交房']),
    );
  });

  it('registers one case when the same complaint event arrives twice', async () => {
    const envelope = submittedEnvelope(petition);
    await deliver(envelope, `${envelope.eventId}-first`);
    await deliver(envelope, `${envelope.eventId}-again`);
    await registered(envelope.data.complaintId);
    const marker = submittedEnvelope(petition);
    await deliver(marker);
    await registered(marker.data.complaintId);
    expect(
      await petition.schema.count('petition_case', 'source_complaint_id = $1', [
        envelope.data.complaintId,
      ]),
    ).toBe(1);
  });

  it('numbers cases per division without gaps', async () => {
    const envelopes = [
      submittedEnvelope(petition, '510105'),
      submittedEnvelope(petition, '510105'),
      submittedEnvelope(petition, '510105'),
    ];
    for (const envelope of envelopes) await deliver(envelope);
    const numbers = [];
    for (const envelope of envelopes)
      numbers.push((await registered(envelope.data.complaintId)).petition_number);
    expect(numbers.map((n) => Number(n.slice(-6))).sort()).toEqual([1, 2, 3]);
  });

  describe('staff case view', () => {
    let petitionNumber: string;

    beforeAll(async () => {
      const envelope = submittedEnvelope(petition, '510104');
      await deliver(envelope);
      petitionNumber = (await registered(envelope.data.complaintId)).petition_number;
    });

    const view = async (token?: string) =>
      petition.http.inject({
        method: 'GET',
        url: `/api/v1/cases/${petitionNumber}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    it('shows the case to a clerk of its county, with personal data masked', async () => {
      const response = await view(await petition.keys.token('clerk', '510104'));
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ petitionNumber, divisionCode: '510104', status: 'registered' });
      expect(body.petitioner.idNumberMasked).toMatch(/^510104\*{8}\d{3}[\dX]$/);
      expect(body.petitioner.phoneMasked).toBe('139****5678');
      expect(JSON.stringify(body)).not.toContain('13912345678');
    });

    it('shows it to the city and the province above the county', async () => {
      expect((await view(await petition.keys.token('supervisor', '510100'))).statusCode).toBe(200);
      expect((await view(await petition.keys.token('leader', '510000'))).statusCode).toBe(200);
    });

    it('answers 404 to a neighbouring county, so existence does not leak', async () => {
      const response = await view(await petition.keys.token('clerk', '510105'));
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    });

    it('answers 401 without a token and 403 to a role that does not handle cases', async () => {
      expect((await view()).json()).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await view()).statusCode).toBe(401);
      const forbidden = await view(await petition.keys.token('audit-admin', '510104', 'auditor-7'));
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().code).toBe('FORBIDDEN');
      const [denial] = await petition.schema.query<{
        outcome: string;
        details: { requiredRoles: string[] };
      }>(
        `SELECT outcome, details FROM audit_record WHERE action = 'access.denied' AND actor_id = 'auditor-7'`,
      );
      expect(denial.outcome).toBe('denied');
      expect(denial.details.requiredRoles).toEqual(['clerk', 'handler', 'supervisor', 'leader']);
    });

    it('records every view of the case, and a viewing attempt from outside the jurisdiction as denied', async () => {
      await view(await petition.keys.token('clerk', '510104', 'clerk-viewer'));
      await view(await petition.keys.token('clerk', '510105', 'clerk-prober'));
      const records = await petition.schema.query<{ actor_id: string; outcome: string }>(
        `SELECT actor_id, outcome FROM audit_record WHERE action = 'case.viewed' AND actor_id IN ('clerk-viewer', 'clerk-prober')
          ORDER BY seq`,
      );
      expect(records).toEqual([
        { actor_id: 'clerk-viewer', outcome: 'success' },
        { actor_id: 'clerk-prober', outcome: 'denied' },
      ]);
    });

    it('shows the audit administrator the records of their jurisdiction only, and exports them', async () => {
      const list = async (division: string) =>
        petition.http.inject({
          method: 'GET',
          url: '/api/v1/audit-records?action=case.registered&limit=500',
          headers: {
            authorization: `Bearer ${await petition.keys.token('audit-admin', division)}`,
          },
        });
      const county = (await list('510104')).json();
      expect(county.items.length).toBeGreaterThan(0);
      expect(county.items.every((r: { divisionCode: string }) => r.divisionCode === '510104')).toBe(
        true,
      );
      const neighbour = (await list('510105')).json();
      expect(
        neighbour.items.every((r: { divisionCode: string }) => r.divisionCode === '510105'),
      ).toBe(true);
      const city = (await list('510100')).json();
      expect(city.items.length).toBe(county.items.length + neighbour.items.length);

      const csv = await petition.http.inject({
        method: 'GET',
        url: '/api/v1/audit-records/export?action=case.registered',
        headers: { authorization: `Bearer ${await petition.keys.token('audit-admin', '510104')}` },
      });
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = csv.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0]).toBe(
        'seq,at,actor,roles,actorDivision,action,outcome,target,divisionCode,requestId,details,chainIndex,hash',
      );
      expect(lines.length - 1).toBe(county.items.length);
    });

    it('answers 401 to a forged token', async () => {
      const token = await petition.keys.token('clerk', '510104');
      const [header, payload] = token.split('.');
      const forged = `${header}.${payload}.${Buffer.from('not-a-signature').toString('base64url')}`;
      expect((await view(forged)).statusCode).toBe(401);
    });
  });
});
