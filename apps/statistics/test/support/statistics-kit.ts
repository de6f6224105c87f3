import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  caseAcceptedEvent,
  caseConcludedEvent,
  caseDeclinedEvent,
  caseRatedEvent,
  caseRegisteredEvent,
  caseRepliedEvent,
  complaintSubmittedEvent,
  type EventDefinition,
  type EventEnvelope,
  type Role,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { InProcessService } from '@minsheng/service-harness';
import { backingServices, waitFor } from '@minsheng/testing';
import { StatisticsClock } from '../../src/http/statistics-clock.js';
import { entities, migrations } from '../../src/schema.js';
import { serviceDefinition } from '../../src/service-definition.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A day in March 2026, China time, at `hour` o'clock. */
export const at = (day: string, hour = 10) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
/** The end of a China day, as petition writes deadlines. */
export const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`).toISOString();

/** The statistics service in-process, and a way to publish events as their owners do. */
export class StatisticsKit {
  private published = 0;

  private constructor(
    readonly service: InProcessService,
    private readonly nc: NatsConnection,
  ) {}

  static async start(
    options: { now?: string; env?: Record<string, string> } = {},
  ): Promise<StatisticsKit> {
    const service = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { STATISTICS_REPORT_INTERVAL_MS: '0', ...options.env },
    });
    const nc = await connect({ servers: backingServices().natsUrl });
    const kit = new StatisticsKit(service, nc);
    if (options.now) {
      const now = new Date(options.now);
      service.app.get(StatisticsClock).now = () => new Date(now);
    }
    return kit;
  }

  async stop(): Promise<void> {
    await this.nc.close();
    await this.service.stop();
  }

  /** Publishes to JetStream the way the owner's outbox relay does (Nats-Msg-Id = event id). */
  async publish<E extends EventDefinition>(
    event: E,
    data: unknown,
    divisionCode: string,
    occurredAt = new Date().toISOString(),
  ): Promise<EventEnvelope> {
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type: event.subject,
      occurredAt,
      divisionCode,
      correlationId: randomUUID(),
      data: event.schema.parse(data),
    };
    await jetstream(this.nc).publish(
      wireNames.event(this.service.namespace, event.subject),
      JSON.stringify(envelope),
      { msgID: envelope.eventId },
    );
    this.published += 1;
    return envelope;
  }

  /** Waits until every event published so far has been applied (the inbox has them all). */
  async settled(timeoutMs = 20_000): Promise<void> {
    await waitFor(async () => (await this.service.schema.count('inbox')) >= this.published, {
      timeoutMs,
      what: `${this.published} events consumed`,
    });
  }

  /** The data of the events this service published (its outbox), oldest first. */
  async outbox<T = Json>(event: EventDefinition): Promise<T[]> {
    const rows: Array<{ envelope: { data: T } }> = await this.service.schema.query(
      `SELECT envelope FROM outbox WHERE subject = $1 ORDER BY seq`,
      [event.subject],
    );
    return rows.map((r) => r.envelope.data);
  }

  async get(url: string, role: Role = 'analyst', division = '510100') {
    return this.service.http.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${await this.service.keys.token(role, division)}` },
    });
  }

  async ok(url: string, role: Role = 'analyst', division = '510100'): Promise<Json> {
    const r = await this.get(url, role, division);
    if (r.statusCode !== 200) throw new Error(`expected 200, got ${r.statusCode}: ${r.body}`);
    return r.json();
  }
}

const deadlinesOf = (acceptBy: string, concludeBy: string | null) => ({
  routeBy: acceptBy,
  acceptBy,
  objectBy: null,
  reportBy: null,
  concludeBy,
  reviewRequestBy: null,
  reviewDecideBy: null,
  reexaminationRequestBy: null,
  reexaminationDecideBy: null,
});

/** A petition case as petition publishes it: registered, then its workflow events. */
export interface CaseScript {
  division: string;
  channel: 'online' | 'letter' | 'visit' | 'phone' | 'video' | 'message-board' | 'leader-mailbox';
  kind?: 'suggestion' | 'accusation' | 'appeal';
  addresseeMailboxId?: string;
  registered: string;
  acceptBy: string;
  categoryCode?: string;
  organ?: string;
  accepted?: { at: string; concludeBy: string };
  declined?: string;
  replied?: string;
  concluded?: string;
  rated?: { at: string; office: string; organ: string };
}

