import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 申请延期 by the lead organ and the leader's office's decision on it. */
@Entity('extension_request')
export class ExtensionRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') messageId: string;
  @Column('int') days: number;
  @Column('text') reason: string;
  @Column('text', { nullable: true }) organId: string | null;
  @Column('text') requestedBy: string;
  @Column('timestamptz') requestedAt: Date;
  @Column('text', { nullable: true }) decision: 'approve' | 'reject' | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
}
