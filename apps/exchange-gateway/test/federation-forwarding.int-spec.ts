// A city's gateway passing its county's envelopes on to the province: re-signed by the city and
// published to the province link's outbound stream before its inbox records them as forwarded.
// One gateway on the shared NATS server; the envelopes are handed to its receiver as the inbound
// consumer would, and the outbound stream is read as the province would source it.
import { randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FederationEnvelope } from '@minsheng/contracts';
import { NATS_CONNECTION } from '@minsheng/messaging';
import type { InProcessService } from '@minsheng/service-harness';
import { signForHop, verifyHop } from '../src/federation/envelope-codec.js';
import { StreamUnavailableError } from '../src/federation/stream-unavailable.error.js';
import { EnvelopeReceiver } from '../src/federation/envelope-receiver.js';
import { LinkKeyring } from '../src/federation/link-keys.js';
import { startGateway } from './integrator-test-kit.js';

// A city no other test file runs, so its stream names (global on the shared server) are its own.
const PROVINCE = '510000';
const CITY = '511300';
const COUNTY = '511302';
const UP = randomBytes(32).toString('base64');
const DOWN = randomBytes(32).toString('base64');
const OUTBOUND = `FEDX_${CITY}_TO_${PROVINCE}`;

describe('federation: a city passing its county’s envelopes on to the province', () => {
  let gateway: InProcessService;
  let receiver: EnvelopeReceiver;
  let jsm: JetStreamManager;
  /** The county's end of the county–city link, and the province's end of the city–province one. */
  const countyEnd = new LinkKeyring(`${CITY}-1:${DOWN}`);
  const provinceEnd = new LinkKeyring(`${CITY}-1:${UP}`);

  function fromCounty(): FederationEnvelope {
    const trackingCode = `F${randomBytes(5).toString('hex')}`;
    const now = new Date().toISOString();
    return signForHop(
      countyEnd,
      {
        id: randomUUID(),
        version: 1,
        type: 'case.status-changed',
        originDivision: COUNTY,
        senderDivision: COUNTY,
        recipientDivision: PROVINCE,
        caseKey: trackingCode,
        caseSeq: 1,
        createdAt: now,
        payload: {
          trackingCode,
          handlingDivision: COUNTY,
          petitionNumber: `${COUNTY}-2026-000001`,
          status: 'registered',
          event: 'petition.case.registered',
          at: now,
          summary: null,
        },
      },
      CITY,
    );
  }

  /** What the province's link carries of these envelopes, in stream order. */
  async function onTheLink(ids: readonly string[]): Promise<FederationEnvelope[]> {
    const { state } = await jsm.streams.info(OUTBOUND);
    const found: FederationEnvelope[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const stored = await jsm.streams.getMessage(OUTBOUND, { seq });
      const envelope = stored?.json<FederationEnvelope>();
      if (envelope && ids.includes(envelope.id)) found.push(envelope);
    }
    return found;
  }

  const recorded = (ids: readonly string[], table: string) =>
    gateway.schema.count(table, 'envelope_id = ANY($1)', [ids]);

  beforeAll(async () => {
    gateway = await startGateway({
      INSTANCE_DIVISION: CITY,
      PARENT_INSTANCE: PROVINCE,
      CHILD_INSTANCES: COUNTY,
      FEDERATION_LINK_KEYS: `${PROVINCE}-1:${UP},${COUNTY}-1:${DOWN}`,
      FEDERATION_STATISTICS_INTERVAL_MS: '0',
    });
    receiver = gateway.app.get(EnvelopeReceiver);
    jsm = await jetstreamManager(gateway.app.get<NatsConnection>(NATS_CONNECTION));
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    for (const stream of [OUTBOUND, `FEDX_${CITY}_TO_${COUNTY}`, `FEDX_${CITY}_IN`]) {
      await jsm?.streams.delete(stream).catch(() => undefined);
    }
  });

  it('passes a batch on to the province’s link in order, each re-signed by the city, and records it forwarded once', async () => {
    const batch = [fromCounty(), fromCounty(), fromCounty()];
    const ids = batch.map((e) => e.id);

    expect(await receiver.receiveBatch(batch.map((e) => JSON.stringify(e)))).toEqual([
      'forwarded',
      'forwarded',
      'forwarded',
    ]);

    const carried = await onTheLink(ids);
    expect(carried.map((e) => e.id)).toEqual(ids);
    for (const [i, envelope] of carried.entries()) {
      expect(envelope).toMatchObject({
        senderDivision: CITY,
        originDivision: COUNTY,
        recipientDivision: PROVINCE,
        payload: batch[i].payload,
      });
      expect(() => verifyHop(provinceEnd, envelope)).not.toThrow();
    }
    expect(await recorded(ids, 'federation_inbox')).toBe(3);
    // Redelivered (acknowledged too late, say): refused as a replay and not carried again.
    expect(await receiver.receiveBatch([JSON.stringify(batch[1])])).toEqual(['refused']);
    expect((await onTheLink(ids)).length).toBe(3);
  });

  it('records and dead-letters nothing while the link’s stream cannot take an envelope, and passes it on once when it can', async () => {
    const envelope = fromCounty();
    const raw = JSON.stringify(envelope);
    const { config } = await jsm.streams.info(OUTBOUND);
    await jsm.streams.delete(OUTBOUND);
    let outcomes: unknown[];
    let alone: unknown;
    try {
      outcomes = await receiver.receiveBatch([raw]);
      alone = await receiver.receive(raw).catch((error: unknown) => error);
    } finally {
      await jsm.streams.add(config);
    }

    // An Error is what the inbound consumer redelivers; nothing of it was kept.
    expect(outcomes[0]).toBeInstanceOf(StreamUnavailableError);
    expect(alone).toBeInstanceOf(StreamUnavailableError);
    expect(await recorded([envelope.id], 'federation_inbox')).toBe(0);
    expect(await recorded([envelope.id], 'federation_dead_letter')).toBe(0);

    expect(await receiver.receiveBatch([raw])).toEqual(['forwarded']);
    expect((await onTheLink([envelope.id])).map((e) => e.id)).toEqual([envelope.id]);
  });
});