export async function publishCase(kit: StatisticsKit, script: CaseScript) {
  const caseId = randomUUID();
  const petitionNumber = `XF${script.division}${caseId.slice(0, 8)}`;
  const base = {
    caseId,
    petitionNumber,
    sourceComplaintId: null,
    divisionCode: script.division,
  };
  await kit.publish(
    caseRegisteredEvent,
    {
      ...base,
      kind: script.kind ?? 'appeal',
      channel: script.channel,
      ...(script.addresseeMailboxId ? { addresseeMailboxId: script.addresseeMailboxId } : {}),
      registeredAt: script.registered,
      status: 'registered',
      categoryCode: script.categoryCode ?? 'housing',
      registeringOrganId: 'office-1',
      deadlines: deadlinesOf(script.acceptBy, null),
      repeatOfCaseId: null,
    },
    script.division,
  );
  const change = (
    status: string,
    previousStatus: string,
    when: string,
    concludeBy: string | null,
  ) => ({
    ...base,
    status,
    previousStatus,
    at: when,
    actorOrganId: script.organ ?? 'organ-1',
    leadOrganId: script.organ ?? 'organ-1',
    coHandlingOrganIds: [],
    deadlines: deadlinesOf(script.acceptBy, concludeBy),
    currentDeadline: null,
    notices: [],
    missedDeadlines: [],
  });
  const concludeBy = script.accepted?.concludeBy ?? null;
  if (script.accepted) {
    await kit.publish(
      caseAcceptedEvent,
      {
        ...change('accepted', 'transferred', script.accepted.at, concludeBy),
        acceptedAt: script.accepted.at,
      },
      script.division,
    );
  }
  if (script.declined) {
    await kit.publish(
      caseDeclinedEvent,
      { ...change('declined', 'transferred', script.declined, null), reason: '不属于信访事项' },
      script.division,
    );
  }
  if (script.replied) {
    await kit.publish(
      caseRepliedEvent,
      {
        ...change('replied', 'accepted', script.replied, concludeBy),
        repliedAt: script.replied,
        summary: '已答复',
      },
      script.division,
    );
  }
  if (script.concluded) {
    await kit.publish(
      caseConcludedEvent,
      {
        ...change('concluded', 'replied', script.concluded, concludeBy),
        concludedAt: script.concluded,
        summary: null,
      },
      script.division,
    );
  }
  if (script.rated) {
    await kit.publish(
      caseRatedEvent,
      {
        ...base,
        status: 'concluded',
        leadOrganId: script.organ ?? 'organ-1',
        office: script.rated.office,
        organ: script.rated.organ,
        ratedOrganId: script.organ ?? 'organ-1',
        ratedAt: script.rated.at,
      },
      script.division,
    );
  }
  return { caseId, petitionNumber };
}

export interface ComplaintScript {
  division: string;
  title: string;
  content: string;
  submittedAt: string;
  petitioner?: string;
  categoryCode?: string;
  complaintId?: string;
  /** Publish the case petition registers for it too (the default), right after the complaint. */
  withCase?: boolean;
  /** The case's keywords; computed as petition does when not given. */
  keywords?: Keyword[];
}

interface Keyword {
  keyword: string;
  weight: number;
}

/**
 * A complaint as intake publishes it (personal data as ciphertext and keyed hashes), and the case
 * petition registers for it, which carries the keywords statistics counts.
 */
export async function publishComplaint(kit: StatisticsKit, c: ComplaintScript): Promise<string> {
  const complaintId = c.complaintId ?? randomUUID();
  const petitioner = c.petitioner ?? randomUUID();
  await kit.publish(
    complaintSubmittedEvent,
    {
      complaintId,
      trackingCode: `T${complaintId.slice(0, 10)}`,
      kind: 'appeal',
      categoryCode: c.categoryCode ?? 'general',
      title: c.title,
      content: c.content,
      divisionCode: c.division,
      submittedAt: c.submittedAt,
      petitioner: {
        name: 'sm4:cipher',
        idNumberEncrypted: 'sm4:cipher',
        idNumberHash: `hash-${petitioner}`,
        phoneEncrypted: 'sm4:cipher',
        phoneHash: `phone-${petitioner}`,
      },
    },
    c.division,
  );
  if (c.withCase ?? true) await publishComplaintCase(kit, { ...c, complaintId });
  return complaintId;
}

let segmenter: { keywords(text: string, k: number): Keyword[] } | undefined;

/**
 * The top five TF-IDF keywords of title and content, as petition computes them. Imported on first
 * use, so a suite that passes its own keywords never loads jieba into its module registry.
 */
export async function petitionKeywords(title: string, content: string): Promise<Keyword[]> {
  if (!segmenter) {
    const { ChineseSegmenter } = await import('@minsheng/text-analysis');
    segmenter = new ChineseSegmenter();
  }
  return segmenter.keywords(`${title}\n${content}`, 5);
}

/** `petition.case.registered` for an online complaint, as petition publishes it. */
export async function publishComplaintCase(
  kit: StatisticsKit,
  c: ComplaintScript & { complaintId: string; caseId?: string },
): Promise<{ caseId: string; eventId: string }> {
  const caseId = c.caseId ?? randomUUID();
  const acceptBy = new Date(Date.parse(c.submittedAt) + 15 * 86_400_000).toISOString();
  const envelope = await kit.publish(
    caseRegisteredEvent,
    {
      caseId,
      petitionNumber: `${c.division}-2026-${caseId.slice(0, 6)}`,
      sourceComplaintId: c.complaintId,
      kind: 'appeal',
      channel: 'online',
      divisionCode: c.division,
      registeredAt: c.submittedAt,
      status: 'registered',
      categoryCode: c.categoryCode ?? 'general',
      registeringOrganId: 'office-1',
      deadlines: deadlinesOf(acceptBy, null),
      repeatOfCaseId: null,
      keywords: c.keywords ?? (await petitionKeywords(c.title, c.content)),
    },
    c.division,
  );
  return { caseId, eventId: envelope.eventId };
}
