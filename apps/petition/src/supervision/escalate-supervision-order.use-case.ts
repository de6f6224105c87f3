import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PetitionErrorCodes,
  supervisionOrderEscalatedEvent,
  type EscalateSupervisionOrderRequest,
  type SupervisionOrderResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { conflict } from '../case/case.errors.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { lockOrder } from './lock-task.js';
import { SupervisionLog } from './supervision-log.js';
import { SupervisionOrderEntity } from './supervision-order.entity.js';
import { toSupervisionOrderResponse } from './supervision.mapper.js';

/** 挂牌督办: the order is escalated, for cases that need the leadership's attention. */
@Injectable()
export class EscalateSupervisionOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async execute(
    principal: Principal,
    orderId: string,
    request: EscalateSupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    const [order, petitionNumber] = await inTransaction(this.dataSource, async (tx) => {
      const { order, entity } = await lockOrder(tx, principal, orderId);
      if (order.repliedAt) throw conflict(PetitionErrorCodes.alreadyClosed, '该督办单已回复');
      if (order.escalatedAt)
        throw conflict(PetitionErrorCodes.alreadyEscalated, '该督办单已挂牌督办');
      const escalatedAt = new Date();
      const changes = {
        escalatedAt,
        escalatedBy: principal.userId,
        escalationReason: request.reason,
      };
      await tx.update(SupervisionOrderEntity, { id: order.id }, changes);
      await this.log.record(tx, principal, entity, 'supervision-order-escalated', request.reason, {
        orderId: order.id,
        orderNumber: order.orderNumber,
      });
      await this.events.publish(
        tx,
        supervisionOrderEscalatedEvent,
        {
          ...caseRef(entity),
          orderId: order.id,
          orderNumber: order.orderNumber,
          organId: order.organId,
          reason: request.reason,
          escalatedAt: escalatedAt.toISOString(),
        },
        { divisionCode: entity.divisionCode, occurredAt: escalatedAt },
      );
      return [{ ...order, ...changes }, entity.petitionNumber] as const;
    });
    return toSupervisionOrderResponse(order, petitionNumber);
  }
}
