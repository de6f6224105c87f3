// Two real gateways — a city (510100) and one of its counties (510104) — each with its own NATS
// server (linked as leafnodes, JetStream domains 510100 and 510104), Postgres schema and keys.
// Messages cross only through the streams the federation sources across the link.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  caseRegisteredEvent,
  complaintRoutedEvent,
  complaintSubmittedEvent,
  forwardedCaseStatusReceivedEvent,
  wireNames,
  type EventDefinition,
  type FederationEnvelope,
} from '@minsheng/contracts';
import { FieldCipher, keyringFromEnv } from '@minsheng/crypto';
import { InProcessService } from '@minsheng/service-harness';
import { freePort, makeMobileNumber, makeResidentIdNumber, waitFor } from '@minsheng/testing';
// The NATS configs come from the network generator itself (tools/, not a lib), so the test runs
// exactly what `npm run up:network` runs.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { NatsNetwork } from '../../../tools/network/nats-network.mjs';
import { signForHop } from '../src/federation/envelope-codec.js';
import { EnvelopeEffects } from '../src/federation/envelope-effects.js';
import { EnvelopeReceiver } from '../src/federation/envelope-receiver.js';
import { LinkKeyring } from '../src/federation/link-keys.js';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

const CITY = '510100';
const COUNTY = '510104';
const LINK_SECRET = randomBytes(32).toString('base64');

