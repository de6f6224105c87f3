import type { z } from 'zod';

/** A JetStream event: its subject (`<owning-service>.<noun>.<past-verb>`) and payload schema. */
export interface EventDefinition<S extends string = string, T extends z.ZodType = z.ZodType> {
  readonly subject: S;
  readonly owner: string;
  readonly schema: T;
}

/** A NATS request/reply command: its subject and the request and response schemas. */
export interface CommandDefinition<
  S extends string = string,
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  readonly subject: S;
  readonly owner: string;
  readonly request: Req;
  readonly response: Res;
}

export type EventData<E extends EventDefinition> = z.output<E['schema']>;
export type CommandRequest<C extends CommandDefinition> = z.output<C['request']>;
export type CommandResponse<C extends CommandDefinition> = z.output<C['response']>;

const SUBJECT = /^([a-z][a-z-]*)\.[a-z][a-z-]*\.[a-z][a-z-]*(\.v\d+)?$/;

function ownerOf(subject: string): string {
  const match = SUBJECT.exec(subject);
  if (!match) throw new Error(`Subject "${subject}" is not <service>.<noun>.<verb>[.vN]`);
  return match[1];
}

/** Declares an event once, for publishers and consumers alike. */
export function defineEvent<S extends string, T extends z.ZodType>(
  subject: S,
  schema: T,
): EventDefinition<S, T> {
  return { subject, owner: ownerOf(subject), schema };
}

/** Declares a command once, for the requester and the handler alike. */
export function defineCommand<S extends string, Req extends z.ZodType, Res extends z.ZodType>(
  subject: S,
  request: Req,
  response: Res,
): CommandDefinition<S, Req, Res> {
  return { subject, owner: ownerOf(subject), request, response };
}
