import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, ComplaintKind, LeaderAddressee } from '@minsheng/contracts';
import type { DeadlineKind, LegalRoute, PetitionStatus } from '@minsheng/domain';
import type { TextFingerprint } from '@minsheng/text-analysis';

/** Instants inside jsonb columns are ISO strings; `case-state.ts` turns them into Dates. */
export interface StoredPause {
  start: string;
  end: string;
}
export interface StoredExtension {
  days: number;
  reason: string;
  requestedAt: string;
  approvedAt?: string;
}
export interface StoredObjection {
  organId: string;
  at: string;
  reason: string;
}
export type StoredDeadlines = Record<DeadlineKind, string | null>;

export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

@Entity('petition_case')
export class PetitionCaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  petitionNumber: string;

  @Column('uuid', { nullable: true })
  sourceComplaintId: string | null;

  /** The leader's message-board post the case came from (留言转办). */
  @Column('uuid', { nullable: true })
  sourceMessageId: string | null;

  /** The video reception record whose matter became the case (转为信访事项). */
  @Column('uuid', { nullable: true })
  sourceReceptionRecordId: string | null;

  @Column('text')
  kind: ComplaintKind;

  @Column('text')
  channel: Channel;

  @Column('text', { nullable: true })
  categoryCode: string | null;

  @Column('text')
  title: string;

  @Column('text')
  content: string;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('jsonb')
  attachments: StoredAttachment[];

  @Column('boolean')
  replyPublicConsent: boolean;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  petitionerName: string;

  /** SM4 field ciphertext; never stored plain. */
  @Column('text')
  petitionerIdNumberEncrypted: string;

  @Column('text')
  petitionerIdNumberHash: string;

  @Column('text')
  petitionerPhoneEncrypted: string;

  @Column('text')
  petitionerPhoneHash: string;

  @Column('text')
  status: PetitionStatus;

  @Column('timestamptz')
  registeredAt: Date;

  @Column('text')
  registeringOrganId: string;

  /** The clerk's user id, or `system` for what intake delivered. */
  @Column('text')
  registeredBy: string;

  @Column('text', { nullable: true })
  routing: 'transfer' | 'assign' | null;

  /** 主办: the domain's `responsibleOrganId`. */
  @Column('text', { nullable: true })
  leadOrganId: string | null;

  /** 协办 */
  @Column('text', { array: true })
  coHandlingOrganIds: string[];

  @Column('int', { nullable: true })
  reportWithinDays: number | null;

  @Column('text', { nullable: true })
  reviewOrganId: string | null;

  @Column('text', { nullable: true })
  reexaminationOrganId: string | null;

  @Column('timestamptz', { nullable: true })
  receivedByOrganAt: Date | null;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  repliedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  concludedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reviewRequestedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reviewDecidedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reexaminationRequestedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  reexaminationDecidedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  hearingStartedAt: Date | null;

  @Column('jsonb')
  hearingPauses: StoredPause[];

  @Column('jsonb', { nullable: true })
  pendingExtension: StoredExtension | null;

  @Column('jsonb', { nullable: true })
  extension: StoredExtension | null;

  @Column('jsonb')
  objections: StoredObjection[];

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('text', { nullable: true })
  closingReason: string | null;

  @Column('text', { nullable: true })
  legalRoute: LegalRoute | null;

  @Column('uuid', { nullable: true })
  sameFactsAsFinalCaseId: string | null;

  @Column('timestamptz')
  updatedAt: Date;

  /** Every statutory deadline, as computed at the last transition. */
  @Column('jsonb')
  deadlines: StoredDeadlines;

  /** The domain's `currentDeadline`, kept in columns so worklists and supervision can index it. */
  @Column('text', { nullable: true })
  nextDeadlineKind: DeadlineKind | null;

  @Column('timestamptz', { nullable: true })
  nextDeadlineAt: Date | null;

  /** When supervision next has something to say about the case (warning, then overdue). */
  @Column('timestamptz', { nullable: true })
  nextAlertAt: Date | null;

  /** `<kind>@<dueAt>` of the deadline already warned about / reported overdue. */
  @Column('text', { nullable: true })
  warnedFor: string | null;

  @Column('text', { nullable: true })
  overdueFor: string | null;

  @Column('timestamptz', { nullable: true })
  backlogFlaggedAt: Date | null;

  /** `<organId>:<role>` of everyone the case is waiting for (the `mine` worklist). */
  @Column('text', { array: true })
  actingParties: string[];

  /** 重复信访: the earlier case of the same petitioner and matter. */
  @Column('uuid', { nullable: true })
  repeatOfCaseId: string | null;

  @Column('text', { nullable: true })
  repeatStatus: 'suspected' | 'confirmed' | 'unlinked' | null;

  @Column('real', { nullable: true })
  repeatSimilarity: number | null;

  /** 集体访: the group of cases on one matter from several petitioners. */
  @Column('uuid', { nullable: true })
  collectiveGroupId: string | null;

  /** What repeat and collective detection compare (see `repeat/case-text.ts`). */
  @Column('jsonb', { nullable: true })
  textFingerprint: TextFingerprint | null;

  /** MinHash LSH keys of the matter, GIN-indexed: cases sharing one are worth comparing. */
  @Column('text', { array: true })
  lshKeys: string[];

  /** 包案: the leader who took the case on at a reception (from video-reception). */
  @Column('text', { nullable: true })
  ownerLeaderId: string | null;

  @Column('text', { nullable: true })
  ownerLeaderName: string | null;

  @Column('text', { nullable: true })
  ownerLeaderTitle: string | null;

  @Column('char', { length: 6, nullable: true })
  ownerDivisionCode: string | null;

  /** When the leader took the case on; a later 包案 replaces an earlier one. */
  @Column('timestamptz', { nullable: true })
  ownedSince: Date | null;

  /** When the leader must report progress (反馈). */
  @Column('timestamptz', { nullable: true })
  followUpDeadline: Date | null;

  @Column('uuid', { nullable: true })
  caseOwnershipId: string | null;

  /** 领导信箱: the leader's mailbox a `leader-mailbox` case was addressed to. */
  @Column('text', { nullable: true })
  addresseeMailboxId: string | null;

  /** The leader addressed, as intake recorded the mailbox then. */
  @Column('jsonb', { nullable: true })
  addressee: LeaderAddressee | null;
}
