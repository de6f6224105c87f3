import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { caseCollectiveMarkedEvent, caseRepeatLinkedEvent } from '@minsheng/contracts';
import { AuditTrail, SYSTEM_ACTOR } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import type { TextFingerprint } from '@minsheng/text-analysis';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { matterSimilarity } from './case-text.js';

const DAY_MS = 86_400_000;
/** More candidates than this are not compared: a petitioner or division that busy is unusual. */
const MAX_CANDIDATES = 500;

export interface RepeatFinding {
  repeatOf: { id: string; petitionNumber: string; similarity: number } | null;
  collectiveGroupId: string | null;
}

interface Candidate {
  id: string;
  petition_number: string;
  petitioner: string;
  text_fingerprint: TextFingerprint;
  repeat_of_case_id: string | null;
  collective_group_id: string | null;
  status: string;
  lead_organ_id: string | null;
  source_complaint_id: string | null;
}

/**
 * 重复信访 and 集体访 at registration. A repeat: an earlier case of the same petitioner (by the
 * keyed hash of the ID number) within the window whose matter is alike (the text-analysis score at
 * or above its threshold); the new case is linked to the first case of that matter, as suspected
 * until staff confirm or unlink it. A collective petition: alike cases of the same division within
 * the window from enough different petitioners; they all join one group.
 */
@Injectable()
export class RepeatDetector {
  constructor(
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    @Inject(PETITION_SETTINGS) private readonly settings: PetitionSettings,
  ) {}

  /** Runs in the registration's transaction, after the case row is written. */
  async onRegistered(tx: EntityManager, entity: PetitionCaseEntity): Promise<RepeatFinding> {
    if (!entity.textFingerprint) return { repeatOf: null, collectiveGroupId: null };
    const repeatOf = await this.linkRepeat(tx, entity, entity.textFingerprint);
    const collectiveGroupId = await this.markCollective(tx, entity, entity.textFingerprint);
    return { repeatOf, collectiveGroupId };
  }

  private similar(fingerprint: TextFingerprint, candidates: Candidate[]) {
    return candidates
      .map((c) => ({ candidate: c, score: matterSimilarity(fingerprint, c.text_fingerprint) }))
      .filter((m) => m.score >= this.settings.REPEAT_SIMILARITY_THRESHOLD)
      .sort((a, b) => b.score - a.score);
  }

  private async linkRepeat(
    tx: EntityManager,
    entity: PetitionCaseEntity,
    fingerprint: TextFingerprint,
  ): Promise<RepeatFinding['repeatOf']> {
    const since = new Date(
      entity.registeredAt.getTime() - this.settings.REPEAT_WINDOW_DAYS * DAY_MS,
    );
    const candidates: Candidate[] = await tx.query(
      `SELECT id, petition_number, petitioner_id_number_hash AS petitioner, text_fingerprint,
              repeat_of_case_id, collective_group_id, status, lead_organ_id, source_complaint_id
         FROM petition_case
        WHERE petitioner_id_number_hash = $1 AND id <> $2 AND registered_at >= $3
          AND text_fingerprint IS NOT NULL
        ORDER BY registered_at DESC LIMIT ${MAX_CANDIDATES}`,
      [entity.petitionerIdNumberHash, entity.id, since],
    );
    const [best] = this.similar(fingerprint, candidates);
    if (!best) return null;
    // Link to the first case of the matter, so a third petition does not chain to the second.
    const rootId = best.candidate.repeat_of_case_id ?? best.candidate.id;
    const root =
      rootId === best.candidate.id
        ? best.candidate
        : ((
            await tx.query(`SELECT petition_number FROM petition_case WHERE id = $1`, [rootId])
          )[0] as Pick<Candidate, 'petition_number'> | undefined);
    if (!root) return null;
    const similarity = Math.round(best.score * 1000) / 1000;
    await tx.update(
      PetitionCaseEntity,
      { id: entity.id },
      { repeatOfCaseId: rootId, repeatStatus: 'suspected', repeatSimilarity: similarity },
    );
    Object.assign(entity, {
      repeatOfCaseId: rootId,
      repeatStatus: 'suspected',
      repeatSimilarity: similarity,
    });
    const note = `疑似重复信访：与 ${root.petition_number} 事项相同（相似度 ${similarity}）`;
    await this.record(tx, entity, 'repeat-linked', note, { repeatOfCaseId: rootId, similarity });
    await this.events.publish(
      tx,
      caseRepeatLinkedEvent,
      {
        ...caseRef(entity),
        repeatOfCaseId: rootId,
        repeatOfPetitionNumber: root.petition_number,
        repeatStatus: 'suspected',
        similarity,
      },
      { divisionCode: entity.divisionCode, occurredAt: entity.registeredAt },
    );
    return { id: rootId, petitionNumber: root.petition_number, similarity };
  }

