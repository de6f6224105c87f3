import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReceptionOutcome } from '@minsheng/contracts';

/** The reception record (电子笔录), confirmed by the petitioner with a code or a signature. */
@Entity('reception_record')
export class ReceptionRecordEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  bookingId: string;

  @Column('text')
  summary: string;

  @Column('text')
  officialResponse: string;

  @Column('text')
  outcome: ReceptionOutcome;

  @Column('text', { nullable: true })
  petitionNumber: string | null;

  @Column('jsonb')
  officials: Array<{ name: string; title: string }>;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;

  /** Keyed hash; the code itself is only in the text to the petitioner. */
  @Column('text', { nullable: true })
  confirmationCodeHash: string | null;

  @Column('text', { nullable: true })
  confirmationMethod: 'code' | 'signature' | null;

  @Column('timestamptz', { nullable: true })
  confirmedAt: Date | null;

  @Column('bytea', { nullable: true, select: false })
  signatureImage: Buffer | null;

  @Column('text', { nullable: true })
  signatureSha256: string | null;
}
