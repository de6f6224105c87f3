import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommitSignal } from '@minsheng/persistence';

/**
 * Wakes the outbox relay the moment outbox rows are committed (EventPublisher marks them); other
 * replicas' rows are picked up by the relay's poll or by the next local wake.
 */
@Injectable()
export class OutboxCommitSignal extends CommitSignal implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {
    super('outboxTouched');
  }

  onModuleInit(): void {
    this.attach(this.dataSource);
  }
}
