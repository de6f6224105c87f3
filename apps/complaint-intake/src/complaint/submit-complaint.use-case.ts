import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  LeaderAddressee,
  SubmitComplaintRequest,
  SubmitComplaintResponse,
} from '@minsheng/contracts';
import { CITIZEN_ACTOR } from '@minsheng/audit';
import { GroupCommit, isUniqueViolation, WriteBatch } from '@minsheng/persistence';
import { PersonalData, type ProtectedValue } from '@minsheng/runtime';
import { ComplaintAttachmentEntity } from '../attachment/attachment.entity.js';
import { AttachmentStore } from '../attachment/attachment-store.js';
import type { StagedAttachment } from '../attachment/staged-attachment.js';
import { inUse } from '../protection/idempotency.js';
import { ComplaintAnnouncement } from './complaint-announcement.js';
import { ComplaintEntity } from './complaint.entity.js';
import { Jurisdiction, type Routing } from './jurisdiction.js';
import { hashQueryCode, newQueryCode, newTrackingCode } from './tracking-codes.js';

export interface SubmissionContext {
  /** The petitioner's ID number as `PersonalData.idNumber` protected it. */
  idNumber: ProtectedValue;
  ip: string;
  /** Scoped hash of the Idempotency-Key, when the request had one. */
  idempotencyKeyHash: string | null;
  attachments: StagedAttachment[];
  /** The leader whose mailbox it was sent to (领导信箱): handled here, by the leader's team. */
  addressee?: LeaderAddressee;
}

/**
 * Stores a validated complaint, its attachments, its first timeline step and its event in one
 * statement. A complaint for this instance's own jurisdiction is `submitted` for petition to
 * register; one another instance handles is held as `awaiting-exchange` and announced as routed.
 * Attachment content is written to the store first and removed again if the transaction fails,
 * so a refused or failed submission leaves no file behind.
 */
@Injectable()
export class SubmitComplaintUseCase {
  private readonly logger = new Logger(SubmitComplaintUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly personalData: PersonalData,
    private readonly store: AttachmentStore,
    private readonly jurisdiction: Jurisdiction,
    private readonly announcement: ComplaintAnnouncement,
    private readonly groupCommit: GroupCommit,
  ) {}

  async execute(
    request: SubmitComplaintRequest,
    { idNumber, ip, idempotencyKeyHash, attachments, addressee }: SubmissionContext,
  ): Promise<SubmitComplaintResponse> {
    const trackingCode = newTrackingCode();
    const queryCode = newQueryCode();
    const now = new Date();
    const phone = this.personalData.phone(request.petitioner.phone);
    // A leader's mailbox is this instance's: its team registers the matter, wherever it lies.
    const routing: Routing = addressee
      ? { handledHere: true }
      : this.jurisdiction.route(request.divisionCode);
    const complaint: ComplaintEntity = {
      id: randomUUID(),
      trackingCode,
      queryCodeHash: hashQueryCode(trackingCode, queryCode),
      kind: request.kind,
      categoryCode: request.categoryCode,
      title: request.title,
      content: request.content,
      divisionCode: request.divisionCode,
      address: request.address ?? null,
      locationLat: request.location?.lat ?? null,
      locationLng: request.location?.lng ?? null,
      replyPublicConsent: request.replyPublicConsent,
      petitionerName: request.petitioner.name,
      petitionerIdNumberEncrypted: idNumber.encrypted,
      petitionerIdNumberHash: idNumber.lookupHash,
      petitionerPhoneEncrypted: phone.encrypted,
      petitionerPhoneHash: phone.lookupHash,
      status: routing.handledHere ? 'submitted' : 'awaiting-exchange',
      routedToDivision: routing.handledHere ? null : routing.targetDivisionCode,
      routingReason: routing.handledHere ? null : routing.reason,
      idempotencyKeyHash,
      petitionNumber: null,
      submittedAt: now,
      repliedAt: null,
      concludedAt: null,
      updatedAt: now,
      sourceKind: null,
      sourceId: null,
      sourceReference: null,
      channel: addressee ? 'leader-mailbox' : 'online',
      addressee: addressee ?? null,
    };
    const rows: ComplaintAttachmentEntity[] = attachments.map((a, position) => ({
      id: a.id,
      complaintId: complaint.id,
      position,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      sha256: a.sha256,
      storageKey: `complaints/${complaint.id}/${a.id}`,
      createdAt: now,
    }));
    const stored: string[] = [];
    try {
      for (const [i, row] of rows.entries()) {
        await this.store.put(row.storageKey, attachments[i]);
        stored.push(row.storageKey);
      }
      // One statement, atomic on its own, committed with the submissions that arrive alongside.
      const writes = new WriteBatch().insert(this.dataSource.manager, ComplaintEntity, complaint);
      if (rows.length) writes.insert(this.dataSource.manager, ComplaintAttachmentEntity, rows);
      this.announcement.announce(writes, {
        complaint,
        attachments: rows,
        routing,
        actor: CITIZEN_ACTOR,
        ip,
        source: null,
      });
      await this.groupCommit.run(writes);
    } catch (error) {
      await this.removeStored(stored);
      // Two requests with one Idempotency-Key that both got past Redis (its lock expired).
      if (isUniqueViolation(error) && idempotencyKeyHash) throw inUse();
      throw error;
    }
    return {
      trackingCode,
      queryCode,
      status: complaint.status as SubmitComplaintResponse['status'],
    };
  }

  private async removeStored(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.store.delete(key).catch((error: Error) => {
        this.logger.error({ key, err: error.message }, 'could not remove an orphaned attachment');
      });
    }
  }
}
