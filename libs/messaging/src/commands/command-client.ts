import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  MessageHeaders,
  type CommandDefinition,
  type CommandRequest,
  type CommandResponse,
  wireNames,
} from '@minsheng/contracts';
import { requestContext } from '@minsheng/observability';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from '../messaging.options.js';

export interface RequestOptions {
  timeoutMs?: number;
  /** Passed on as the `authorization` header, e.g. the caller's bearer token. */
  authorization?: string;
}

/** The command handler answered with an error (its code and message are kept). */
export class CommandFailedError extends Error {
  constructor(
    readonly subject: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Nobody answered in time, or no handler is subscribed. */
export class CommandUnavailableError extends Error {}

interface ReplyPacket {
  response?: unknown;
  err?: unknown;
}

/**
 * Typed NATS request/reply over the command map in @minsheng/contracts, speaking the packet
 * format of Nest's NATS transport so handlers are plain `@MessagePattern` methods.
 */
@Injectable()
export class CommandClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async request<C extends CommandDefinition>(
    command: C,
    data: CommandRequest<C>,
    { timeoutMs = 5_000, authorization }: RequestOptions = {},
  ): Promise<CommandResponse<C>> {
    const context = requestContext.current();
    const h = natsHeaders();
    h.set(MessageHeaders.requestId, context?.requestId ?? randomUUID());
    h.set(MessageHeaders.correlationId, context?.correlationId ?? randomUUID());
    if (authorization) h.set(MessageHeaders.authorization, authorization);
    const body = JSON.stringify({
      pattern: command.subject,
      data: command.request.parse(data),
      id: randomUUID(),
    });
    let packet: ReplyPacket;
    try {
      const reply = await this.nc.request(
        wireNames.command(this.options.namespace, command.subject),
        body,
        {
          timeout: timeoutMs,
          headers: h,
        },
      );
      packet = reply.json<ReplyPacket>();
    } catch (error) {
      throw new CommandUnavailableError(`${command.subject}: ${(error as Error).message}`);
    }
    if (packet.err !== undefined && packet.err !== null) {
      const err = packet.err as { code?: string; message?: string } | string;
      const code = typeof err === 'object' && err.code ? err.code : 'COMMAND_FAILED';
      const message = typeof err === 'object' ? (err.message ?? code) : String(err);
      throw new CommandFailedError(command.subject, code, message);
    }
    return command.response.parse(packet.response) as CommandResponse<C>;
  }
}
