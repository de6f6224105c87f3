import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { Counter, Histogram } from 'prom-client';
import type { z } from 'zod';
import {
  ErrorCodes,
  analyseMatterCommand,
  buildSearchQueryCommand,
  REQUEST_PARSE_OPTIONS,
  validationFailure,
  wireNames,
  type CommandDefinition,
} from '@minsheng/contracts';
import { allWordsQuery, analyseMatter } from '@minsheng/text-analysis';

/** What a command handler computes from its validated request: a pure function, nothing stored. */
type Handler<C extends CommandDefinition> = (
  request: z.output<C['request']>,
) => z.input<C['response']>;

interface Route {
  command: CommandDefinition;
  handle: Handler<CommandDefinition>;
}

const ROUTES: Route[] = [
  route(analyseMatterCommand, ({ title, content }) => analyseMatter(title, content)),
  route(buildSearchQueryCommand, ({ text }) => ({ tsquery: allWordsQuery(text) })),
];

const handled = new Counter({
  name: 'text_analyser_commands_total',
  help: 'Commands answered, by subject and outcome',
  labelNames: ['subject', 'outcome'],
});
const duration = new Histogram({
  name: 'text_analyser_command_duration_seconds',
  help: 'Time to analyse one command',
  labelNames: ['subject'],
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
});

/**
 * Answers the analysis commands in the packet format of Nest's NATS transport (`{pattern, data,
 * id}` → `{response | err, isDisposed, id}`), which `CommandClient` speaks, in the queue group
 * `text-analyser`. Public on the instance's NATS, whose accounts admit only the instance's own
 * services: each command reads and stores nothing, and no text is ever logged — a matter's words
 * are the petitioner's.
 */
export class TextAnalysisResponder {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const { command, handle } of ROUTES) {
      this.subscriptions.push(
        this.nc.subscribe(wireNames.command(this.namespace, command.subject), {
          queue: 'text-analyser',
          callback: (error, message) => {
            if (error) return this.logger.error({ err: error.message }, 'subscription failed');
            this.answer(command, handle, message);
          },
        }),
      );
    }
  }

  /** Stops taking requests; those already received are answered first. */
  async drain(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain()));
  }

  private answer(command: CommandDefinition, handle: Route['handle'], message: Msg): void {
    const started = performance.now();
    let id: unknown = null;
    let reply: Record<string, unknown>;
    let outcome: string;
    try {
      const packet = parsePacket(message);
      id = packet.id;
      const request = command.request.safeParse(packet.data, REQUEST_PARSE_OPTIONS);
      if (request.success) {
        reply = { response: handle(request.data) };
        outcome = 'ok';
      } else {
        reply = { err: validationFailure(request.error) };
        outcome = 'invalid';
      }
    } catch (error) {
      reply = {
        err: {
          code: error instanceof MalformedPacket ? ErrorCodes.malformedJson : ErrorCodes.internal,
          message: '文本分析失败',
        },
      };
      outcome = error instanceof MalformedPacket ? 'invalid' : 'error';
      if (outcome === 'error') {
        this.logger.error(
          { subject: command.subject, err: (error as Error).message },
          'analysis failed',
        );
      }
    }
    duration.observe({ subject: command.subject }, (performance.now() - started) / 1000);
    handled.inc({ subject: command.subject, outcome });
    if (message.reply) message.respond(JSON.stringify({ ...reply, isDisposed: true, id }));
  }
}

function route<C extends CommandDefinition>(command: C, handle: Handler<C>): Route {
  return { command, handle: handle as Route['handle'] };
}

class MalformedPacket extends Error {}

function parsePacket(message: Msg): { id: unknown; data: unknown } {
  let packet: unknown;
  try {
    packet = message.json();
  } catch {
    throw new MalformedPacket('not JSON');
  }
  if (typeof packet !== 'object' || packet === null) throw new MalformedPacket('not an object');
  const { id = null, data } = packet as { id?: unknown; data?: unknown };
  return { id, data };
}
