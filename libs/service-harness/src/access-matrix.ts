import type { z } from 'zod';
import type { MigrationInterface } from 'typeorm';
import { inventoryHandlers, type HandlerAccess } from '@minsheng/auth';
import {
  ROLES,
  describeInstanceCommand,
  type CommandDefinition,
  type Role,
  type ServiceName,
} from '@minsheng/contracts';
import { childDivisions, parentDivisionCode } from '@minsheng/domain';
import { CommandClient, CommandFailedError } from '@minsheng/messaging';
import type { ServiceDefinition } from '@minsheng/runtime';
import { InProcessService } from './in-process-service.js';

/**
 * A caller's token and, where a route works on the caller's own things (their session, say), the
 * values of `:placeholders` in its URL.
 */
export interface Caller {
  token: string;
  substitutions?: Record<string, string>;
}

export type AccessRequest =
  | {
      kind: 'http';
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      url: string;
      payload?: unknown;
      /** The status an allowed caller gets; 200 unless said otherwise. */
      allowedStatus?: number;
      /** The division of the record the request targets; callers of a sibling division get 404. */
      recordDivision?: string;
      /** Makes the caller for a role, when a plain test token is not enough (e.g. a real session). */
      callerFor?: (role: Role, divisionCode: string) => Promise<Caller>;
    }
  | { kind: 'rpc'; command: CommandDefinition; payload: unknown; recordDivision?: string };

/** Builds the request for one route, creating whatever record it needs first. */
export type AccessCase = (service: InProcessService) => Promise<AccessRequest>;

interface Schema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
}

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'not-found' | `unexpected ${string}`;

const HOME_DIVISION = '510104';

function siblingOf(code: string): string {
  const parent = parentDivisionCode(code);
  const sibling = parent ? childDivisions(parent).find((d) => d.code !== code) : undefined;
  if (!sibling) throw new Error(`no sibling division for ${code}`);
  return sibling.code;
}

/**
 * The access matrix of one service, generated from its routes: every non-public HTTP route and
 * NATS handler must have an AccessCase, and for each it checks that every role gets what its
 * @Roles() rule says (allowed or 403), that no token gets 401 and that a caller from a
 * neighbouring county gets 404 for a record outside its jurisdiction. A new route without a case
 * fails the suite.
 */
export function describeAccessMatrix<S extends z.ZodRawShape>(
  definition: ServiceDefinition<S>,
  schema: Schema,
  cases: Record<string, AccessCase>,
): void {
  describe(`${definition.service} access matrix`, () => {
    let service: InProcessService;
    let handlers: HandlerAccess[];

    beforeAll(async () => {
      service = await InProcessService.start(definition, schema);
      handlers = inventoryHandlers(service.app);
    });

    afterAll(async () => {
      await service?.stop();
    });

    it('has an access case for every route that is not public', () => {
      const staffRoutes = handlers.filter((h) => !h.isPublic).map((h) => h.route);
      expect(staffRoutes.filter((route) => !(route in cases))).toEqual([]);
      expect(Object.keys(cases).filter((route) => !staffRoutes.includes(route))).toEqual([]);
    });

    it.each(Object.keys(cases))('%s answers each role as its rule says', async (route) => {
      const handler = handlers.find((h) => h.route === route);
      expect(handler?.roles?.length).toBeGreaterThan(0);
      const request = await cases[route](service);
      const division = request.recordDivision ?? HOME_DIVISION;
      const expected: Record<string, Outcome> = { 'no token': 'unauthenticated' };
      const actual: Record<string, Outcome> = {
        'no token': await attempt(service, request, undefined),
      };
      for (const role of ROLES) {
        const allowed = handler!.roles!.includes(role);
        expected[role] = allowed ? 'allowed' : 'forbidden';
        actual[role] = await attempt(
          service,
          request,
          await callerFor(service, request, role, division),
        );
        if (allowed && request.recordDivision) {
          const neighbour = `${role} of ${siblingOf(division)}`;
          expected[neighbour] = 'not-found';
          const sibling = siblingOf(division);
          actual[neighbour] = await attempt(
            service,
            request,
            await callerFor(service, request, role, sibling),
          );
        }
      }
      expect(actual).toEqual(expected);
    });
  });
}

async function callerFor(
  service: InProcessService,
  request: AccessRequest,
  role: Role,
  division: string,
): Promise<Caller> {
  if (request.kind === 'http' && request.callerFor) return request.callerFor(role, division);
  return { token: await service.keys.token(role, division) };
}

async function attempt(
  service: InProcessService,
  request: AccessRequest,
  caller: Caller | undefined,
): Promise<Outcome> {
  const authorization = caller ? `Bearer ${caller.token}` : undefined;
  if (request.kind === 'rpc') {
    try {
      await service.app
        .get(CommandClient)
        .request(request.command, request.payload, { authorization });
      return 'allowed';
    } catch (error) {
      if (!(error instanceof CommandFailedError)) return `unexpected ${String(error)}`;
      return outcomeOfCode(error.code);
    }
  }
  const url = Object.entries(caller?.substitutions ?? {}).reduce(
    (path, [name, value]) => path.replace(`:${name}`, encodeURIComponent(value)),
    request.url,
  );
  const response = await service.http.inject({
    method: request.method,
    url,
    headers: authorization ? { authorization } : {},
    ...(request.payload === undefined ? {} : { payload: request.payload as object }),
  });
  if (response.statusCode === (request.allowedStatus ?? 200)) return 'allowed';
  return outcomeOfCode(
    (response.json() as { code?: string }).code ?? `HTTP ${response.statusCode}`,
  );
}

function outcomeOfCode(code: string): Outcome {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'unauthenticated';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'NOT_FOUND':
      return 'not-found';
    default:
      return `unexpected ${code}`;
  }
}

/** The access cases every service has: its describe command and the audit administrator's view. */
export function serviceCoreCases(service: ServiceName): Record<string, AccessCase> {
  const command = describeInstanceCommand(service);
  return {
    [`NATS ${command.subject}`]: async () => ({ kind: 'rpc', command, payload: {} }),
    'GET /api/v1/audit-records': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/audit-records',
    }),
    'GET /api/v1/audit-records/export': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/audit-records/export',
    }),
  };
}
