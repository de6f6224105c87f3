import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('webhook_subscription')
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') clientId: string;
  @Column('text') url: string;
  @Column('text', { array: true }) eventTypes: string[];
  @Column('boolean') active: boolean;
  @Column('timestamptz') createdAt: Date;
}
