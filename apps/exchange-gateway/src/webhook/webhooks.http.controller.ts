import { Body, Controller, Delete, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  createWebhookRequestSchema,
  webhookDeliveryListSchema,
  webhookSubscriptionSchema,
  type CreateWebhookRequest,
  type WebhookDeliveryList,
  type WebhookSubscription,
} from '@minsheng/contracts';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { Idempotency } from '../integrator/idempotency.js';
import type { IntegratorCaller } from '../integrator/integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from '../integrator/integrator-endpoint.decorator.js';
import { bodySha256 } from '../integrator/integrator-http.setup.js';
import { WebhookSubscriptionsUseCases } from './webhook-subscriptions.use-cases.js';

/**
 * A client's webhooks. Deliveries are POSTed as JSON change items, signed like requests (same
 * headers, with the client's own id and secret) plus `x-minsheng-event-type` and
 * `x-minsheng-delivery-id`; any 2xx is success.
 */
@ApiTags('integrator: webhooks')
@Controller('exchange/v1/webhooks')
export class WebhooksHttpController {
  constructor(
    private readonly webhooks: WebhookSubscriptionsUseCases,
    private readonly idempotency: Idempotency,
  ) {}

  @Post()
  @IntegratorEndpoint('webhooks:manage')
  @ApiOperation({ summary: '订阅事件 (change types to POST to a URL)' })
  @ApiHeader({ name: 'idempotency-key', required: false })
  @ApiBody({ schema: openApiSchema(createWebhookRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(webhookSubscriptionSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED | WEBHOOK_URL_NOT_ALLOWED' })
  async create(
    @CurrentCaller() caller: IntegratorCaller,
    @Body(new ZodValidationPipe(createWebhookRequestSchema)) body: CreateWebhookRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookSubscription> {
    this.webhooks.checkUrl(body.url);
    const result = await this.idempotency.run(
      caller.clientId,
      idempotencyKey,
      Idempotency.requestHash(request.method, request.url, bodySha256(request)),
      async (tx) => ({ status: 201, body: await this.webhooks.create(tx, caller, body) }),
    );
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.status(result.status);
    return result.body;
  }

  @Get()
  @IntegratorEndpoint('webhooks:manage')
  @ApiOperation({ summary: '订阅列表' })
  @ApiResponse({ status: 200, schema: openApiSchema(webhookSubscriptionSchema.array()) })
  list(@CurrentCaller() caller: IntegratorCaller): Promise<WebhookSubscription[]> {
    return this.webhooks.list(caller);
  }

  @Delete(':id')
  @IntegratorEndpoint('webhooks:manage')
  @ApiOperation({ summary: '停止订阅 (pending deliveries end in dead letters)' })
  @ApiResponse({ status: 200, schema: openApiSchema(webhookSubscriptionSchema) })
  deactivate(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('id') id: string,
  ): Promise<WebhookSubscription> {
    return this.webhooks.deactivate(caller, id);
  }

  @Get(':id/deliveries')
  @IntegratorEndpoint('webhooks:manage')
  @ApiOperation({ summary: '投递记录 (each delivery with every attempt)' })
  @ApiResponse({ status: 200, schema: openApiSchema(webhookDeliveryListSchema) })
  deliveries(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('id') id: string,
  ): Promise<WebhookDeliveryList> {
    return this.webhooks.deliveries(caller, id);
  }
}
