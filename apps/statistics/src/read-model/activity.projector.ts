import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@minsheng/contracts';
import { divisionPath } from './division-path.js';

type Data = Record<string, unknown>;

/**
 * Leader messages, receptions and case ownership: small facts, aggregated when asked. A message
 * fact keeps the reference fields of its latest event and the earliest reply.
 */
export class ActivityProjector {
  async applyMessage(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as Data;
    const path = divisionPath(d.divisionCode as string);
    const converted = envelope.type === 'leader-message.message.converted-to-case';
    // The conversion carries no message state: it must not outrank the events that do.
    const at = converted ? '-infinity' : new Date(envelope.occurredAt);
    await tx.query(
      `INSERT INTO leader_message_fact (message_id, division_code, province_code, city_code,
         county_code, leader_id, lead_organ_id, reply_deadline, state_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT DO NOTHING`,
      [
        d.messageId,
        path.division,
        path.province,
        path.city,
        path.county,
        d.leaderId,
        (d.leadOrganId as string | null) ?? null,
        d.replyDeadline ?? null,
        at,
      ],
    );
    if (converted) {
      await tx.query(`UPDATE leader_message_fact SET converted = true WHERE message_id = $1`, [
        d.messageId,
      ]);
      return;
    }
    await tx.query(
      `UPDATE leader_message_fact SET
         lead_organ_id = CASE WHEN $2 >= state_at THEN $3 ELSE lead_organ_id END,
         reply_deadline = CASE WHEN $2 >= state_at OR reply_deadline IS NULL THEN $4
                          ELSE reply_deadline END,
         state_at = greatest(state_at, $2),
         posted_at = coalesce(posted_at, $5),
         published_at = CASE WHEN $6::timestamptz IS NULL THEN published_at
                        ELSE least(coalesce(published_at, $6), $6) END
       WHERE message_id = $1`,
      [
        d.messageId,
        at,
        (d.leadOrganId as string | null) ?? null,
        d.replyDeadline,
        d.postedAt ?? null,
        envelope.type === 'leader-message.message.replied' ? d.publishedAt : null,
      ],
    );
  }

  async applyReception(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as Data;
    const path = divisionPath(d.hallDivisionCode as string);
    await tx.query(
      `INSERT INTO reception_fact (record_id, division_code, province_code, city_code, county_code,
         leader_id, leader_division_code, people_received, outcome, petition_number, starts_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
      [
        d.recordId,
        path.division,
        path.province,
        path.city,
        path.county,
        d.leaderId,
        d.leaderDivisionCode,
        d.peopleReceived,
        d.outcome,
        d.petitionNumber ?? null,
        d.startsAt,
      ],
    );
  }

  async applyOwnership(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const d = envelope.data as Data;
    const path = divisionPath(d.leaderDivisionCode as string);
    await tx.query(
      `INSERT INTO case_ownership_fact (ownership_id, division_code, province_code, city_code,
         county_code, petition_number, leader_id, taken_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        d.caseOwnershipId,
        path.division,
        path.province,
        path.city,
        path.county,
        d.petitionNumber,
        d.leaderId,
        d.takenAt,
      ],
    );
  }
}
