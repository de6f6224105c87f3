import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Adoption, SuggestionOutcome } from '@minsheng/contracts';

/** How a citizen's suggestion ended (采纳情况), as petition announced it. */
@Entity('complaint_suggestion_outcome')
export class SuggestionOutcomeEntity {
  @PrimaryColumn('uuid')
  complaintId: string;

  @Column('text')
  outcome: SuggestionOutcome;

  @Column('text', { nullable: true })
  organName: string | null;

  @Column('jsonb', { nullable: true })
  adoption: Adoption | null;

  @Column('text', { nullable: true })
  summary: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz')
  decidedAt: Date;
}
