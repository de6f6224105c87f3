import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  caseRegisteredEvent,
  type Channel,
  type ComplaintKind,
  type LeaderAddressee,
} from '@minsheng/contracts';
import { AuditTrail, type AuditActor } from '@minsheng/audit';
import { DeadlineCalendar, registerPetition, type WorkflowActor } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';
import { MatterAnalyser } from '../repeat/matter-analyser.js';
import { RepeatDetector } from '../repeat/repeat-detector.js';
import { WorkflowRefusedException } from './case.errors.js';
import { alertColumns, toStoredDeadlines, workflowColumns } from './case-state.js';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity.js';
import { PetitionCaseEntity, type StoredAttachment } from './petition-case.entity.js';
import { allocatePetitionNumber } from './petition-number.js';

export interface NewCase {
  sourceComplaintId: string | null;
  /** The leader's message-board post the case came from (留言转办). */
  sourceMessageId?: string | null;
  /** The video reception record whose matter became the case. */
  sourceReceptionRecordId?: string | null;
  /** The leader a `leader-mailbox` matter is addressed to (领导信箱). */
  addressee?: LeaderAddressee | null;
  kind: ComplaintKind;
  channel: Channel;
  categoryCode: string | null;
  title: string;
  content: string;
  address: string | null;
  attachments: StoredAttachment[];
  replyPublicConsent: boolean;
  divisionCode: string;
  registeringOrganId: string;
  /** Personal data arrives protected: field ciphertext and keyed lookup hashes. */
  petitioner: {
    name: string;
    idNumberEncrypted: string;
    idNumberHash: string;
    phoneEncrypted: string;
    phoneHash: string;
  };
  actor: WorkflowActor;
  auditActor: AuditActor;
  correlationId?: string;
}

/**
 * 登记: numbers a new case and stores it with its workflow state and deadlines, its text
 * fingerprint and search words, looks for earlier cases of the same matter, and writes the
 * timeline entry, the audit record and `petition.case.registered` (with the matter's keywords) —
 * in the caller's transaction.
 */
@Injectable()
export class CaseRegistrar {
  constructor(
    private readonly calendar: DeadlineCalendar,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly repeats: RepeatDetector,
    private readonly analyser: MatterAnalyser,
    @Inject(PETITION_SETTINGS) private readonly settings: PetitionSettings,
  ) {}

  async register(tx: EntityManager, input: NewCase): Promise<PetitionCaseEntity> {
    const at = new Date();
    const id = randomUUID();
    const registered = registerPetition(
      { id, divisionCode: input.divisionCode, registeringOrganId: input.registeringOrganId },
      input.actor,
      at,
      this.calendar,
    );
    if (!registered.ok) throw new WorkflowRefusedException(registered);
    const state = registered.state;
    const { fingerprint, searchWords, keywords } = await this.analyser.analyse(
      input.title,
      input.content,
    );
    const entity = {
      id,
      petitionNumber: await allocatePetitionNumber(tx, input.divisionCode, at),
      sourceComplaintId: input.sourceComplaintId,
      sourceMessageId: input.sourceMessageId ?? null,
      sourceReceptionRecordId: input.sourceReceptionRecordId ?? null,
      addresseeMailboxId: input.addressee?.mailboxId ?? null,
      addressee: input.addressee ?? null,
      kind: input.kind,
      channel: input.channel,
      categoryCode: input.categoryCode,
      title: input.title,
      content: input.content,
      address: input.address,
      attachments: input.attachments,
      replyPublicConsent: input.replyPublicConsent,
      divisionCode: input.divisionCode,
      petitionerName: input.petitioner.name,
      petitionerIdNumberEncrypted: input.petitioner.idNumberEncrypted,
      petitionerIdNumberHash: input.petitioner.idNumberHash,
      petitionerPhoneEncrypted: input.petitioner.phoneEncrypted,
      petitionerPhoneHash: input.petitioner.phoneHash,
      registeredAt: at,
      registeringOrganId: input.registeringOrganId,
      registeredBy: input.auditActor.id,
      warnedFor: null,
      overdueFor: null,
      backlogFlaggedAt: null,
      repeatOfCaseId: null,
      repeatStatus: null,
      repeatSimilarity: null,
      collectiveGroupId: null,
      textFingerprint: fingerprint,
      lshKeys: fingerprint.lsh,
      ...workflowColumns(state),
      ...alertColumns(
        state,
        { warnedFor: null, overdueFor: null },
        this.settings.SUPERVISION_WARNING_DAYS,
      ),
    } as PetitionCaseEntity;
    await tx.insert(PetitionCaseEntity, entity as never);
    await tx.query(
      `UPDATE petition_case SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
      [id, searchWords],
    );
    await tx.insert(CaseTimelineEntryEntity, {
      caseId: id,
      at,
      action: 'registered',
      actorId: input.auditActor.id,
      actorRoles: input.auditActor.roles,
      actorOrganId: input.registeringOrganId,
      fromStatus: null,
      toStatus: 'registered',
      note: null,
      details: { channel: input.channel } as never,
    });
    const finding = await this.repeats.onRegistered(tx, entity);
    await this.events.publish(
      tx,
      caseRegisteredEvent,
      {
        caseId: id,
        petitionNumber: entity.petitionNumber,
        sourceComplaintId: entity.sourceComplaintId,
        kind: entity.kind,
        channel: entity.channel,
        divisionCode: entity.divisionCode,
        registeredAt: at.toISOString(),
        status: 'registered',
        categoryCode: entity.categoryCode,
        registeringOrganId: entity.registeringOrganId,
        deadlines: toStoredDeadlines(state.deadlines) as never,
        repeatOfCaseId: finding.repeatOf?.id ?? null,
        sourceMessageId: entity.sourceMessageId,
        sourceReceptionRecordId: entity.sourceReceptionRecordId,
        ...(entity.addresseeMailboxId ? { addresseeMailboxId: entity.addresseeMailboxId } : {}),
        keywords,
      },
      { divisionCode: entity.divisionCode, occurredAt: at, correlationId: input.correlationId },
    );
    await this.audit.record(
      {
        action: 'case.registered',
        outcome: 'success',
        actor: input.auditActor,
        target: { type: 'petition-case', id },
        divisionCode: entity.divisionCode,
        details: {
          petitionNumber: entity.petitionNumber,
          sourceComplaintId: entity.sourceComplaintId,
          sourceMessageId: entity.sourceMessageId,
          sourceReceptionRecordId: entity.sourceReceptionRecordId,
          channel: entity.channel,
          registeringOrganId: entity.registeringOrganId,
          after: { status: 'registered' },
        },
      },
      tx,
    );
    return entity;
  }
}
