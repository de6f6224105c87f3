import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One try at a delivery: the history a client and an operator read. */
@Entity('webhook_attempt')
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') deliveryId: string;
  @Column('int') attempt: number;
  @Column('timestamptz') at: Date;
  @Column('boolean') succeeded: boolean;
  @Column('int', { nullable: true }) statusCode: number | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('int') durationMs: number;
}
