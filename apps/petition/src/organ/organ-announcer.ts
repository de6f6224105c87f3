import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  organChangedEvent,
  organDirectoryAnnouncedEvent,
  type OrganRecord,
} from '@minsheng/contracts';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { SERVICE_ENV, type ServiceEnv } from '@minsheng/runtime';
import { OrganEntity } from './organ.entity.js';

const record = (organ: OrganEntity): OrganRecord => ({
  organId: organ.id,
  name: organ.name,
  kind: organ.kind,
  divisionCode: organ.divisionCode,
  parentId: organ.parentId,
  active: organ.active,
  updatedAt: organ.updatedAt.toISOString(),
});

/**
 * Tells the other services about the organ directory: each change in the transaction that makes
 * it, and the whole directory at start (organs seeded by migrations never pass through a change).
 */
@Injectable()
export class OrganAnnouncer implements OnApplicationBootstrap {
  private readonly logger = new Logger(OrganAnnouncer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  async changed(tx: EntityManager, organ: OrganEntity): Promise<void> {
    await this.events.publish(tx, organChangedEvent, record(organ), {
      divisionCode: organ.divisionCode,
      occurredAt: organ.updatedAt,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const organs = await tx.find(OrganEntity, { order: { id: 'ASC' } });
      const now = new Date();
      await this.events.publish(
        tx,
        organDirectoryAnnouncedEvent,
        { organs: organs.map(record), announcedAt: now.toISOString() },
        { divisionCode: this.env.INSTANCE_DIVISION, occurredAt: now },
      );
      this.logger.log({ organs: organs.length }, 'organ directory announced');
    });
  }
}
