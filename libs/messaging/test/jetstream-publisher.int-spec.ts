import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { backingServices } from '@minsheng/testing';
import { JetStreamPublishError, JetStreamPublisher } from '../src/index.js';

describe('JetStreamPublisher against NATS', () => {
  const id = randomUUID().slice(0, 8);
  const stream = `PUBLISHER_${id}`;
  const subject = `publisher.${id}`;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    nc = await connect({ servers: backingServices().natsUrl });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], duplicate_window: 60e9 });
  });

  beforeEach(() => (publisher = new JetStreamPublisher(nc, 300)));
  afterEach(() => publisher.close());

  afterAll(async () => {
    await jsm.streams.delete(stream);
    await nc.close();
  });

  it('stores many messages in flight at once, each acknowledged with its own sequence, in publish order', async () => {
    const acks = await Promise.all(
      Array.from({ length: 300 }, (_, n) =>
        publisher.publish(`${subject}.order`, JSON.stringify({ n }), {
          msgId: `order-${id}-${n}`,
          headers: { 'x-request-id': `r${n}` },
        }),
      ),
    );
    expect(new Set(acks.map((ack) => ack.stream))).toEqual(new Set([stream]));
    const seqs = acks.map((ack) => ack.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(300);
    const last = await jsm.streams.getMessage(stream, { seq: seqs[299] });
    expect(last?.json()).toEqual({ n: 299 });
    expect(last?.header.get('x-request-id')).toBe('r299');
    expect(last?.header.get('Nats-Msg-Id')).toBe(`order-${id}-299`);
  });

  it('reports a message sent again under the same id as a duplicate, stored once', async () => {
    const first = await publisher.publish(`${subject}.dup`, 'once', { msgId: `dup-${id}` });
    const again = await publisher.publish(`${subject}.dup`, 'once', { msgId: `dup-${id}` });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ stream, seq: first.seq, duplicate: true });
  });

  it('fails at once when no stream takes the subject', async () => {
    const started = Date.now();
    await expect(
      publisher.publish(`nowhere.${id}`, 'lost?', { msgId: `nowhere-${id}` }),
    ).rejects.toMatchObject({ name: 'JetStreamPublishError', code: 503 });
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('passes on the stream’s refusal with its error code', async () => {
    await expect(
      publisher.publish(`${subject}.expect`, 'x', {
        msgId: `expect-${id}`,
        headers: { 'Nats-Expected-Stream': 'SOME_OTHER_STREAM' },
      }),
    ).rejects.toMatchObject({ name: 'JetStreamPublishError', code: 10060 });
  });

  it('fails a publish nobody acknowledges once its time is up', async () => {
    // A plain subscriber that never answers stands where a stream would.
    const silent = nc.subscribe(`silent.${id}`);
    try {
      const error = await publisher
        .publish(`silent.${id}`, 'x', { msgId: `silent-${id}` })
        .catch((e: Error) => e);
      expect(error).toBeInstanceOf(JetStreamPublishError);
      expect((error as Error).message).toMatch(/no acknowledgement within 300 ms/);
    } finally {
      silent.unsubscribe();
    }
  });

  it('fails what still waits when it is closed, and refuses to publish on a closed connection', async () => {
    const silent = nc.subscribe(`silent2.${id}`);
    const waiting = publisher.publish(`silent2.${id}`, 'x', { msgId: `closed-${id}` });
    publisher.close();
    await expect(waiting).rejects.toThrow(/closed before the stream answered/);
    silent.unsubscribe();

    const other = await connect({ servers: backingServices().natsUrl });
    await other.close();
    const orphan = new JetStreamPublisher(other);
    await expect(orphan.publish(`${subject}.x`, 'x', { msgId: `orphan-${id}` })).rejects.toThrow();
    orphan.close();
  });
});
