import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstreamManager,
  type StreamConfig,
  type StreamSource,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '@minsheng/messaging';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationTopology } from './federation-topology.js';

const NANOS_PER_MS = 1_000_000;
const DAY_MS = 86_400_000;
const STREAM_NOT_FOUND = 10059;
// Long enough to outlast any outage a link is expected to survive.
const RETENTION_DAYS = 30;

/**
 * The JetStream side of the links (DESIGN.md §1): in this instance's domain, one outbound stream
 * per neighbour, and one inbound stream that *sources* each neighbour's outbound stream towards
 * this instance across the leafnode (`$JS.<neighbour>.API`). While a link is down the messages
 * wait in the sender's stream; NATS copies them over when it heals. No home-made forwarding.
 */
@Injectable()
export class FederationStreams implements OnModuleInit {
  private readonly logger = new Logger(FederationStreams.name);
  ready: Promise<void> = Promise.resolve();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
  ) {}

  onModuleInit(): void {
    for (const neighbour of this.config.unkeyed) {
      this.logger.warn({ neighbour }, 'no link key for this neighbour: its link stays closed');
    }
    if (this.config.topology.neighbours.length === 0) return;
    this.ready = this.ensure();
    this.ready.catch(() => undefined);
  }

  private async ensure(): Promise<void> {
    const { topology } = this.config;
    for (const neighbour of topology.neighbours) {
      await this.createOrUpdate({
        name: FederationTopology.outboundStream(topology.self, neighbour),
        subjects: [topology.outboundSubject(neighbour)],
      });
    }
    await this.createOrUpdate({
      name: topology.inboundStream,
      sources: topology.neighbours.map((neighbour): StreamSource => ({
        name: FederationTopology.outboundStream(neighbour, topology.self),
        external: { api: `$JS.${neighbour}.API`, deliver: '' },
      })),
    });
  }

  private async createOrUpdate(partial: Partial<StreamConfig> & { name: string }) {
    const jsm = await jetstreamManager(this.nc);
    const config: Partial<StreamConfig> & { name: string } = {
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: RETENTION_DAYS * DAY_MS * NANOS_PER_MS,
      duplicate_window: 2 * 60_000 * NANOS_PER_MS,
      num_replicas: 1,
      ...partial,
    };
    try {
      const info = await jsm.streams.info(config.name);
      const same =
        JSON.stringify(info.config.subjects ?? []) === JSON.stringify(config.subjects ?? []) &&
        JSON.stringify((info.config.sources ?? []).map((s) => s.name).sort()) ===
          JSON.stringify((config.sources ?? []).map((s) => s.name).sort());
      if (!same) await jsm.streams.update(config.name, { ...info.config, ...config });
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NOT_FOUND) throw error;
      await jsm.streams.add(config);
      this.logger.log({ stream: config.name }, 'federation stream created');
    }
  }
}
