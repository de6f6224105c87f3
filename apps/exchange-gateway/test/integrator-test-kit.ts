import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import {
  type caseRegisteredEvent,
  type complaintSubmittedEvent,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
  type IntegratorScope,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber } from '@minsheng/testing';
import { signedHeaders, type SigningInput } from '../src/integrator/request-signing.js';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

/** JSON as the tests read it. */
export type Loose = ReturnType<typeof JSON.parse>;

export interface TestClient {
  clientId: string;
  secret: string;
  open311ApiKey: string | null;
}

/** The gateway with quick webhook retries and local receivers allowed. */
export function startGateway(env: Record<string, string> = {}): Promise<InProcessService> {
  return InProcessService.start(serviceDefinition, {
    entities,
    migrations,
    env: {
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_BACKOFF_BASE_MS: '100',
      WEBHOOK_ALLOW_INSECURE_URLS: 'true',
      ...env,
    },
  });
}

export async function adminHeaders(service: InProcessService): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await service.keys.token('system-admin', '510000')}` };
}

/** A system administrator registers a client; answers its credentials. */
export async function registerClient(
  service: InProcessService,
  options: { scopes: IntegratorScope[]; allowedDivisions?: string[]; rateLimitPerMinute?: number },
): Promise<TestClient> {
  const response = await service.http.inject({
    method: 'POST',
    url: '/exchange/v1/admin/clients',
    headers: await adminHeaders(service),
    payload: {
      name: '12345 热线',
      scopes: options.scopes,
      allowedDivisions: options.allowedDivisions ?? ['510104'],
      rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
    },
  });
  if (response.statusCode !== 201) {
    throw new Error(`registration failed: ${response.statusCode} ${response.body}`);
  }
  return (response.json() as { credentials: TestClient }).credentials;
}

/** A signed request, exactly as an integrator sends it; `sign` overrides parts of the signing. */
export async function signed(
  service: InProcessService,
  client: TestClient,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
  {
    sign = {},
    headers = {},
  }: { sign?: Partial<SigningInput>; headers?: Record<string, string> } = {},
) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const response = await service.http.inject({
    method,
    url,
    headers: {
      ...signedHeaders({
        clientId: client.clientId,
        secret: client.secret,
        method,
        pathWithQuery: url,
        body: payload,
        ...sign,
      }),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload }),
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (response.body ? response.json() : undefined) as Loose,
  };
}

export const ID_NUMBER = makeResidentIdNumber('510104', '19850312', 321);
export const PHONE = '13912345678';

export function complaintBody(overrides: Record<string, unknown> = {}) {
  return {
    petitioner: { name: '张三', idNumber: ID_NUMBER, phone: PHONE },
    divisionCode: '510104',
    kind: 'appeal',
    categoryCode: '0101',
    title: '小区门口道路坑洼',
    content: '小区门口道路坑洼不平，雨天积水严重，请尽快修复。',
    ...overrides,
  };
}

/** Publishes an event into the gateway's namespace, as its owning service would. */
export async function publish<E extends EventDefinition>(
  service: InProcessService,
  event: E,
  data: EventData<E>,
  divisionCode = '510104',
): Promise<EventEnvelope<EventData<E>>> {
  const envelope: EventEnvelope<EventData<E>> = {
    eventId: randomUUID(),
    type: event.subject,
    occurredAt: new Date().toISOString(),
    divisionCode,
    correlationId: randomUUID(),
    data,
  };
  const nc = await connect({ servers: backingServices().natsUrl });
  try {
    await jetstream(nc).publish(
      wireNames.event(service.namespace, event.subject),
      JSON.stringify(envelope),
      { msgID: envelope.eventId },
    );
  } finally {
    await nc.close();
  }
  return envelope;
}

/** What intake announces once it took a handed-over complaint in. */
export function intakeSubmitted(
  source: { kind: 'integrator' | 'open311'; id: string; reference: string } | null,
  overrides: Partial<EventData<typeof complaintSubmittedEvent>> = {},
): EventData<typeof complaintSubmittedEvent> {
  return {
    complaintId: randomUUID(),
    trackingCode: `T${randomUUID().replace(/-/g, '').slice(0, 11).toUpperCase()}`,
    kind: 'appeal',
    categoryCode: '0101',
    title: '小区门口道路坑洼',
    content: '小区门口道路坑洼不平。',
    divisionCode: '510104',
    address: null,
    location: null,
    replyPublicConsent: false,
    attachments: [],
    submittedAt: new Date().toISOString(),
    source,
    petitioner: {
      name: '张三',
      idNumberEncrypted: 'v1.k1.x',
      idNumberHash: 'h',
      phoneEncrypted: 'v1.k1.y',
      phoneHash: 'h',
    },
    ...overrides,
  };
}

export function caseRegistered(
  complaintId: string | null,
  overrides: Partial<EventData<typeof caseRegisteredEvent>> = {},
): EventData<typeof caseRegisteredEvent> {
  const now = new Date().toISOString();
  return {
    caseId: randomUUID(),
    petitionNumber: `510104-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    sourceComplaintId: complaintId,
    kind: 'appeal',
    channel: 'online',
    divisionCode: '510104',
    registeredAt: now,
    status: 'registered',
    categoryCode: '0101',
    registeringOrganId: null,
    deadlines: null,
    repeatOfCaseId: null,
    ...overrides,
  };
}
