import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceEnv } from '@minsheng/runtime';
import { CASE_EVENT_HANDLERS, CaseEventApplier } from '../feed/case-events.handler.js';
import { ChangeFeedHttpController } from '../feed/change-feed.http.controller.js';
import { ChangeFeedQueryHandler } from '../feed/change-feed.query.js';
import { ChangeRecorder } from '../feed/change-recorder.js';
import { ComplaintEventsHandler } from '../feed/complaint-events.handler.js';
import { Open311ApiKeyGuard } from '../open311/open311-api-key.guard.js';
import { Open311RequestsQuery } from '../open311/open311-requests.query.js';
import { Open311HttpController } from '../open311/open311.http.controller.js';
import { WebhookAdminHttpController } from '../webhook/webhook-admin.http.controller.js';
import { WebhookDispatcher } from '../webhook/webhook-dispatcher.js';
import { WebhookEnqueuer } from '../webhook/webhook-enqueuer.js';
import { WebhookSubscriptionsUseCases } from '../webhook/webhook-subscriptions.use-cases.js';
import { WebhooksHttpController } from '../webhook/webhooks.http.controller.js';
import { AggregatedStatisticsQuery } from './aggregated-statistics.query.js';
import { ClientRateLimiter } from './client-rate-limiter.js';
import { ComplaintStatusQuery } from './complaint-status.query.js';
import { ComplaintsHttpController } from './complaints.http.controller.js';
import { DirectoryHttpController } from './directory.http.controller.js';
import { HandOverComplaintUseCase } from './hand-over-complaint.use-case.js';
import { Idempotency } from './idempotency.js';
import { IntegratorClientsHttpController } from './integrator-clients.http.controller.js';
import { IntegratorClientsUseCases } from './integrator-clients.use-cases.js';
import { IntegratorHttpSetup } from './integrator-http.setup.js';
import { IntegratorSignatureGuard } from './integrator-signature.guard.js';
import { INTEGRATOR_CONFIG, integratorConfig } from './integrator.settings.js';
import { OrganDirectoryProjector } from './organ-directory.projector.js';
import { IntegratorStatisticsHttpController } from './statistics.http.controller.js';

/**
 * The integrator API (issue 6, part B): `/exchange/v1` for signed clients and its
 * administration, the change feed and webhooks built from intake's and petition's events, and
 * Open311 GeoReport v2 at `/open311/v2`.
 */
@Module({})
export class IntegratorModule {
  static forRoot(env: ServiceEnv): DynamicModule {
    return {
      module: IntegratorModule,
      controllers: [
        IntegratorClientsHttpController,
        ComplaintsHttpController,
        DirectoryHttpController,
        IntegratorStatisticsHttpController,
        ChangeFeedHttpController,
        WebhooksHttpController,
        WebhookAdminHttpController,
        Open311HttpController,
      ],
      providers: [
        { provide: INTEGRATOR_CONFIG, useValue: integratorConfig(env) },
        IntegratorHttpSetup,
        ClientRateLimiter,
        IntegratorSignatureGuard,
        Idempotency,
        IntegratorClientsUseCases,
        HandOverComplaintUseCase,
        ComplaintStatusQuery,
        AggregatedStatisticsQuery,
        ChangeRecorder,
        ChangeFeedQueryHandler,
        ComplaintEventsHandler,
        OrganDirectoryProjector,
        CaseEventApplier,
        ...CASE_EVENT_HANDLERS,
        WebhookEnqueuer,
        WebhookSubscriptionsUseCases,
        WebhookDispatcher,
        Open311ApiKeyGuard,
        Open311RequestsQuery,
      ],
    };
  }
}
