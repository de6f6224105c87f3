import { DataSource } from 'typeorm';
import {
  caseAcceptedEvent,
  caseRegisteredEvent,
  complaintRoutedEvent,
  complaintSubmittedEvent,
  type EventData,
} from '@minsheng/contracts';
import { FieldCipher } from '@minsheng/crypto';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import {
  ID_NUMBER,
  PHONE,
  caseRegistered,
  complaintBody,
  intakeSubmitted,
  publish,
  registerClient,
  signed,
  startGateway,
  type Loose,
  type TestClient,
} from './integrator-test-kit.js';

describe('integrator API: hand-over to intake, status and the change feed', () => {
  let gateway: InProcessService;
  let client: TestClient;
  let watcher: TestClient;
  let neighbour: TestClient;

  beforeAll(async () => {
    gateway = await startGateway();
    client = await registerClient(gateway, {
      scopes: ['complaints:submit', 'complaints:read', 'changes:read'],
      allowedDivisions: ['510100'],
    });
    // Reads every case of 510104, not only its own.
    watcher = await registerClient(gateway, {
      scopes: ['changes:read', 'cases:read'],
      allowedDivisions: ['510104'],
    });
    neighbour = await registerClient(gateway, {
      scopes: ['changes:read', 'cases:read'],
      allowedDivisions: ['510105'],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const submit = async () => {
    const response = await signed(
      gateway,
      client,
      'POST',
      '/exchange/v1/complaints',
      complaintBody(),
    );
    expect(response.status).toBe(202);
    return response.body as { reference: string; status: string; statusUrl: string };
  };

  const status = (reference: string) =>
    signed(gateway, client, 'GET', `/exchange/v1/complaints/${reference}`);

  const feed = async (who: TestClient, cursor?: string, limit = 100) =>
    (
      await signed(
        gateway,
        who,
        'GET',
        `/exchange/v1/changes?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      )
    ).body as {
      items: Loose[];
      nextCursor: string;
      hasMore: boolean;
    };

  it('hands a complaint over through the outbox with the ID and phone numbers encrypted', async () => {
    const accepted = await submit();
    expect(accepted).toEqual({
      reference: expect.any(String),
      status: 'received',
      statusUrl: `/exchange/v1/complaints/${accepted.reference}`,
    });
    const [row] = (await gateway.app.get(DataSource).query(
      `SELECT envelope, published_at FROM "${gateway.schema.name}".outbox
        WHERE subject = 'exchange-gateway.complaint.handed-over' AND envelope->'data'->'source'->>'reference' = $1`,
      [accepted.reference],
    )) as Array<{ envelope: Loose; published_at: Date | null }>;
    const text = JSON.stringify(row.envelope);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
    const data = row.envelope.data;
    expect(data.source).toEqual({
      kind: 'integrator',
      id: client.clientId,
      reference: accepted.reference,
    });
    const cipher = gateway.app.get(FieldCipher);
    expect(cipher.decrypt(data.petitioner.idNumberEncrypted)).toBe(ID_NUMBER);
    expect(cipher.decrypt(data.petitioner.phoneEncrypted)).toBe(PHONE);
    expect(data).toMatchObject({ divisionCode: '510104', categoryCode: '0101', kind: 'appeal' });
    // The relay publishes it to JetStream for intake.
    await waitFor(
      async () => {
        const [published] = (await gateway.app
          .get(DataSource)
          .query(`SELECT published_at FROM "${gateway.schema.name}".outbox WHERE event_id = $1`, [
            row.envelope.eventId,
          ])) as Array<{ published_at: Date | null }>;
        return published.published_at;
      },
      { what: 'the hand-over to be published' },
    );
    expect((await status(accepted.reference)).body).toMatchObject({
      status: 'received',
      trackingCode: null,
    });
  });

  it('shows the tracking code once intake announces it, then the case as petition moves it', async () => {
    const { reference } = await submit();
    const submitted = intakeSubmitted({ kind: 'integrator', id: client.clientId, reference });
    await publish(gateway, complaintSubmittedEvent, submitted);
    const view = await waitFor(
      async () => {
        const body = (await status(reference)).body;
        return body.trackingCode ? body : undefined;
      },
      { what: 'the tracking code' },
    );
    expect(view).toMatchObject({ status: 'submitted', trackingCode: submitted.trackingCode });

    const registered = caseRegistered(submitted.complaintId);
    await publish(gateway, caseRegisteredEvent, registered);
    await publish(gateway, caseAcceptedEvent, caseChange(registered, 'accepted', 'registered'));
    // Each event type has its own consumer: acceptance may be applied before registration.
    const accepted = await waitFor(
      async () => {
        const body = (await status(reference)).body;
        return body.status === 'accepted' && body.timeline.length === 4 ? body : undefined;
      },
      { what: 'the accepted case with both of its events' },
    );
    expect(accepted).toMatchObject({
      petitionNumber: registered.petitionNumber,
      trackingCode: submitted.trackingCode,
    });
    expect(accepted.timeline.map((t: Loose) => t.type)).toEqual([
      'complaint.received',
      'complaint.submitted',
      'case.registered',
      'case.accepted',
    ]);
    // Another client that reads its own complaints never sees this one.
    const stranger = await registerClient(gateway, { scopes: ['complaints:read'] });
    const other = await signed(gateway, stranger, 'GET', `/exchange/v1/complaints/${reference}`);
    expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('marks a complaint another tier handles as awaiting the exchange', async () => {
    const { reference } = await submit();
    const routed = {
      ...intakeSubmitted(
        { kind: 'integrator', id: client.clientId, reference },
        { divisionCode: '510104' },
      ),
      targetDivisionCode: '510104',
      reason: 'child-instance' as const,
      fromDivisionCode: '510000',
      routedAt: new Date().toISOString(),
    } satisfies EventData<typeof complaintRoutedEvent>;
    await publish(gateway, complaintRoutedEvent, routed);
    const view = await waitFor(
      async () => {
        const body = (await status(reference)).body;
        return body.trackingCode ? body : undefined;
      },
      { what: 'the routed complaint' },
    );
    expect(view.status).toBe('awaiting-exchange');
  });

  it('pages the change feed by cursor, shows each client only what it may see, and nothing personal', async () => {
    // A complaint nobody submitted through the API, in 510104, and one in the neighbour county.
    const citizens = intakeSubmitted(null);
    await publish(gateway, complaintSubmittedEvent, citizens);
    const elsewhere = intakeSubmitted(null, { divisionCode: '510105' });
    await publish(gateway, complaintSubmittedEvent, elsewhere, '510105');
    await waitFor(
      async () =>
        (await feed(neighbour)).items.some((i) => i.trackingCode === elsewhere.trackingCode),
      { what: 'the neighbour’s change' },
    );
    await waitFor(
      async () => (await feed(watcher)).items.some((i) => i.trackingCode === citizens.trackingCode),
      { what: 'the citizen’s change' },
    );

    const all: Loose[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const body = await feed(watcher, cursor, 2);
      expect(body.items.length).toBeLessThanOrEqual(2);
      all.push(...body.items);
      cursor = body.nextCursor;
      if (!body.hasMore) break;
    }
    const cursors = all.map((i) => BigInt(i.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(all.map((i) => i.eventId)).size).toBe(all.length);
    expect(all.every((i) => i.divisionCode === '510104')).toBe(true);
    expect(all.some((i) => i.trackingCode === citizens.trackingCode)).toBe(true);
    // The watcher did not submit them, so it never learns the submitter's reference.
    expect(all.every((i) => i.reference === null)).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/张三|坑洼|13912345678/);
    // Nothing after the last cursor until something happens.
    expect((await feed(watcher, cursor)).items).toEqual([]);
    expect((await feed(watcher, cursor)).nextCursor).toBe(cursor);

    const own = await feed(client);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i) => i.reference !== null)).toBe(true);
    expect(own.items.some((i) => i.trackingCode === citizens.trackingCode)).toBe(false);

    const neighbours = await feed(neighbour);
    expect(neighbours.items.map((i) => i.trackingCode)).toEqual([elsewhere.trackingCode]);

    const bad = await signed(gateway, watcher, 'GET', '/exchange/v1/changes?cursor=abc');
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  it('answers a case of the client’s divisions, and 404 for one outside them', async () => {
    const registered = caseRegistered(null);
    await publish(gateway, caseRegisteredEvent, registered);
    const found = await waitFor(
      async () => {
        const r = await signed(
          gateway,
          watcher,
          'GET',
          `/exchange/v1/cases/${registered.petitionNumber}`,
        );
        return r.status === 200 ? r.body : undefined;
      },
      { what: 'the case' },
    );
    expect(found).toMatchObject({ status: 'registered', divisionCode: '510104' });
    const hidden = await signed(
      gateway,
      neighbour,
      'GET',
      `/exchange/v1/cases/${registered.petitionNumber}`,
    );
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
  });
});

function caseChange(
  registered: EventData<typeof caseRegisteredEvent>,
  status: 'accepted',
  previousStatus: 'registered',
): EventData<typeof caseAcceptedEvent> {
  const at = new Date(Date.now() + 1_000).toISOString();
  return {
    caseId: registered.caseId,
    petitionNumber: registered.petitionNumber,
    sourceComplaintId: registered.sourceComplaintId,
    divisionCode: registered.divisionCode,
    status,
    previousStatus,
    at,
    actorOrganId: '510104-zjj',
    leadOrganId: '510104-zjj',
    coHandlingOrganIds: [],
    deadlines: {
      routeBy: at,
      acceptBy: at,
      objectBy: null,
      reportBy: null,
      concludeBy: at,
      reviewRequestBy: null,
      reviewDecideBy: null,
      reexaminationRequestBy: null,
      reexaminationDecideBy: null,
    },
    currentDeadline: { kind: 'concludeBy', label: '办结期限', dueAt: at },
    notices: [],
    missedDeadlines: [],
    acceptedAt: at,
  };
}
