import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  FEDERATION_ENVELOPE_VERSION,
  FEDERATION_PAYLOAD_SCHEMAS,
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
import { FederationOutbox } from './federation-outbox.js';

export type Outcome = 'applied' | 'forwarded' | 'held' | 'refused' | 'duplicate' | 'dead-lettered';

/**
 * Takes one envelope as it arrived from a neighbour and decides its fate, in this order: is it
 * an envelope at all (else dead letter), signed by that neighbour's link key, from a neighbour
 * allowed to send it, not already applied (else refused and logged); is its payload valid (else
 * dead letter); is its case's predecessor applied (else held). Then, in one transaction, the
 * inbox row, the case cursor and the effect — applied here or passed on to the next hop — so a
 * redelivery is refused as a replay and never applied twice. A failing effect is retried, then
 * dead-lettered; the successors of a held or dead-lettered envelope wait for it.
 */
@Injectable()
export class EnvelopeReceiver {
  private readonly logger = new Logger(EnvelopeReceiver.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly effects: EnvelopeEffects,
    private readonly outbox: FederationOutbox,
    private readonly audit: AuditTrail,
  ) {}

  private get s(): string {
    return `"${this.config.schema}"`;
  }

  async receive(raw: string, replayOf?: string): Promise<Outcome> {
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
    const outcome = await this.applyWithRetries(raw, envelope, payload.data, replayOf);
    if (outcome === 'applied' || outcome === 'forwarded') await this.releaseSuccessors(envelope);
    return outcome;
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

  private applyOnce(
    envelope: FederationEnvelope,
    payload: unknown,
    replayOf?: string,
  ): Promise<Outcome> {
    const s = this.s;
    return this.dataSource.transaction(async (tx) => {
      const [seen] = await tx.query(`SELECT 1 FROM ${s}.federation_inbox WHERE envelope_id = $1`, [
        envelope.id,
      ]);
      if (seen) throw new EnvelopeRefusedError('REPLAYED', 'this envelope was applied before');
      // The cursor row serialises everything of one case, across replicas too.
      await tx.query(
        `INSERT INTO ${s}.federation_case_cursor (origin, case_key, last_seq) VALUES ($1, $2, 0)
         ON CONFLICT DO NOTHING`,
        [envelope.originDivision, envelope.caseKey],
      );
      const [{ last_seq: last }] = await tx.query(
        `SELECT last_seq FROM ${s}.federation_case_cursor WHERE origin = $1 AND case_key = $2 FOR UPDATE`,
        [envelope.originDivision, envelope.caseKey],
      );
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
      await tx.query(
        `INSERT INTO ${s}.federation_inbox (envelope_id, type, origin, sender, case_key, case_seq, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
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
      await tx.query(
        `UPDATE ${s}.federation_case_cursor SET last_seq = $3 WHERE origin = $1 AND case_key = $2`,
        [envelope.originDivision, envelope.caseKey, envelope.caseSeq],
      );
      await tx.query(`DELETE FROM ${s}.federation_held WHERE envelope_id = $1`, [envelope.id]);
      if (replayOf) {
        await tx.query(`UPDATE ${s}.federation_dead_letter SET replayed_at = now() WHERE id = $1`, [
          replayOf,
        ]);
      }
      return outcome;
    });
  }

  /** Applied here, or passed on towards the recipient. */
  private async effect(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: unknown,
  ): Promise<'applied' | 'forwarded'> {
    const next = this.config.topology.nextHop(envelope.recipientDivision);
    if (next === this.config.topology.self) {
      await this.effects.apply(tx, envelope, payload);
      return 'applied';
    }
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
    await this.outbox.forward(tx, envelope, next, forwarded);
    return 'forwarded';
  }

  /** Applies held envelopes of the case whose turn has come. */
  private async releaseSuccessors(envelope: FederationEnvelope): Promise<void> {
    for (;;) {
      const [next] = await this.dataSource.query(
        `SELECT h.envelope FROM ${this.s}.federation_held h
           JOIN ${this.s}.federation_case_cursor c ON c.origin = h.origin AND c.case_key = h.case_key
          WHERE h.origin = $1 AND h.case_key = $2 AND h.case_seq = c.last_seq + 1`,
        [envelope.originDivision, envelope.caseKey],
      );
      if (!next) return;
      const outcome = await this.receive(JSON.stringify(next.envelope));
      if (outcome !== 'applied' && outcome !== 'forwarded') {
        // Refused or dead-lettered: it no longer waits here.
        await this.dataSource.query(
          `DELETE FROM ${this.s}.federation_held WHERE envelope_id = $1`,
          [next.envelope.id],
        );
        return;
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
