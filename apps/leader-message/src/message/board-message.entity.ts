import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LeaderMessageStatus } from '@minsheng/contracts';

export interface OrganRef {
  id: string;
  name: string;
}

/** One message of a leader's board, and how the leader's team handled it. */
@Entity('board_message')
export class BoardMessageEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') boardId: string;
  @Column('text') externalId: string;
  @Column('text') leaderId: string;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') type: string;
  @Column('text') domain: string;
  @Column('text') title: string;
  @Column('text') content: string;
  @Column('text') authorName: string;
  /** Field ciphertext (PersonalData); never plain. */
  @Column('text', { nullable: true }) contactPhoneEncrypted: string | null;
  @Column('text', { nullable: true }) contactPhoneHash: string | null;
  @Column('timestamptz') postedAt: Date;
  @Column('timestamptz') receivedAt: Date;
  @Column('text') status: LeaderMessageStatus;
  @Column('boolean') urgent: boolean;
  @Column('timestamptz') claimDeadline: Date;
  @Column('timestamptz') replyDeadline: Date;
  @Column('int') extensionDays: number;
  @Column('timestamptz', { nullable: true }) claimedAt: Date | null;
  @Column('text', { nullable: true }) claimedBy: string | null;
  @Column('timestamptz', { nullable: true }) claimPushedAt: Date | null;
  @Column('text', { nullable: true }) leadOrganId: string | null;
  @Column('text', { nullable: true }) leadOrganName: string | null;
  @Column('jsonb') coOrgans: OrganRef[];
  @Column('text', { nullable: true }) instructions: string | null;
  @Column('timestamptz', { nullable: true }) assignedAt: Date | null;
  @Column('int') returnCount: number;
  @Column('text', { nullable: true }) approvedText: string | null;
  @Column('timestamptz', { nullable: true }) approvedAt: Date | null;
  @Column('text', { nullable: true }) publishedText: string | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('text', { nullable: true }) boardReplyId: string | null;
  @Column('int', { nullable: true }) ratingAttitude: number | null;
  @Column('int', { nullable: true }) ratingSpeed: number | null;
  @Column('timestamptz', { nullable: true }) ratedAt: Date | null;
  @Column('timestamptz', { nullable: true }) ratingCheckedAt: Date | null;
  @Column('timestamptz', { nullable: true }) convertedAt: Date | null;
  @Column('text', { nullable: true }) petitionNumber: string | null;
  @Column('timestamptz', { nullable: true }) caseConcludedAt: Date | null;
  @Column('text', { nullable: true }) caseConclusion: string | null;
  @Column('text', { array: true }) warnings: string[];
  @Column('int') pushFailures: number;
  @Column('timestamptz', { nullable: true }) nextPushAt: Date | null;
}
