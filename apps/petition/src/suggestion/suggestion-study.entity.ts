import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Adoption, SuggestionOutcome, SuggestionStage } from '@minsheng/contracts';

/** 意见建议 → 采纳: the study of one suggestion case, from "worth study" to its outcome. */
@Entity('suggestion_study')
export class SuggestionStudyEntity {
  @PrimaryColumn('uuid')
  caseId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  stage: SuggestionStage;

  @Column('text')
  worthStudyNote: string;

  @Column('text')
  markedBy: string;

  @Column('timestamptz')
  markedAt: Date;

  /** The organ that would act on it, and studies it. */
  @Column('text', { nullable: true })
  organId: string | null;

  @Column('timestamptz', { nullable: true })
  assignedAt: Date | null;

  @Column('text', { nullable: true })
  findings: string | null;

  @Column('timestamptz', { nullable: true })
  studiedAt: Date | null;

  @Column('text', { nullable: true })
  outcome: SuggestionOutcome | null;

  /** What it became (measure, rule, budget line), its reference and date. */
  @Column('jsonb', { nullable: true })
  adoption: Adoption | null;

  /** For the citizen: how it was taken up. */
  @Column('text', { nullable: true })
  summary: string | null;

  /** Why (the rest) was not adopted. */
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text', { nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}
