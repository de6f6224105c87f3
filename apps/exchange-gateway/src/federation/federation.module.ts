import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceEnv } from '@minsheng/runtime';
import { DeadLetters } from './dead-letters.js';
import { EnvelopeEffects } from './envelope-effects.js';
import { EnvelopeForwarder } from './envelope-forwarder.js';
import { EnvelopeReceiver } from './envelope-receiver.js';
import { FEDERATION_CONFIG, federationConfig } from './federation-config.js';
import { FederationOutbox } from './federation-outbox.js';
import { FederationQueries } from './federation-queries.js';
import { FederationRelay } from './federation-relay.js';
import { FederationStreams } from './federation-streams.js';
import { FederationHttpController } from './federation.http.controller.js';
import type { FederationSettings } from './federation.settings.js';
import { InboundConsumer } from './inbound-consumer.js';
import { OutboundHandlers } from './outbound-handlers.js';
import { StatisticsReporter } from './statistics-reporter.js';

/**
 * Federation between tiers (issue 6, part A): signed envelopes over the JetStream streams of the
 * leafnode links, exactly-once apply with per-case order, dead letters and their replay.
 */
@Module({})
export class FederationModule {
  static forRoot(env: ServiceEnv<FederationSettings>): DynamicModule {
    return {
      module: FederationModule,
      controllers: [FederationHttpController],
      providers: [
        { provide: FEDERATION_CONFIG, useValue: federationConfig(env) },
        FederationStreams,
        FederationOutbox,
        FederationRelay,
        EnvelopeEffects,
        EnvelopeForwarder,
        EnvelopeReceiver,
        InboundConsumer,
        OutboundHandlers,
        DeadLetters,
        StatisticsReporter,
        FederationQueries,
      ],
      exports: [FederationOutbox, EnvelopeReceiver, DeadLetters, StatisticsReporter],
    };
  }
}
