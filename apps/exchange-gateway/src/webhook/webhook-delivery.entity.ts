import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ChangeItem } from '@minsheng/contracts';

/** One change to deliver to one subscription; kept until delivered or dead, so restarts lose none. */
@Entity('webhook_delivery')
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') subscriptionId: string;
  @Column('text') clientId: string;
  @Column('uuid') eventId: string;
  @Column('text') eventType: string;
  @Column('jsonb') payload: ChangeItem;
  @Column('text') status: 'pending' | 'delivered' | 'dead';
  @Column('int') attempts: number;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { nullable: true }) deliveredAt: Date | null;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('timestamptz') createdAt: Date;
}
