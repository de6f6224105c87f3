import fc from 'fast-check';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  analyseMatterCommand,
  buildSearchQueryCommand,
  MATTER_TEXT_LIMITS,
} from '@minsheng/contracts';
import { EnvValidationError } from '@minsheng/config';
import { CommandClient, wireNames, type MessagingOptions } from '@minsheng/messaging';
import { backingServices, testNamespace } from '@minsheng/testing';
import { allWordsQuery, analyseMatter } from '@minsheng/text-analysis';
import { loadTextAnalyserEnv } from '../src/config/text-analyser.env.js';
import { startTextAnalyser, type RunningTextAnalyser } from '../src/start-text-analyser.js';

describe('text-analyser: the tier’s Chinese text analysis over NATS', () => {
  const namespace = testNamespace();
  let analyser: RunningTextAnalyser;
  let nc: NatsConnection;
  let commands: CommandClient;

  beforeAll(async () => {
    analyser = await startTextAnalyser(
      loadTextAnalyserEnv({
        NATS_URL: backingServices().natsUrl,
        NATS_NAMESPACE: namespace,
        TEXT_ANALYSER_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      }),
    );
    nc = await connect({ servers: backingServices().natsUrl });
    commands = new CommandClient(nc, { namespace } as MessagingOptions);
  });

  afterAll(async () => {
    await nc?.close();
    await analyser?.close();
  });

  const http = (path: string, method = 'GET') =>
    fetch(`http://127.0.0.1:${analyser.port}${path}`, { method });

  it('answers a matter’s fingerprint, search words and keywords exactly as the library computes them', async () => {
    const title = '小区电梯长期故障';
    const content = '锦江区锦绣小区3栋电梯经常故障，物业拒不维修，老人上下楼十分困难。';
    const answer = await commands.request(analyseMatterCommand, { title, content });
    expect(answer).toEqual(analyseMatter(title, content));
    expect(answer.keywords.map((k) => k.keyword)).toContain('电梯');
  });

  it('builds a search query from a search text, and none from punctuation', async () => {
    expect(await commands.request(buildSearchQueryCommand, { text: '拖欠工资' })).toEqual({
      tsquery: allWordsQuery('拖欠工资'),
    });
    expect(await commands.request(buildSearchQueryCommand, { text: '，。！' })).toEqual({
      tsquery: null,
    });
  });

  it('refuses a request that breaks the contract with VALIDATION_FAILED and the fields at fault', async () => {
    const oversized = '字'.repeat(MATTER_TEXT_LIMITS.content + 1);
    const reply = nc.request(
      wireNames.command(namespace, analyseMatterCommand.subject),
      JSON.stringify({
        pattern: analyseMatterCommand.subject,
        id: '1',
        data: { title: 7, content: oversized },
      }),
      { timeout: 5_000 },
    );
    const { err } = (await reply).json<{
      err: { code: string; fields: Array<{ path: string }> };
    }>();
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields.map((f) => f.path).sort()).toEqual(['content', 'title']);
  });

  it('answers a packet that is not JSON with MALFORMED_JSON and keeps answering', async () => {
    const reply = await nc.request(
      wireNames.command(namespace, buildSearchQueryCommand.subject),
      '{"pattern"',
      {
        timeout: 5_000,
      },
    );
    expect(reply.json<{ err: { code: string } }>().err.code).toBe('MALFORMED_JSON');
    await expect(commands.request(buildSearchQueryCommand, { text: '电梯' })).resolves.toEqual({
      tsquery: "'电梯'",
    });
  });

  it('answers any payload with an analysis or a 4xx-style refusal, never an internal error', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.constantFrom('\u0000', '\ud800', '🙂'.repeat(200), '　'.repeat(50), '&|!:*()\'"'),
    );
    const payload = fc.oneof(
      fc.record({ title: text, content: text }),
      fc.record({ text }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(analyseMatterCommand, buildSearchQueryCommand),
        payload,
        async (command, data) => {
          const reply = await nc.request(
            wireNames.command(namespace, command.subject),
            JSON.stringify({ pattern: command.subject, id: 'p', data }),
            { timeout: 5_000 },
          );
          const packet = reply.json<{ response?: unknown; err?: { code: string } }>();
          if (packet.err) expect(packet.err.code).toBe('VALIDATION_FAILED');
          else expect(command.response.safeParse(packet.response).success).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports readiness with its NATS check, liveness and Prometheus metrics labelled with its name', async () => {
    const ready = await http('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { nats: { ok: true } } });
    expect((await http('/health/live')).status).toBe(200);
    const metrics = await (await http('/metrics')).text();
    expect(metrics).toContain('process_cpu_seconds_total{service="text-analyser"}');
    expect(metrics).toMatch(
      /text_analyser_commands_total\{subject="text-analyser\.matter\.analyse",outcome="ok",service="text-analyser"\} [1-9]/,
    );
  });

  it('serves nothing else over HTTP: 404 for other paths, 405 for other methods', async () => {
    const missing = await http('/api/docs');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
    expect((await http('/health/ready', 'POST')).status).toBe(405);
  });
});

describe('text-analyser configuration', () => {
  it('refuses to start on bad settings, naming every variable at fault', () => {
    expect(() =>
      loadTextAnalyserEnv({ NATS_URL: 'http://nats.example', TEXT_ANALYSER_PORT: '70000' }),
    ).toThrow(EnvValidationError);
    try {
      loadTextAnalyserEnv({ NATS_URL: 'http://nats.example', TEXT_ANALYSER_PORT: '70000' });
    } catch (error) {
      const variables = (error as EnvValidationError).issues.map((i) => i.variable.split('.')[0]);
      expect(variables.sort()).toEqual(['NATS_URL', 'TEXT_ANALYSER_PORT']);
    }
  });

  it('answers on the namespace of its instance unless NATS_NAMESPACE says otherwise', () => {
    const NATS_URL = 'nats://127.0.0.1:4222';
    expect(loadTextAnalyserEnv({ NATS_URL, INSTANCE_DIVISION: '510104' }).namespace).toBe(
      'ms.510104',
    );
    expect(loadTextAnalyserEnv({ NATS_URL, NATS_NAMESPACE: 'ms.test' }).namespace).toBe('ms.test');
  });
});
