import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PetitionStatus } from '@minsheng/domain';

/** One step in a case's history, as staff see it on the case. */
@Entity('case_timeline_entry')
export class CaseTimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq?: string;

  @Column('uuid')
  caseId: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  action: string;

  @Column('text')
  actorId: string;

  @Column('text', { array: true })
  actorRoles: string[];

  @Column('text', { nullable: true })
  actorOrganId: string | null;

  @Column('text', { nullable: true })
  fromStatus: PetitionStatus | null;

  @Column('text', { nullable: true })
  toStatus: PetitionStatus | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('jsonb')
  details: Record<string, unknown>;
}
