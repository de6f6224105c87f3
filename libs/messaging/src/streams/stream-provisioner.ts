import { Inject, Injectable, Logger } from '@nestjs/common';
import { wireNames } from '@minsheng/contracts';
import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  DEFAULT_STREAM_MAX_AGE_DAYS,
  MESSAGING_OPTIONS,
  NATS_CONNECTION,
  type MessagingOptions,
} from '../messaging.options.js';

const NANOS_PER_MS = 1_000_000;
const DAY_MS = 86_400_000;
const STREAM_NOT_FOUND = 10059;

/**
 * Creates or updates the streams a service needs, idempotently: the one that holds the events it
 * owns, those of the services it consumes from (it may start before they do), and dead letters.
 */
@Injectable()
export class StreamProvisioner {
  private readonly logger = new Logger(StreamProvisioner.name);
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  ensureOwnerStream(owner: string): Promise<void> {
    const ns = this.options.namespace;
    return this.ensure({
      name: wireNames.ownerStream(ns, owner),
      subjects: wireNames.ownerStreamSubjects(ns, owner),
    });
  }

  ensureDeadLetterStream(): Promise<void> {
    const ns = this.options.namespace;
    return this.ensure({
      name: wireNames.deadLetterStream(ns),
      subjects: wireNames.deadLetterStreamSubjects(ns),
    });
  }

  private ensure(partial: { name: string; subjects: string[] }): Promise<void> {
    let pending = this.ensured.get(partial.name);
    if (!pending) {
      pending = this.createOrUpdate(partial);
      this.ensured.set(partial.name, pending);
      pending.catch(() => this.ensured.delete(partial.name));
    }
    return pending;
  }

  private async createOrUpdate({ name, subjects }: { name: string; subjects: string[] }) {
    const jsm = await jetstreamManager(this.nc);
    const config: Partial<StreamConfig> & { name: string } = {
      name,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age:
        (this.options.streamMaxAgeDays ?? DEFAULT_STREAM_MAX_AGE_DAYS) * DAY_MS * NANOS_PER_MS,
      duplicate_window: 2 * 60_000 * NANOS_PER_MS,
      num_replicas: 1,
    };
    try {
      const info = await jsm.streams.info(name);
      const missing = subjects.filter((s) => !info.config.subjects?.includes(s));
      if (missing.length > 0) {
        await jsm.streams.update(name, {
          ...info.config,
          subjects: [...(info.config.subjects ?? []), ...missing],
        });
      }
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NOT_FOUND) throw error;
      try {
        await jsm.streams.add(config);
        this.logger.log({ stream: name, subjects }, 'stream created');
      } catch (addError) {
        // Another replica or service created it between our info and add.
        await jsm.streams.info(name).catch(() => {
          throw addError;
        });
      }
    }
  }
}
