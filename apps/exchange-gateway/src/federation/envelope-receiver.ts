import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  FEDERATION_ENVELOPE_VERSION,
  FEDERATION_PAYLOAD_SCHEMAS,
  type CaseStatusChangedPayload,
  type ComplaintForwardedPayload,
  type FederationEnvelope,
} from '@minsheng/contracts';
import { AuditTrail, SYSTEM_ACTOR } from '@minsheng/audit';
import {
  EnvelopeRefusedError,
  PoisonEnvelopeError,
  parseEnvelope,
  verifyHop,
} from './envelope-codec.js';
import { EnvelopeEffects } from './envelope-effects.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { JurisdictionError } from './federation-topology.js';
import { EnvelopeForwarder, type ForwardedMessage } from './envelope-forwarder.js';
import { StreamUnavailableError } from './stream-unavailable.error.js';

/** Where an envelope's effect happens: here, or passed on as `next`. */
interface Route {
  next?: ForwardedMessage;
}

export type Outcome = 'applied' | 'forwarded' | 'held' | 'refused' | 'duplicate' | 'dead-lettered';

/**
 * Takes one envelope as it arrived from a neighbour and decides its fate, in this order: is it
 * an envelope at all (else dead letter), signed by that neighbour's link key, from a neighbour
 * allowed to send it, not already applied (else refused and logged); is its payload valid (else
 * dead letter); is its case's predecessor applied (else held). Then, in one transaction, the
 * inbox row, the case cursor and the effect — applied here, or passed on to the next hop's
 * stream before the commit (see {@link EnvelopeForwarder}) — so a redelivery is refused as a
 * replay and never applied twice. A failing effect is retried, then
 * dead-lettered; the successors of a held or dead-lettered envelope wait for it.
 */
@Injectable()
export class EnvelopeReceiver {
  private readonly logger = new Logger(EnvelopeReceiver.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly effects: EnvelopeEffects,
    private readonly forwarder: EnvelopeForwarder,
    private readonly audit: AuditTrail,
  ) {}

  private get s(): string {
    return `"${this.config.schema}"`;
  }

  async receive(raw: string, replayOf?: string): Promise<Outcome> {
    const checked = await this.check(raw, replayOf);
    if (typeof checked === 'string') return checked;
    const outcome = await this.applyWithRetries(raw, checked.envelope, checked.payload, replayOf);
    if (outcome === 'applied' || outcome === 'forwarded') {
      await this.releaseSuccessors([checked.envelope]);
    }
    return outcome;
  }

  /**
   * Decides the fate of envelopes as they arrived, in order, with the same outcomes as
   * {@link receive} one by one, but the trusted ones share one transaction (each still with its
   * inbox row, cursor check and effect). Refusals found inside it write nothing and leave the
   * rest standing; any other failure rolls the whole batch back and each envelope goes through
   * {@link receive} on its own, where it is retried and, failing that, dead-lettered. An Error in
   * place of an outcome: its fate could not be recorded (the database, the next hop's stream or
   * this service's event stream is unreachable); redeliver it.
   */
  async receiveBatch(raws: readonly string[]): Promise<(Outcome | Error)[]> {
    const outcomes: (Outcome | Error)[] = new Array(raws.length);
    const trusted: {
      index: number;
      raw: string;
      envelope: FederationEnvelope;
      payload: unknown;
    }[] = [];
    for (const [index, raw] of raws.entries()) {
      try {
        const checked = await this.check(raw);
        if (typeof checked === 'string') outcomes[index] = checked;
        else trusted.push({ index, raw, ...checked });
      } catch (error) {
        outcomes[index] = error as Error;
      }
    }
    if (trusted.length === 0) return outcomes;
    const refusals: { envelope: FederationEnvelope; error: EnvelopeRefusedError }[] = [];
    let due: FederationEnvelope[] = [];
    try {
      await this.dataSource.transaction(async (tx) => {
        refusals.length = 0;
        const found = await this.applyAllIn(tx, trusted);
        due = found.due;
        for (const [i, item] of trusted.entries()) {
          const result = found.results[i];
          if (result instanceof EnvelopeRefusedError) {
            outcomes[item.index] = 'refused';
            refusals.push({ envelope: item.envelope, error: result });
          } else outcomes[item.index] = result;
        }
      });
    } catch (error) {
      // A stream the effects publish to is unreachable: one at a time would fail alike, so all wait.
      if (error instanceof StreamUnavailableError) {
        for (const item of trusted) outcomes[item.index] = error;
        return outcomes;
      }
      this.logger.warn(
        { err: (error as Error).message, envelopes: trusted.length },
        'applying a batch of envelopes failed; applying them one at a time',
      );
      for (const item of trusted) {
        outcomes[item.index] = await this.receive(item.raw).catch((e: unknown) => e as Error);
      }
      return outcomes;
    }
    for (const { envelope, error } of refusals)
      await this.refuse(envelope, error.code, error.message);
    await this.applyDue(due);
    return outcomes;
  }