  private async markCollective(
    tx: EntityManager,
    entity: PetitionCaseEntity,
    fingerprint: TextFingerprint,
  ): Promise<string | null> {
    if (fingerprint.lsh.length === 0) return null;
    // Registrations of one division group one at a time, so two cannot each start a group.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `collective:${entity.divisionCode}`,
    ]);
    const since = new Date(
      entity.registeredAt.getTime() - this.settings.COLLECTIVE_WINDOW_DAYS * DAY_MS,
    );
    const candidates: Candidate[] = await tx.query(
      `SELECT id, petition_number, petitioner_id_number_hash AS petitioner, text_fingerprint,
              repeat_of_case_id, collective_group_id, status, lead_organ_id, source_complaint_id
         FROM petition_case
        WHERE lsh_keys && $1 AND division_code = $2 AND registered_at >= $3 AND id <> $4
          AND text_fingerprint IS NOT NULL
        LIMIT ${MAX_CANDIDATES}`,
      [fingerprint.lsh, entity.divisionCode, since, entity.id],
    );
    const alike = this.similar(fingerprint, candidates).map((m) => m.candidate);
    const petitioners = new Set([entity.petitionerIdNumberHash, ...alike.map((c) => c.petitioner)]);
    if (petitioners.size < this.settings.COLLECTIVE_MIN_PETITIONERS) return null;
    const groupId = alike.find((c) => c.collective_group_id)?.collective_group_id ?? randomUUID();
    const joining = [
      { ...caseRef(entity), id: entity.id },
      ...alike
        .filter((c) => c.collective_group_id === null)
        .map((c) => ({
          id: c.id,
          caseId: c.id,
          petitionNumber: c.petition_number,
          sourceComplaintId: c.source_complaint_id,
          divisionCode: entity.divisionCode,
          status: c.status as PetitionCaseEntity['status'],
          leadOrganId: c.lead_organ_id,
        })),
    ];
    await tx.query(`UPDATE petition_case SET collective_group_id = $1 WHERE id = ANY($2)`, [
      groupId,
      joining.map((c) => c.id),
    ]);
    entity.collectiveGroupId = groupId;
    const members: Array<{ id: string }> = await tx.query(
      `SELECT id FROM petition_case WHERE collective_group_id = $1 ORDER BY registered_at`,
      [groupId],
    );
    for (const member of joining) {
      const { id: _id, ...ref } = member;
      // An earlier case may be moving on in another transaction: wait for it, and record the
      // status it has then, so its timeline never appears to step back.
      const [current] = await tx.query<Array<{ status: PetitionCaseEntity['status'] }>>(
        `SELECT status FROM petition_case WHERE id = $1 FOR UPDATE`,
        [member.id],
      );
      ref.status = current?.status ?? ref.status;
      await this.record(
        tx,
        { id: member.id, divisionCode: entity.divisionCode, status: ref.status },
        'collective-marked',
        `集体访：${petitioners.size} 名信访人反映同一事项`,
        { collectiveGroupId: groupId, petitioners: petitioners.size },
      );
      await this.events.publish(
        tx,
        caseCollectiveMarkedEvent,
        {
          ...ref,
          collectiveGroupId: groupId,
          petitioners: petitioners.size,
          caseIds: members.map((m) => m.id),
        },
        { divisionCode: entity.divisionCode, occurredAt: entity.registeredAt },
      );
    }
    return groupId;
  }

  private async record(
    tx: EntityManager,
    target: Pick<PetitionCaseEntity, 'id' | 'divisionCode' | 'status'>,
    action: string,
    note: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await tx.insert(CaseTimelineEntryEntity, {
      caseId: target.id,
      at: new Date(),
      action,
      actorId: SYSTEM_ACTOR.id,
      actorRoles: [],
      actorOrganId: null,
      fromStatus: target.status,
      toStatus: target.status,
      note,
      details: details as never,
    });
    await this.audit.record(
      {
        action: `case.${action}`,
        outcome: 'success',
        actor: SYSTEM_ACTOR,
        target: { type: 'petition-case', id: target.id },
        divisionCode: target.divisionCode,
        details,
      },
      tx,
    );
  }
}

/** The case fields every supervision and repeat event starts with. */
export function caseRef(entity: PetitionCaseEntity) {
  return {
    caseId: entity.id,
    petitionNumber: entity.petitionNumber,
    sourceComplaintId: entity.sourceComplaintId,
    divisionCode: entity.divisionCode,
    status: entity.status,
    leadOrganId: entity.leadOrganId,
  };
}
