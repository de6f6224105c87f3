import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('complaint_attachment')
export class ComplaintAttachmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  complaintId: string;

  /** Order of upload, for display. */
  @Column('integer')
  position: number;

  /** As the petitioner named it, checked and cleaned; never used as a path. */
  @Column('text')
  fileName: string;

  /** Decided from the content, not from the name or the declared type. */
  @Column('text')
  contentType: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('text')
  storageKey: string;

  @Column('timestamptz')
  createdAt: Date;
}