  /**
   * Everything that needs no database: an envelope, signed by the neighbour that sent it, allowed
   * to come that way, with a valid payload. Returns the outcome when that already decided it.
   */
  private async check(
    raw: string,
    replayOf?: string,
  ): Promise<Outcome | { envelope: FederationEnvelope; payload: unknown }> {
    let envelope: FederationEnvelope;
    try {
      envelope = parseEnvelope(raw);
      if (envelope.version !== FEDERATION_ENVELOPE_VERSION) {
        throw new PoisonEnvelopeError(
          'UNSUPPORTED_VERSION',
          `envelope version ${envelope.version}; this instance reads ${FEDERATION_ENVELOPE_VERSION}`,
        );
      }
    } catch (error) {
      if (!(error instanceof PoisonEnvelopeError)) throw error;
      await this.deadLetter(raw, null, `${error.code}: ${error.message}`, replayOf);
      return 'dead-lettered';
    }
    try {
      this.config.topology.checkHop(
        envelope.senderDivision,
        envelope.originDivision,
        envelope.recipientDivision,
      );
      verifyHop(this.config.keys, envelope);
    } catch (error) {
      if (error instanceof JurisdictionError) {
        await this.refuse(envelope, 'OUT_OF_JURISDICTION', error.message);
        return 'refused';
      }
      if (error instanceof EnvelopeRefusedError) {
        await this.refuse(envelope, error.code, error.message);
        return 'refused';
      }
      throw error;
    }
    const payload = FEDERATION_PAYLOAD_SCHEMAS[envelope.type].safeParse(envelope.payload);
    if (!payload.success) {
      const issues = payload.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.map(String).join('.')}: ${i.message}`)
        .join('; ');
      await this.deadLetter(raw, envelope, `INVALID_PAYLOAD: ${issues}`, replayOf);
      return 'dead-lettered';
    }
    return { envelope, payload: payload.data };
  }

  private async applyWithRetries(
    raw: string,
    envelope: FederationEnvelope,
    payload: unknown,
    replayOf?: string,
  ): Promise<Outcome> {
    const attempts = this.config.settings.FEDERATION_MAX_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(envelope, payload, replayOf);
      } catch (error) {
        if (error instanceof EnvelopeRefusedError) {
          await this.refuse(envelope, error.code, error.message);
          return 'refused';
        }
        // Not the envelope's fault: it stays in the inbound stream and comes again.
        if (error instanceof StreamUnavailableError) throw error;
        const poison = error instanceof PoisonEnvelopeError;
        if (!poison && attempt < attempts) {
          this.logger.warn(
            { envelopeId: envelope.id, attempt, err: (error as Error).message },
            'applying an envelope failed; retrying',
          );
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
          continue;
        }
        const reason = poison
          ? `${(error as PoisonEnvelopeError).code}: ${(error as Error).message}`
          : `HANDLER_FAILED after ${attempt} attempts: ${(error as Error).message}`;
        await this.deadLetter(raw, envelope, reason, replayOf);
        return 'dead-lettered';
      }
    }
  }

  private async applyOnce(
    envelope: FederationEnvelope,
    payload: unknown,
    replayOf?: string,
  ): Promise<Outcome> {
    return this.dataSource.transaction(async (tx) => {
      const outcome = await this.applyIn(tx, envelope, payload);
      if (replayOf && (outcome === 'applied' || outcome === 'forwarded')) {
        await tx.query(
          `UPDATE ${this.s}.federation_dead_letter SET replayed_at = now() WHERE id = $1`,
          [replayOf],
        );
      }
      return outcome;
    });
  }

  /**
   * The inbox row, the case cursor and the effect, in the caller's transaction. Throws
   * {@link EnvelopeRefusedError} before it writes anything of its own.
   */
  private async applyIn(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: unknown,
  ): Promise<Outcome> {
    const s = this.s;
    // The cursor row serialises everything of one case, across replicas too: the upsert locks it
    // (as FOR UPDATE would) and reads the inbox in the same round trip.
    const [{ last_seq: last, seen }] = await tx.query(
      `INSERT INTO ${s}.federation_case_cursor AS c (origin, case_key, last_seq) VALUES ($1, $2, 0)
       ON CONFLICT (origin, case_key) DO UPDATE SET last_seq = c.last_seq
       RETURNING c.last_seq,
                 EXISTS (SELECT 1 FROM ${s}.federation_inbox WHERE envelope_id = $3) AS seen`,
      [envelope.originDivision, envelope.caseKey, envelope.id],
    );
    if (seen) throw new EnvelopeRefusedError('REPLAYED', 'this envelope was applied before');
    if (envelope.caseSeq <= last) {
      throw new EnvelopeRefusedError(
        'REPLAYED',
        `case ${envelope.caseKey} is already at ${last}, this is ${envelope.caseSeq}`,
      );
    }
    if (envelope.caseSeq > last + 1) {
      await tx.query(
        `INSERT INTO ${s}.federation_held (envelope_id, origin, case_key, case_seq, envelope)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [envelope.id, envelope.originDivision, envelope.caseKey, envelope.caseSeq, envelope],
      );
      this.logger.log(
        { envelopeId: envelope.id, caseSeq: envelope.caseSeq, waitingFor: last + 1 },
        'envelope held until its predecessor is applied',
      );
      return 'held';
    }
    const outcome = await this.effect(tx, envelope, payload);
    // Stamped when applied, not when the transaction began: one that waited on the cursor for its
    // predecessor began earlier, and `now()` would date it before the envelope it follows.
    await tx.query(
      `WITH inbox AS (
         INSERT INTO ${s}.federation_inbox
           (envelope_id, type, origin, sender, case_key, case_seq, outcome, applied_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp())),
       held AS (DELETE FROM ${s}.federation_held WHERE envelope_id = $1)
       UPDATE ${s}.federation_case_cursor SET last_seq = $6 WHERE origin = $3 AND case_key = $5`,
      [
        envelope.id,
        envelope.type,
        envelope.originDivision,
        envelope.senderDivision,
        envelope.caseKey,
        envelope.caseSeq,
        outcome,
      ],
    );
    return outcome;
  }

  /**
   * {@link applyIn} for many envelopes, with the bookkeeping done set-wise: the cases' cursor rows
   * are locked (in a fixed order, so concurrent replicas cannot deadlock) and the inbox read in
   * one statement, each envelope's turn is decided against the cursor as it advances through
   * the batch, and inbox rows, cursors and held rows are written in one statement. The effects
   * keep batch order: status reports applied here are written set-wise (one statement) and
   * envelopes passed on are published together (acknowledged before the commit), other effects
   * one by one after the set-wise ones before them. A refusal is returned in place of the
   * outcome; it wrote nothing.
   */
  private async applyAllIn(
    tx: EntityManager,
    items: readonly { envelope: FederationEnvelope; payload: unknown }[],
  ): Promise<{ results: (Outcome | EnvelopeRefusedError)[]; due: FederationEnvelope[] }> {
    const s = this.s;
    const caseOf = (e: FederationEnvelope) => `${e.originDivision}\u0000${e.caseKey}`;
    const cases = [...new Map(items.map(({ envelope: e }) => [caseOf(e), e])).entries()].sort(
      ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
    );
    // One round trip: the cursor rows locked, and which envelopes the inbox already has. A
    // replica that applied one of them while this waited for its lock is caught by the cursor,
    // which the upsert returns as committed after the wait.
    const locked: {
      origin: string | null;
      case_key: string | null;
      last_seq: number | null;
      seen: string | null;
    }[] = await tx.query(
      `WITH locked AS (
         INSERT INTO ${s}.federation_case_cursor AS c (origin, case_key, last_seq)
         SELECT origin, case_key, 0 FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(origin, case_key, n)
          ORDER BY n
         ON CONFLICT (origin, case_key) DO UPDATE SET last_seq = c.last_seq
         RETURNING c.origin, c.case_key, c.last_seq)
       SELECT origin::text, case_key, last_seq, NULL::text AS seen FROM locked
       UNION ALL
       SELECT NULL, NULL, NULL, envelope_id::text FROM ${s}.federation_inbox
        WHERE envelope_id = ANY($3::uuid[])`,
      [
        cases.map(([, e]) => e.originDivision),
        cases.map(([, e]) => e.caseKey),
        items.map(({ envelope: e }) => e.id),
      ],
    );
    const cursor = new Map<string, number>();
    const applied = new Set<string>();
    for (const r of locked) {
      if (r.seen !== null) applied.add(r.seen);
      else cursor.set(`${r.origin}\u0000${r.case_key}`, r.last_seq!);
    }
    const start = new Map(cursor);
    const results: (Outcome | EnvelopeRefusedError)[] = [];
    const inbox: { envelope: FederationEnvelope; outcome: Outcome }[] = [];
    const held: FederationEnvelope[] = [];
    // Effects written set-wise, per kind, in batch order; a failure rolls the whole batch back.
    const statuses: { envelope: FederationEnvelope; payload: CaseStatusChangedPayload }[] = [];
    const forwards: ForwardedMessage[] = [];
    const flush = async () => {
      await this.effects.statusesChanged(tx, statuses.splice(0));
      await this.forwarder.forward(forwards.splice(0));
    };
    for (const { envelope, payload } of items) {
      const last = cursor.get(caseOf(envelope))!;
      if (applied.has(envelope.id)) {
        results.push(new EnvelopeRefusedError('REPLAYED', 'this envelope was applied before'));
      } else if (envelope.caseSeq <= last) {
        results.push(
          new EnvelopeRefusedError(
            'REPLAYED',
            `case ${envelope.caseKey} is already at ${last}, this is ${envelope.caseSeq}`,
          ),
        );
      } else if (envelope.caseSeq > last + 1) {
        held.push(envelope);
        this.logger.log(
          { envelopeId: envelope.id, caseSeq: envelope.caseSeq, waitingFor: last + 1 },
          'envelope held until its predecessor is applied',
        );
        results.push('held');
      } else {
        let route: Route;
        try {
          route = this.route(envelope, payload);
        } catch (error) {
          // Refused before its effect wrote anything: the others keep their place.
          if (!(error instanceof EnvelopeRefusedError)) throw error;
          results.push(error);
          continue;
        }
        if (route.next) forwards.push(route.next);
        else if (envelope.type === 'case.status-changed') {
          statuses.push({ envelope, payload: payload as CaseStatusChangedPayload });
        } else {
          // Effects applied one at a time come after the set-wise ones before them in the batch.
          await flush();
          await this.effects.apply(tx, envelope, payload);
        }
        const outcome: Outcome = route.next ? 'forwarded' : 'applied';
        applied.add(envelope.id);
        cursor.set(caseOf(envelope), envelope.caseSeq);
        inbox.push({ envelope, outcome });
        results.push(outcome);
      }
    }
    await flush();
    if (held.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.federation_held (envelope_id, origin, case_key, case_seq, envelope)
         SELECT (e->>'id')::uuid, e->>'originDivision', e->>'caseKey', (e->>'caseSeq')::int, e
           FROM jsonb_array_elements($1::jsonb) AS e
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(held)],
      );
    }
    if (inbox.length > 0) {
      const moved = cases
        .map(([key, e]) => ({ e, seq: cursor.get(key)!, before: start.get(key)! }))
        .filter(({ seq, before }) => seq !== before);
      // Origins as bpchar, the cursor's own type: compared as text, every cursor row's origin
      // would be cast and the primary key never used (a scan of every case, batch after batch).
      // It returns the held envelopes whose turn has now come: the cursor rows are locked, so a
      // held row was either committed before (and is seen here) or is written after this
      // commits, by a transaction that then finds its predecessor applied and applies it itself.
      // TypeORM answers an UPDATE with [rows, count].
      const [due]: [{ envelope: FederationEnvelope | null }[], number] = await tx.query(
        `WITH inbox AS (
           INSERT INTO ${s}.federation_inbox
             (envelope_id, type, origin, sender, case_key, case_seq, outcome, applied_at)
           SELECT *, clock_timestamp()
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])),
         held AS (DELETE FROM ${s}.federation_held WHERE envelope_id = ANY($1::uuid[]))
         UPDATE ${s}.federation_case_cursor c SET last_seq = u.last_seq
           FROM unnest($8::bpchar[], $9::text[], $10::int[]) AS u(origin, case_key, last_seq)
          WHERE c.origin = u.origin AND c.case_key = u.case_key
         RETURNING (SELECT h.envelope FROM ${s}.federation_held h
                     WHERE h.origin = c.origin AND h.case_key = c.case_key
                       AND h.case_seq = c.last_seq + 1) AS envelope`,
        [
          inbox.map((i) => i.envelope.id),
          inbox.map((i) => i.envelope.type),
          inbox.map((i) => i.envelope.originDivision),
          inbox.map((i) => i.envelope.senderDivision),
          inbox.map((i) => i.envelope.caseKey),
          inbox.map((i) => i.envelope.caseSeq),
          inbox.map((i) => i.outcome),
          moved.map(({ e }) => e.originDivision),
          moved.map(({ e }) => e.caseKey),
          moved.map(({ seq }) => seq),
        ],
      );
      return { results, due: due.flatMap((r) => (r.envelope ? [r.envelope] : [])) };
    }
    return { results, due: [] };
  }

  /** Applied here, or passed on towards the recipient. */
  private async effect(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: unknown,
  ): Promise<'applied' | 'forwarded'> {
    const { next } = this.route(envelope, payload);
    if (next) {
      await this.forwarder.forward([next]);
      return 'forwarded';
    }
    await this.effects.apply(tx, envelope, payload);
    return 'applied';
  }

  /**
   * Where the effect happens: here (no `next`), or at the next hop towards the recipient, with
   * what to pass on. Writes nothing; throws {@link EnvelopeRefusedError} when there is no route.
   */
  private route(envelope: FederationEnvelope, payload: unknown): Route {
    const next = this.config.topology.nextHop(envelope.recipientDivision);
    if (next === this.config.topology.self) return {};
    if (!next || next === envelope.senderDivision) {
      throw new EnvelopeRefusedError(
        'OUT_OF_JURISDICTION',
        `no route on from ${this.config.topology.self} to ${envelope.recipientDivision}`,
      );
    }
    let forwarded = envelope.payload;
    if (envelope.type === 'complaint.forwarded') {
      // Personal data is opened with the key of the link it came by and sealed for the next.
      const complaint = payload as ComplaintForwardedPayload;
      const petitioner = this.effects.openPetitioner(
        envelope.senderDivision,
        complaint.sealedPetitioner,
      );
      forwarded = {
        ...envelope.payload,
        sealedPetitioner: this.effects.sealPetitioner(next, petitioner),
      };
    }
    return { next: { received: envelope, neighbour: next, payload: forwarded } };
  }

  /** Applies held envelopes whose turn has come in the cases of `envelopes`. */
  private async releaseSuccessors(envelopes: readonly FederationEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const due: { envelope: FederationEnvelope }[] = await this.dataSource.query(
      `SELECT h.envelope FROM ${this.s}.federation_held h
         JOIN ${this.s}.federation_case_cursor c ON c.origin = h.origin AND c.case_key = h.case_key
        WHERE (h.origin, h.case_key) IN (SELECT * FROM unnest($1::bpchar[], $2::text[]))
          AND h.case_seq = c.last_seq + 1`,
      [envelopes.map((e) => e.originDivision), envelopes.map((e) => e.caseKey)],
    );
    await this.applyDue(due.map((r) => r.envelope));
  }

  /** Applies held envelopes whose turn has come, each through {@link receive}. */
  private async applyDue(due: readonly FederationEnvelope[]): Promise<void> {
    for (const next of due) {
      // receive() releases that case's further successors itself.
      const outcome = await this.receive(JSON.stringify(next));
      if (outcome !== 'applied' && outcome !== 'forwarded') {
        // Refused or dead-lettered: it no longer waits here.
        await this.dataSource.query(
          `DELETE FROM ${this.s}.federation_held WHERE envelope_id = $1`,
          [next.id],
        );
      }
    }
  }

  private async refuse(envelope: FederationEnvelope, code: string, reason: string) {
    this.logger.warn(
      { envelopeId: envelope.id, sender: envelope.senderDivision, code, reason },
      'envelope refused',
    );
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${this.s}.federation_refusal (envelope_id, sender, code, reason)
         VALUES ($1, $2, $3, $4)`,
        [envelope.id, envelope.senderDivision, code, reason.slice(0, 1_000)],
      );
      await this.audit.record(
        {
          action: 'federation.envelope.refused',
          outcome: 'denied',
          actor: SYSTEM_ACTOR,
          target: { type: 'federation-envelope', id: envelope.id },
          divisionCode: this.config.topology.self,
          ip: null,
          details: { code, sender: envelope.senderDivision, type: envelope.type },
        },
        tx,
      );
    });
  }

  private async deadLetter(
    raw: string,
    envelope: FederationEnvelope | null,
    reason: string,
    replayOf?: string,
  ): Promise<void> {
    this.logger.error(
      { envelopeId: envelope?.id ?? null, reason: reason.slice(0, 300) },
      'envelope moved to dead letters',
    );
    if (replayOf) {
      await this.dataSource.query(
        `UPDATE ${this.s}.federation_dead_letter
            SET reason = $2, attempts = attempts + 1, replay_requested_at = NULL WHERE id = $1`,
        [replayOf, reason.slice(0, 2_000)],
      );
      return;
    }
    await this.dataSource.query(
      `INSERT INTO ${this.s}.federation_dead_letter (id, envelope_id, type, origin, case_key, raw, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (envelope_id) WHERE replayed_at IS NULL DO UPDATE
         SET attempts = federation_dead_letter.attempts + 1, reason = EXCLUDED.reason`,
      [
        randomUUID(),
        envelope?.id ?? null,
        envelope?.type ?? null,
        envelope?.originDivision ?? null,
        envelope?.caseKey ?? null,
        raw,
        reason.slice(0, 2_000),
      ],
    );
  }
}