describe('federation between a city and a county instance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'federation-it-'));
  let network: NatsNetwork;
  let city: InProcessService;
  let county: InProcessService;
  const connections: NatsConnection[] = [];
  /** The city's end of the link, to craft envelopes as the city would (or as an attacker could). */
  const cityLink = new LinkKeyring(`${COUNTY}-1:${LINK_SECRET}`);

  async function nats(division: string): Promise<NatsConnection> {
    const nc = await connect({ servers: network.url(division) });
    connections.push(nc);
    return nc;
  }

  beforeAll(async () => {
    const ports = await Promise.all(
      [0, 1].map(async () => ({
        nats: await freePort(),
        natsHttp: await freePort(),
        leaf: await freePort(),
      })),
    );
    network = new NatsNetwork([CITY, COUNTY], dir, (_d, i) => ports[i]);
    await network.start();
    city = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        INSTANCE_DIVISION: CITY,
        NATS_URL: network.url(CITY),
        PARENT_INSTANCE: 'none',
        CHILD_INSTANCES: COUNTY,
        FEDERATION_LINK_KEYS: `${COUNTY}-1:${LINK_SECRET}`,
        FEDERATION_STATISTICS_INTERVAL_MS: '0',
        FEDERATION_RELAY_POLL_MS: '50',
      },
    });
    county = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: {
        INSTANCE_DIVISION: COUNTY,
        NATS_URL: network.url(COUNTY),
        FEDERATION_LINK_KEYS: `${CITY}-1:${LINK_SECRET}`,
        FEDERATION_STATISTICS_INTERVAL_MS: '0',
        FEDERATION_RELAY_POLL_MS: '50',
        FEDERATION_MAX_ATTEMPTS: '2',
      },
    });
  }, 60_000);

  afterAll(async () => {
    for (const nc of connections) await nc.close();
    await county?.stop();
    await city?.stop();
    await network?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  /** Publishes an event as its owning service of that instance would. */
  async function publishEvent<E extends EventDefinition>(
    service: InProcessService,
    division: string,
    event: E,
    data: unknown,
  ) {
    const nc = await nats(division);
    const envelope = {
      eventId: randomUUID(),
      type: event.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: division,
      correlationId: randomUUID(),
      data,
    };
    await jetstream(nc).publish(
      `${service.namespace}.events.${event.subject}`,
      JSON.stringify(envelope),
      { msgID: envelope.eventId },
    );
  }

  /** Puts bytes on the city's outbound stream towards the county, as the link would carry them. */
  async function onTheLink(body: unknown) {
    const nc = await nats(CITY);
    await jetstream(nc).publish(
      `${city.namespace}.federation.to.${COUNTY}`,
      typeof body === 'string' ? body : JSON.stringify(body),
    );
  }

  function cityEnvelope(overrides: Partial<FederationEnvelope> = {}): FederationEnvelope {
    const trackingCode = overrides.caseKey ?? `T${randomBytes(5).toString('hex')}`;
    const unsigned = {
      id: randomUUID(),
      version: 1,
      type: 'supervision.ordered' as const,
      originDivision: CITY,
      senderDivision: CITY,
      recipientDivision: COUNTY,
      caseKey: trackingCode,
      caseSeq: 1,
      createdAt: new Date().toISOString(),
      payload: {
        orderId: randomUUID(),
        trackingCode,
        text: '请于期限内报告办理结果',
        replyBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        issuedAt: new Date().toISOString(),
      },
      ...overrides,
    };
    return signForHop(cityLink, unsigned, COUNTY);
  }

  /** A status report from the city about a complaint the county forwarded to it. */
  function cityStatus(
    trackingCode: string,
    caseSeq: number,
    status: string,
    at: Date,
    extra: { handlingDivision?: string; petitionNumber?: string | null; summary?: string } = {},
  ): FederationEnvelope {
    return signForHop(
      cityLink,
      {
        id: randomUUID(),
        version: 1,
        type: 'case.status-changed',
        originDivision: CITY,
        senderDivision: CITY,
        recipientDivision: COUNTY,
        caseKey: trackingCode,
        caseSeq,
        createdAt: new Date().toISOString(),
        payload: {
          trackingCode,
          handlingDivision: extra.handlingDivision ?? CITY,
          petitionNumber: extra.petitionNumber ?? null,
          status,
          event: `petition.case.${status}`,
          at: at.toISOString(),
          summary: extra.summary ?? null,
        },
      },
      COUNTY,
    );
  }

  /** The county's record of a complaint it forwarded to the city. */
  async function forwardedToCity(): Promise<string> {
    const trackingCode = `TS${randomBytes(5).toString('hex')}`;
    await county.schema.query(
      `INSERT INTO federation_forwarded_case (tracking_code, recipient, envelope_id, forwarded_at)
       VALUES ($1, $2, $3, now())`,
      [trackingCode, CITY, randomUUID()],
    );
    return trackingCode;
  }

  const forwardedCase = async (trackingCode: string) =>
    (
      await county.schema.query<{
        status: string;
        status_at: Date;
        handling_division: string;
        petition_number: string | null;
      }>(
        `SELECT status, status_at, handling_division, petition_number
           FROM federation_forwarded_case WHERE tracking_code = $1`,
        [trackingCode],
      )
    )[0];
  /** The `forwarded-case.status-received` events of a case, as the county's event stream holds them. */
  const statusEvents = async (trackingCode: string) => {
    const nc = await nats(COUNTY);
    const stream = wireNames.ownerStream(county.namespace, forwardedCaseStatusReceivedEvent.owner);
    // A single filter_subject: nats-server 2.9 has no filter_subjects.
    const { name, num_pending } = await (
      await jetstreamManager(nc)
    ).consumers.add(stream, {
      filter_subject: wireNames.event(county.namespace, forwardedCaseStatusReceivedEvent.subject),
      deliver_policy: DeliverPolicy.All,
      ack_policy: AckPolicy.None,
      inactive_threshold: 60_000_000_000,
    });
    const statuses: string[] = [];
    if (num_pending === 0) return statuses;
    const consumer = await jetstream(nc).consumers.get(stream, name);
    for await (const m of await consumer.fetch({ max_messages: num_pending, expires: 5_000 })) {
      const { data } = m.json<{ data: { trackingCode: string; status: string } }>();
      if (data.trackingCode === trackingCode) statuses.push(data.status);
    }
    return statuses;
  };
  const history = async (trackingCode: string) =>
    (
      await county.schema.query<{ envelope_id: string; status: string }>(
        'SELECT envelope_id, status FROM federation_case_status WHERE tracking_code = $1 ORDER BY at',
        [trackingCode],
      )
    ).map((r) => [r.envelope_id, r.status]);

  /** Counts the effects the receiver applies one envelope at a time while `run` runs. */
  async function oneByOneEffects<T>(run: () => Promise<T>): Promise<[T, number]> {
    const effects = county.app.get(EnvelopeEffects);
    const apply = effects.apply;
    let calls = 0;
    effects.apply = (...args) => {
      calls++;
      return apply.apply(effects, args);
    };
    try {
      return [await run(), calls];
    } finally {
      effects.apply = apply;
    }
  }

  const handedOver = () =>
    county.schema.query<{ envelope: { data: Record<string, unknown> } }>(
      `SELECT envelope FROM outbox WHERE subject = 'exchange-gateway.complaint.handed-over' ORDER BY seq`,
    );
  const refusals = (envelopeId: string) =>
    county.schema.query<{ code: string }>(
      'SELECT code FROM federation_refusal WHERE envelope_id = $1 ORDER BY seq',
      [envelopeId],
    );
  const applied = (envelopeId: string) =>
    county.schema.count('federation_inbox', 'envelope_id = $1', [envelopeId]);

  it('carries a routed complaint to the county, personal data re-protected under the county’s keys, and its registration back', async () => {
    const cityCipher = new FieldCipher(
      keyringFromEnv(city.keys.env().FIELD_ENCRYPTION_KEYS, 'test1'),
    );
    const countyCipher = new FieldCipher(
      keyringFromEnv(county.keys.env().FIELD_ENCRYPTION_KEYS, 'test1'),
    );
    const idNumber = makeResidentIdNumber(COUNTY, '19800101', 7);
    const phone = makeMobileNumber(70_000_007);
    const trackingCode = `TC${randomBytes(4).toString('hex')}`;
    const complaint = {
      complaintId: randomUUID(),
      trackingCode,
      kind: 'appeal',
      categoryCode: '0101',
      title: '道路坑洼',
      content: '锦江区某路段坑洼不平，雨天积水。',
      divisionCode: COUNTY,
      address: null,
      location: null,
      replyPublicConsent: false,
      attachments: [],
      submittedAt: new Date().toISOString(),
      source: null,
      petitioner: {
        name: '王五',
        idNumberEncrypted: cityCipher.encrypt(idNumber),
        idNumberHash: 'h1',
        phoneEncrypted: cityCipher.encrypt(phone),
        phoneHash: 'h2',
      },
    };
    await publishEvent(city, CITY, complaintRoutedEvent, {
      ...complaint,
      targetDivisionCode: COUNTY,
      reason: 'child-instance',
      fromDivisionCode: CITY,
      routedAt: new Date().toISOString(),
    });

    const [event] = await waitFor(
      async () => {
        const rows = await handedOver();
        return rows.some((r) => r.envelope.data.trackingCode === trackingCode)
          ? rows.filter((r) => r.envelope.data.trackingCode === trackingCode)
          : undefined;
      },
      { what: 'the hand-over at the county' },
    );
    const data = event.envelope.data as {
      source: unknown;
      petitioner: { idNumberEncrypted: string; phoneEncrypted: string };
    };
    expect(data.source).toEqual({ kind: 'exchange', id: CITY, reference: trackingCode });
    expect(countyCipher.decrypt(data.petitioner.idNumberEncrypted)).toBe(idNumber);
    expect(countyCipher.decrypt(data.petitioner.phoneEncrypted)).toBe(phone);
    // Nothing on the wire or at rest in either gateway holds the plain values.
    for (const service of [city, county]) {
      const dump = JSON.stringify(await service.schema.query('SELECT * FROM federation_outbox'));
      expect(dump.includes(idNumber) || dump.includes(phone)).toBe(false);
    }

    // Intake at the county stores it (keeping the tracking code) and petition registers it.
    const countyComplaintId = randomUUID();
    await publishEvent(county, COUNTY, complaintSubmittedEvent, {
      ...complaint,
      complaintId: countyComplaintId,
      source: { kind: 'exchange', id: CITY, reference: trackingCode },
    });
    await publishEvent(county, COUNTY, caseRegisteredEvent, {
      caseId: randomUUID(),
      petitionNumber: `${COUNTY}-2026-000123`,
      sourceComplaintId: countyComplaintId,
      kind: 'appeal',
      channel: 'online',
      divisionCode: COUNTY,
      registeredAt: new Date().toISOString(),
    });
    const token = await city.keys.token('clerk', CITY);
    const status = await waitFor(
      async () => {
        const response = await city.http.inject({
          method: 'GET',
          url: `/api/v1/federation/forwarded-cases/${trackingCode}`,
          headers: { authorization: `Bearer ${token}` },
        });
        const body = response.json();
        return response.statusCode === 200 && body.status === 'registered' ? body : undefined;
      },
      { what: 'the registration to come back to the city' },
    );
    expect(status).toMatchObject({
      recipientDivision: COUNTY,
      handlingDivision: COUNTY,
      petitionNumber: `${COUNTY}-2026-000123`,
      history: [expect.objectContaining({ event: 'petition.case.registered' })],
    });
  });

  it('sends the county’s registration back even when it comes before the hand-over is matched to intake’s complaint', async () => {
    const cityCipher = new FieldCipher(
      keyringFromEnv(city.keys.env().FIELD_ENCRYPTION_KEYS, 'test1'),
    );
    const trackingCode = `TE${randomBytes(4).toString('hex')}`;
    const complaint = {
      complaintId: randomUUID(),
      trackingCode,
      kind: 'appeal',
      categoryCode: '0101',
      title: '路灯不亮',
      content: '锦江区某路段路灯长期不亮。',
      divisionCode: COUNTY,
      address: null,
      location: null,
      replyPublicConsent: false,
      attachments: [],
      submittedAt: new Date().toISOString(),
      source: null,
      petitioner: {
        name: '王五',
        idNumberEncrypted: cityCipher.encrypt(makeResidentIdNumber(COUNTY, '19800101', 8)),
        idNumberHash: 'h1',
        phoneEncrypted: cityCipher.encrypt(makeMobileNumber(70_000_008)),
        phoneHash: 'h2',
      },
    };
    await publishEvent(city, CITY, complaintRoutedEvent, {
      ...complaint,
      targetDivisionCode: COUNTY,
      reason: 'child-instance',
      fromDivisionCode: CITY,
      routedAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await county.schema.count('federation_received_complaint', 'tracking_code = $1', [
          trackingCode,
        ])) === 1,
      { what: 'the hand-over at the county' },
    );
    // Petition's registration first (its consumer ran ahead of the gateway's match) …
    const countyComplaintId = randomUUID();
    await publishEvent(county, COUNTY, caseRegisteredEvent, {
      caseId: randomUUID(),
      petitionNumber: `${COUNTY}-2026-000124`,
      sourceComplaintId: countyComplaintId,
      kind: 'appeal',
      channel: 'online',
      divisionCode: COUNTY,
      registeredAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await county.schema.count('federation_pending_report', 'source_complaint_id = $1', [
          countyComplaintId,
        ])) === 1,
      { what: 'the registration kept until the match' },
    );
    // … then intake's submitted event, which makes the match and sends what waited.
    await publishEvent(county, COUNTY, complaintSubmittedEvent, {
      ...complaint,
      complaintId: countyComplaintId,
      source: { kind: 'exchange', id: CITY, reference: trackingCode },
    });
    await waitFor(
      async () =>
        (await city.schema.count(
          'federation_forwarded_case',
          `tracking_code = $1 AND status = 'registered'`,
          [trackingCode],
        )) === 1,
      { what: 'the registration at the city' },
    );
    expect(await county.schema.count('federation_pending_report')).toBe(0);
    expect(
      await county.schema.count(
        'federation_outbox',
        `envelope->>'type' = 'case.status-changed' AND envelope->>'caseKey' = $1`,
        [trackingCode],
      ),
    ).toBe(1);
  });

  it('refuses and logs tampered, unsigned, wrongly keyed and out-of-jurisdiction envelopes, applying none', async () => {
    const tampered = cityEnvelope();
    (tampered.payload as { text: string }).text = '改过的督办内容';
    const { signature: _s, ...unsigned } = cityEnvelope();
    const wrongKey = signForHop(
      new LinkKeyring(`${COUNTY}-1:${randomBytes(32).toString('base64')}`),
      { ...cityEnvelope(), signature: undefined } as FederationEnvelope,
      COUNTY,
    );
    const elsewhere = cityEnvelope({ recipientDivision: '510105' });
    const notANeighbour = signForHop(
      new LinkKeyring(`${COUNTY}-1:${LINK_SECRET}`),
      { ...cityEnvelope(), senderDivision: '510000', originDivision: '510000' },
      COUNTY,
    );
    const fromInside = cityEnvelope({ originDivision: COUNTY });
    for (const body of [tampered, unsigned, wrongKey, elsewhere, notANeighbour, fromInside]) {
      await onTheLink(body);
    }
    const expected: Array<[FederationEnvelope | typeof unsigned, string]> = [
      [tampered, 'BAD_SIGNATURE'],
      [unsigned, 'UNSIGNED'],
      [wrongKey, 'BAD_SIGNATURE'],
      [elsewhere, 'OUT_OF_JURISDICTION'],
      [notANeighbour, 'OUT_OF_JURISDICTION'],
      [fromInside, 'OUT_OF_JURISDICTION'],
    ];
    for (const [envelope, code] of expected) {
      const rows = await waitFor(
        async () => {
          const r = await refusals(envelope.id);
          return r.length > 0 ? r : undefined;
        },
        { what: `the refusal of ${code}` },
      );
      expect(rows.map((r) => r.code)).toEqual([code]);
      expect(await applied(envelope.id)).toBe(0);
    }
    expect(
      await county.schema.count(
        'audit_record',
        `action = 'federation.envelope.refused' AND outcome = 'denied'`,
      ),
    ).toBeGreaterThanOrEqual(expected.length);
    expect(await county.schema.count('federation_supervision_order')).toBe(0);
  });

  it('applies an envelope exactly once however often it is delivered, and refuses the replays', async () => {
    const envelope = cityEnvelope();
    for (let i = 0; i < 3; i++) await onTheLink(envelope);
    await waitFor(async () => (await refusals(envelope.id)).length === 2, {
      what: 'two replays refused',
    });
    expect(await applied(envelope.id)).toBe(1);
    expect((await refusals(envelope.id)).map((r) => r.code)).toEqual(['REPLAYED', 'REPLAYED']);
    const orderId = (envelope.payload as { orderId: string }).orderId;
    expect(
      await county.schema.count('federation_supervision_order', 'order_id = $1', [orderId]),
    ).toBe(1);
    expect(
      await county.schema.count(
        'outbox',
        `subject = 'exchange-gateway.supervision.received' AND envelope->'data'->>'orderId' = $1`,
        [orderId],
      ),
    ).toBe(1);
  });

  it('holds a case’s later message until the earlier one is applied, then applies both in order', async () => {
    const caseKey = `T${randomBytes(5).toString('hex')}`;
    const first = cityEnvelope({ caseKey, caseSeq: 1 });
    const second = cityEnvelope({ caseKey, caseSeq: 2 });
    const third = cityEnvelope({ caseKey, caseSeq: 3 });
    await onTheLink(third);
    await onTheLink(second);
    await waitFor(
      async () => (await county.schema.count('federation_held', 'case_key = $1', [caseKey])) === 2,
      { what: 'the later messages to be held' },
    );
    expect(await county.schema.count('federation_inbox', 'case_key = $1', [caseKey])).toBe(0);

    await onTheLink(first);
    const order = await waitFor(
      async () => {
        const rows = await county.schema.query<{ case_seq: number }>(
          'SELECT case_seq FROM federation_inbox WHERE case_key = $1 ORDER BY applied_at, case_seq',
          [caseKey],
        );
        return rows.length === 3 ? rows.map((r) => r.case_seq) : undefined;
      },
      { what: 'all three applied' },
    );
    expect(order).toEqual([1, 2, 3]);
    const events = await county.schema.query<{ order_id: string }>(
      `SELECT envelope->'data'->>'orderId' AS order_id FROM outbox
        WHERE subject = 'exchange-gateway.supervision.received' AND envelope->'data'->>'trackingCode' = $1
        ORDER BY seq`,
      [caseKey],
    );
    expect(events.map((e) => e.order_id)).toEqual(
      [first, second, third].map((e) => (e.payload as { orderId: string }).orderId),
    );
    expect(await county.schema.count('federation_held', 'case_key = $1', [caseKey])).toBe(0);
  });

  it('gives each envelope of a batch its own fate in one pass: held, applied, replay refused, tampered refused, unreadable dead-lettered', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const caseKey = `TB${randomBytes(5).toString('hex')}`;
    const first = cityEnvelope({ caseKey, caseSeq: 1 });
    const second = cityEnvelope({ caseKey, caseSeq: 2 });
    const other = cityEnvelope();
    const tampered = cityEnvelope();
    (tampered.payload as { text: string }).text = '改过的督办内容';
    const outcomes = await receiver.receiveBatch(
      [second, first, first, tampered, 'not json', other].map((e) =>
        typeof e === 'string' ? e : JSON.stringify(e),
      ),
    );
    expect(outcomes).toEqual(['held', 'applied', 'refused', 'refused', 'dead-lettered', 'applied']);
    // The held successor was released once its predecessor committed.
    const order = await county.schema.query<{ case_seq: number }>(
      'SELECT case_seq FROM federation_inbox WHERE case_key = $1 ORDER BY applied_at, case_seq',
      [caseKey],
    );
    expect(order.map((r) => r.case_seq)).toEqual([1, 2]);
    expect(await county.schema.count('federation_held', 'case_key = $1', [caseKey])).toBe(0);
    expect((await refusals(first.id)).map((r) => r.code)).toEqual(['REPLAYED']);
    expect((await refusals(tampered.id)).map((r) => r.code)).toEqual(['BAD_SIGNATURE']);
    expect(await applied(tampered.id)).toBe(0);
    expect(await applied(other.id)).toBe(1);
    expect(
      await county.schema.count('federation_dead_letter', `raw = 'not json'`),
    ).toBeGreaterThanOrEqual(1);
  });

  it('does not let a poison envelope sink its batch: the others are applied once, it is dead-lettered', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const before = cityEnvelope();
    const after = cityEnvelope();
    // A status report for a complaint the county never forwarded: its effect fails mid-batch.
    const trackingCode = `TU${randomBytes(4).toString('hex')}`;
    const poison = signForHop(
      cityLink,
      {
        id: randomUUID(),
        version: 1,
        type: 'case.status-changed',
        originDivision: CITY,
        senderDivision: CITY,
        recipientDivision: COUNTY,
        caseKey: trackingCode,
        caseSeq: 1,
        createdAt: new Date().toISOString(),
        payload: {
          trackingCode,
          handlingDivision: CITY,
          petitionNumber: null,
          status: 'registered',
          event: 'petition.case.registered',
          at: new Date().toISOString(),
          summary: null,
        },
      },
      COUNTY,
    );
    const outcomes = await receiver.receiveBatch(
      [before, poison, after].map((e) => JSON.stringify(e)),
    );
    expect(outcomes).toEqual(['applied', 'dead-lettered', 'applied']);
    expect(await applied(before.id)).toBe(1);
    expect(await applied(after.id)).toBe(1);
    expect(await applied(poison.id)).toBe(0);
    const [letter] = await county.schema.query<{ reason: string }>(
      'SELECT reason FROM federation_dead_letter WHERE envelope_id = $1',
      [poison.id],
    );
    expect(letter.reason).toMatch(/^UNKNOWN_CASE/);
    for (const envelope of [before, after]) {
      const orderId = (envelope.payload as { orderId: string }).orderId;
      expect(
        await county.schema.count('federation_supervision_order', 'order_id = $1', [orderId]),
      ).toBe(1);
    }
  });

  it('applies several status reports of one case in one batch set-wise, in sequence order: every history row and event, the last report current', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const ordered = await forwardedToCity();
    const crossed = await forwardedToCity();
    const t = Date.now();
    const a1 = cityStatus(ordered, 1, 'registered', new Date(t + 1_000), {
      petitionNumber: `${CITY}-2026-000701`,
    });
    const a2 = cityStatus(ordered, 2, 'accepted', new Date(t + 2_000));
    const a3 = cityStatus(ordered, 3, 'replied', new Date(t + 3_000), { summary: '已答复' });
    const a4 = cityStatus(ordered, 4, 'concluded', new Date(t + 4_000), {
      handlingDivision: '510105',
    });
    // Reports whose clocks crossed: as one at a time, the later `at` stays current.
    const b1 = cityStatus(crossed, 1, 'accepted', new Date(t + 10_000));
    const b2 = cityStatus(crossed, 2, 'registered', new Date(t + 5_000));

    const [outcomes, oneByOne] = await oneByOneEffects(() =>
      receiver.receiveBatch([a1, b1, a2, a3, b2, a4].map((e) => JSON.stringify(e))),
    );

    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied']);
    expect(oneByOne).toBe(0);
    expect(await forwardedCase(ordered)).toEqual({
      status: 'concluded',
      status_at: new Date(t + 4_000),
      handling_division: '510105',
      petition_number: `${CITY}-2026-000701`,
    });
    expect(await history(ordered)).toEqual([
      [a1.id, 'registered'],
      [a2.id, 'accepted'],
      [a3.id, 'replied'],
      [a4.id, 'concluded'],
    ]);
    expect(await statusEvents(ordered)).toEqual(['registered', 'accepted', 'replied', 'concluded']);
    expect(await forwardedCase(crossed)).toMatchObject({
      status: 'accepted',
      status_at: new Date(t + 10_000),
    });
    expect(await history(crossed)).toEqual([
      [b2.id, 'registered'],
      [b1.id, 'accepted'],
    ]);
    expect(await statusEvents(crossed)).toEqual(['accepted', 'registered']);
  });

  it('applies a batch mixing status reports, supervision orders and a held report, each once and in order', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const trackingCode = await forwardedToCity();
    const t = Date.now();
    const s1 = cityStatus(trackingCode, 1, 'registered', new Date(t + 1_000));
    const s2 = cityStatus(trackingCode, 2, 'accepted', new Date(t + 2_000));
    const s3 = cityStatus(trackingCode, 3, 'replied', new Date(t + 3_000));
    const order1 = cityEnvelope();
    const order2 = cityEnvelope();

    const [outcomes, oneByOne] = await oneByOneEffects(() =>
      receiver.receiveBatch([s1, order1, s3, s2, order2].map((e) => JSON.stringify(e))),
    );

    expect(outcomes).toEqual(['applied', 'applied', 'held', 'applied', 'applied']);
    // The supervision orders go one by one; the held report is released after commit on its own.
    expect(oneByOne).toBe(3);
    expect(await forwardedCase(trackingCode)).toMatchObject({ status: 'replied' });
    expect(await statusEvents(trackingCode)).toEqual(['registered', 'accepted', 'replied']);
    expect((await history(trackingCode)).map(([id]) => id)).toEqual([s1.id, s2.id, s3.id]);
    for (const envelope of [s1, s2, s3, order1, order2]) expect(await applied(envelope.id)).toBe(1);
    for (const order of [order1, order2]) {
      const orderId = (order.payload as { orderId: string }).orderId;
      expect(
        await county.schema.count('federation_supervision_order', 'order_id = $1', [orderId]),
      ).toBe(1);
      expect(
        await county.schema.count(
          'outbox',
          `subject = 'exchange-gateway.supervision.received' AND envelope->'data'->>'orderId' = $1`,
          [orderId],
        ),
      ).toBe(1);
    }
    expect(await county.schema.count('federation_held', 'case_key = $1', [trackingCode])).toBe(0);
  });

  it('applies batches in flight at once in each case’s order, whichever takes the case’s lock first', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const trackingCode = await forwardedToCity();
    const t = Date.now();
    const statuses = ['registered', 'accepted', 'replied', 'concluded'];
    const reports = statuses.map((status, i) =>
      cityStatus(trackingCode, i + 1, status, new Date(t + (i + 1) * 1_000)),
    );

    // One batch per report, all at once, latest first: as the consumer's two workers (or two
    // replicas) may apply a case's successive reports.
    const outcomes = await Promise.all(
      [...reports].reverse().map((e) => receiver.receiveBatch([JSON.stringify(e)])),
    );

    for (const [outcome] of outcomes) expect(['applied', 'held']).toContain(outcome);
    expect(await history(trackingCode)).toEqual(reports.map((e, i) => [e.id, statuses[i]]));
    expect(await statusEvents(trackingCode)).toEqual(statuses);
    expect(await forwardedCase(trackingCode)).toMatchObject({ status: 'concluded' });
    expect(await county.schema.count('federation_held', 'case_key = $1', [trackingCode])).toBe(0);
  });

  it('dead-letters only the poison report of a set-wise batch of status reports; the others are applied once', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const known = await forwardedToCity();
    const other = await forwardedToCity();
    const unknown = `TU${randomBytes(4).toString('hex')}`;
    const t = Date.now();
    const k1 = cityStatus(known, 1, 'registered', new Date(t + 1_000));
    const poison = cityStatus(unknown, 1, 'registered', new Date(t + 1_000));
    const k2 = cityStatus(known, 2, 'accepted', new Date(t + 2_000));
    const o1 = cityStatus(other, 1, 'registered', new Date(t + 1_000));

    const outcomes = await receiver.receiveBatch(
      [k1, poison, k2, o1].map((e) => JSON.stringify(e)),
    );

    expect(outcomes).toEqual(['applied', 'dead-lettered', 'applied', 'applied']);
    expect(await applied(poison.id)).toBe(0);
    const [letter] = await county.schema.query<{ reason: string }>(
      'SELECT reason FROM federation_dead_letter WHERE envelope_id = $1',
      [poison.id],
    );
    expect(letter.reason).toMatch(/^UNKNOWN_CASE/);
    // Nothing of the rolled-back batch remains twice.
    expect(await forwardedCase(known)).toMatchObject({ status: 'accepted' });
    expect(await statusEvents(known)).toEqual(['registered', 'accepted']);
    expect((await history(known)).map(([id]) => id)).toEqual([k1.id, k2.id]);
    expect(await statusEvents(other)).toEqual(['registered']);
    expect(await statusEvents(unknown)).toEqual([]);
  });

  it('publishes a status event once when its batch rolls back after the event went out and is applied one envelope at a time', async () => {
    const receiver = county.app.get(EnvelopeReceiver);
    const known = await forwardedToCity();
    const t = Date.now();
    const k1 = cityStatus(known, 1, 'registered', new Date(t + 1_000));
    // The supervision order makes the batch publish k1's event before it goes on; the report for
    // a case never forwarded from here then fails the batch, which is rolled back and applied
    // one envelope at a time — k1's event is published a second time.
    const order = cityEnvelope();
    const poison = cityStatus(`TU${randomBytes(4).toString('hex')}`, 1, 'registered', new Date(t));

    const outcomes = await receiver.receiveBatch([k1, order, poison].map((e) => JSON.stringify(e)));

    expect(outcomes).toEqual(['applied', 'applied', 'dead-lettered']);
    expect(await statusEvents(known)).toEqual(['registered']);
    expect((await history(known)).map(([id]) => id)).toEqual([k1.id]);
    expect(await applied(k1.id)).toBe(1);
  });

  it('puts a poison message in dead letters with the reason, holds its successors, and applies all after a fix and a replay', async () => {
    // A status report for a complaint the city has no record of forwarding (e.g. a restore lost it).
    const trackingCode = `TP${randomBytes(4).toString('hex')}`;
    const countyLink = new LinkKeyring(`${CITY}-1:${LINK_SECRET}`);
    const status = (caseSeq: number, status: string) =>
      signForHop(
        countyLink,
        {
          id: randomUUID(),
          version: 1,
          type: 'case.status-changed',
          originDivision: COUNTY,
          senderDivision: COUNTY,
          recipientDivision: CITY,
          caseKey: trackingCode,
          caseSeq,
          createdAt: new Date().toISOString(),
          payload: {
            trackingCode,
            handlingDivision: COUNTY,
            petitionNumber: `${COUNTY}-2026-000999`,
            status,
            event: `petition.case.${status}`,
            at: new Date(Date.now() + caseSeq).toISOString(),
            summary: null,
          },
        },
        CITY,
      );
    const registered = status(1, 'registered');
    const accepted = status(2, 'accepted');
    const nc = await nats(COUNTY);
    for (const envelope of [registered, accepted]) {
      await jetstream(nc).publish(
        `${county.namespace}.federation.to.${CITY}`,
        JSON.stringify(envelope),
      );
    }
    const admin = await city.keys.token('system-admin', CITY);
    const letter = await waitFor(
      async () => {
        const response = await city.http.inject({
          method: 'GET',
          url: '/api/v1/federation/dead-letters',
          headers: { authorization: `Bearer ${admin}` },
        });
        return (response.json() as Array<{ id: string; envelopeId: string; reason: string }>).find(
          (d) => d.envelopeId === registered.id,
        );
      },
      { what: 'the dead letter' },
    );
    expect(letter.reason).toMatch(/^UNKNOWN_CASE/);
    await waitFor(
      async () =>
        (await city.schema.count('federation_held', 'envelope_id = $1', [accepted.id])) === 1,
      { what: 'the successor held' },
    );

    // A clerk may not replay; the fix: the forwarded complaint's record is restored.
    const clerk = await city.keys.token('clerk', CITY);
    const denied = await city.http.inject({
      method: 'POST',
      url: '/api/v1/federation/dead-letters/replay',
      headers: { authorization: `Bearer ${clerk}` },
      payload: {},
    });
    expect(denied.statusCode).toBe(403);
    await city.schema.query(
      `INSERT INTO federation_forwarded_case (tracking_code, recipient, envelope_id, forwarded_at)
       VALUES ($1, $2, $3, now())`,
      [trackingCode, COUNTY, randomUUID()],
    );
    const replay = await city.http.inject({
      method: 'POST',
      url: '/api/v1/federation/dead-letters/replay',
      headers: { authorization: `Bearer ${admin}` },
      payload: { id: letter.id },
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ replayed: 1, failed: 0 });
    const [row] = await city.schema.query<{ status: string }>(
      'SELECT status FROM federation_forwarded_case WHERE tracking_code = $1',
      [trackingCode],
    );
    expect(row.status).toBe('accepted');
    expect(await city.schema.count('federation_inbox', 'case_key = $1', [trackingCode])).toBe(2);
    const [closed] = await city.schema.query<{ replayed_at: Date | null }>(
      'SELECT replayed_at FROM federation_dead_letter WHERE id = $1',
      [letter.id],
    );
    expect(closed.replayed_at).not.toBeNull();
  });

  it('loses nothing while the county’s NATS server is down: everything sent meanwhile is applied once, in order per case, after it returns', async () => {
    await network.stopServer(COUNTY);
    const cases = Array.from({ length: 50 }, () => `TL${randomBytes(5).toString('hex')}`);
    const sent: FederationEnvelope[] = [];
    // Through the city's own stream, as its relay writes: the link is down, the city carries on.
    for (const caseKey of cases) {
      for (const caseSeq of [1, 2]) {
        const envelope = cityEnvelope({ caseKey, caseSeq });
        sent.push(envelope);
        await onTheLink(envelope);
      }
    }
    expect(await county.schema.count('federation_inbox', 'case_key = ANY($1)', [cases])).toBe(0);

    await network.startServer(COUNTY);
    await waitFor(
      async () =>
        (await county.schema.count('federation_inbox', 'case_key = ANY($1)', [cases])) ===
        sent.length,
      { timeoutMs: 60_000, intervalMs: 250, what: 'everything sent during the outage' },
    );
    const perCase = await county.schema.query<{ case_key: string; seqs: number[] }>(
      `SELECT case_key, array_agg(case_seq ORDER BY applied_at, case_seq) AS seqs
         FROM federation_inbox WHERE case_key = ANY($1) GROUP BY case_key`,
      [cases],
    );
    expect(perCase).toHaveLength(cases.length);
    for (const row of perCase) expect(row.seqs).toEqual([1, 2]);
    expect(
      await county.schema.count('federation_supervision_order', 'tracking_code = ANY($1)', [cases]),
    ).toBe(sent.length);
  });

  it('keeps unreadable bytes as a dead letter rather than dropping them', async () => {
    await onTheLink('{"not":"an envelope"');
    const [row] = await waitFor(
      async () => {
        const rows = await county.schema.query<{ reason: string }>(
          `SELECT reason FROM federation_dead_letter WHERE envelope_id IS NULL`,
        );
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the dead letter' },
    );
    expect(row.reason).toMatch(/^INVALID_ENVELOPE/);
  });
});
