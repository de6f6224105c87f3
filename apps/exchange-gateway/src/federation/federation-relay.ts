import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DrainLoop, JetStreamPublisher, publishOutboxBatch } from '@minsheng/messaging';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationOutbox } from './federation-outbox.js';
import { FederationStreams } from './federation-streams.js';

interface Row {
  seq: string;
  envelope_id: string;
  neighbour: string;
  envelope: unknown;
}

const BATCH = 256;

/**
 * Publishes committed envelopes to the outbound stream of their link, in outbox order, a batch in
 * flight at a time, with the envelope id as `Nats-Msg-Id` (a re-sent batch is de-duplicated by the
 * stream). One relay per schema at a time (advisory lock). The stream is local, so this works
 * while the link to the neighbour is down; the neighbour's stream sources it when it heals.
 */
@Injectable()
export class FederationRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FederationRelay.name);
  private loop?: DrainLoop;
  private unsubscribe?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: JetStreamPublisher,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly outbox: FederationOutbox,
    private readonly streams: FederationStreams,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.topology.neighbours.length === 0) return;
    await this.streams.ready;
    this.loop = new DrainLoop({
      drain: () => this.drainOnce(),
      batchSize: BATCH,
      pollIntervalMs: this.config.settings.FEDERATION_RELAY_POLL_MS,
      logger: this.logger,
      what: 'federation relay failed',
    });
    this.unsubscribe = this.outbox.onCommitted(() => this.loop?.nudge());
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    this.unsubscribe?.();
  }

  /** Publishes one batch; returns how many envelopes it published. */
  drainOnce(): Promise<number> {
    const schema = this.config.schema;
    return publishOutboxBatch<Row>(
      this.dataSource,
      {
        schema,
        table: 'federation_outbox',
        columns: ['envelope_id', 'neighbour', 'envelope'],
        lockName: `federation-outbox:${schema}`,
        batchSize: BATCH,
      },
      (rows) =>
        Promise.all(
          rows.map((row) =>
            this.publisher.publish(
              this.config.topology.outboundSubject(row.neighbour),
              JSON.stringify(row.envelope),
              { msgId: `${row.envelope_id}:${row.neighbour}` },
            ),
          ),
        ),
    );
  }
}
