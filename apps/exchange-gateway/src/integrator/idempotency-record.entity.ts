import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The answer to a write sent with an Idempotency-Key, committed with the write itself. */
@Entity('idempotency_record')
export class IdempotencyRecordEntity {
  @PrimaryColumn('text') clientId: string;
  @PrimaryColumn('text') keyHash: string;
  @Column('text') requestHash: string;
  @Column('int') statusCode: number;
  @Column('jsonb') response: unknown;
  @Column('timestamptz') createdAt: Date;
}
