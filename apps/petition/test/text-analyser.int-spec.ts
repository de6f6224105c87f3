import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { complaintSubmittedEvent, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import {
  ServiceProcess,
  backingServices,
  freePort,
  makeResidentIdNumber,
  uniqueSuffix,
  waitFor,
} from '@minsheng/testing';
import { analyseMatter } from '@minsheng/text-analysis';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { ACTORS, api, complaintEnvelope, registerLetter } from './support/petition-test-kit.js';

interface StoredCase {
  id: string;
  text_fingerprint: unknown;
  words: string;
}

// Petition as deployed: TEXT_ANALYSIS=service, the tier's text-analyser a process of its own.
describe('petition with the tier’s text analyser (TEXT_ANALYSIS=service)', () => {
  let petition: InProcessService;
  let analyser: ServiceProcess;
  let nc: NatsConnection;

  beforeAll(async () => {
    petition = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { TEXT_ANALYSIS: 'service' },
    });
    analyser = new ServiceProcess(
      'text-analyser',
      await freePort(),
      {
        NATS_URL: backingServices().natsUrl,
        NATS_NAMESPACE: petition.namespace,
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      join(tmpdir(), `minsheng-text-analyser-${uniqueSuffix()}.log`),
    );
    analyser.setEnv({ TEXT_ANALYSER_PORT: String(analyser.port) });
    await analyser.start();
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await analyser?.kill('SIGTERM');
    await petition?.stop();
  });

  const stored = (petitionNumber: string) =>
    petition.schema.query<StoredCase>(
      `SELECT id, text_fingerprint, search_vector::text AS words
         FROM petition_case WHERE petition_number = $1`,
      [petitionNumber],
    );

  it('stores the same fingerprint and search words as the library computes in process', async () => {
    const title = '锦江区某小区电梯故障';
    const content = '锦江区春熙路街道某小区3号楼电梯长期故障，物业拒不维修，老人上下楼十分困难。';
    const number = await registerLetter(petition, { title, content });
    const [row] = await stored(number);
    const expected = analyseMatter(title, content);
    expect(row.text_fingerprint).toEqual(expected.fingerprint);
    for (const word of expected.searchWords.split(' ')) expect(row.words).toContain(`'${word}'`);
  });

  it('finds cases by words, the query built by the analyser', async () => {
    const number = await registerLetter(petition, {
      title: '拖欠农民工工资',
      content: '包工头拖欠我们三个月工资，多次讨要无果，请求劳动监察部门处理。',
    });
    const response = await api(petition).get(
      `/api/v1/cases/search?q=${encodeURIComponent('拖欠工资')}`,
      ACTORS.clerk,
    );
    expect(response.status).toBe(200);
    expect(response.body.items.map((c: { petitionNumber: string }) => c.petitionNumber)).toContain(
      number,
    );
  });

  it('answers 503 SERVICE_UNAVAILABLE while the analyser is down, and stores nothing', async () => {
    await analyser.kill('SIGKILL');
    try {
      const before = await petition.schema.query<{ n: string }>(
        'SELECT count(*) AS n FROM petition_case',
      );
      const search = await api(petition).get(
        `/api/v1/cases/search?q=${encodeURIComponent('电梯')}`,
        ACTORS.clerk,
      );
      expect(search.status).toBe(503);
      expect(search.body.code).toBe('SERVICE_UNAVAILABLE');
      await expect(registerLetter(petition)).rejects.toThrow(/registration failed: 503/);
      const after = await petition.schema.query<{ n: string }>(
        'SELECT count(*) AS n FROM petition_case',
      );
      expect(after[0].n).toBe(before[0].n);
    } finally {
      await analyser.start();
    }
  });

  it('registers a complaint that arrived while the analyser was down once it is back', async () => {
    await analyser.kill('SIGKILL');
    const envelope: EventEnvelope = complaintEnvelope(petition, {}, makeResidentIdNumber('510104'));
    await jetstream(nc).publish(
      wireNames.event(petition.namespace, complaintSubmittedEvent.subject),
      JSON.stringify(envelope),
      { msgID: randomUUID() },
    );
    const complaintId = (envelope.data as { complaintId: string }).complaintId;
    // Two failed deliveries (after 0.2 s and 1 s of backoff) before the analyser is back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const early = await petition.schema.query(
      'SELECT 1 FROM petition_case WHERE source_complaint_id = $1',
      [complaintId],
    );
    expect(early).toHaveLength(0);
    await analyser.start();
    const cases = await waitFor(
      async () => {
        const rows = await petition.schema.query(
          'SELECT 1 FROM petition_case WHERE source_complaint_id = $1',
          [complaintId],
        );
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 20_000, what: 'the case of the complaint sent while the analyser was down' },
    );
    expect(cases).toHaveLength(1);
  });
});
