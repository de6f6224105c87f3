import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  type WebhookDelivery,
  type WebhookDeliveryList,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { openApiSchema } from '@minsheng/runtime';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookSubscriptionsUseCases } from './webhook-subscriptions.use-cases.js';

/** The operator's dead-letter list of webhook deliveries (system administrator). */
@ApiTags('integrator: administration')
@ApiBearerAuth()
@Controller('exchange/v1/admin/webhook-deliveries')
export class WebhookAdminHttpController {
  constructor(
    private readonly webhooks: WebhookSubscriptionsUseCases,
    private readonly dispatcher: WebhookDispatcher,
    private readonly audit: AuditTrail,
  ) {}

  @Get('dead')
  @Roles('system-admin')
  @ApiOperation({ summary: '死信列表 (deliveries that ran out of attempts)' })
  @ApiResponse({ status: 200, schema: openApiSchema(webhookDeliveryListSchema) })
  dead(): Promise<WebhookDeliveryList> {
    return this.webhooks.deadLetters();
  }

  @Post(':id/replay')
  @Roles('system-admin')
  @ApiOperation({ summary: '重新投递 (a dead delivery, with a fresh attempt budget)' })
  @ApiResponse({ status: 201, schema: openApiSchema(webhookDeliverySchema) })
  @ApiResponse({ status: 409, description: 'WEBHOOK_DELIVERY_NOT_DEAD' })
  async replay(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<WebhookDelivery> {
    const delivery = await this.webhooks.replay(id);
    await this.audit.record({
      action: 'webhook-delivery.replayed',
      outcome: 'success',
      actor: actorOf(principal),
      target: { type: 'webhook-delivery', id },
      details: { clientId: delivery.clientId, eventType: delivery.eventType },
    });
    this.dispatcher.wake();
    return delivery;
  }
}
