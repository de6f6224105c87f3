import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PetitionErrorCodes,
  supervisionOrderRepliedEvent,
  type ReplySupervisionOrderRequest,
  type SupervisionOrderResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { conflict, notPermitted } from '../case/case.errors.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { lockOrder } from './lock-task.js';
import { SupervisionLog } from './supervision-log.js';
import { SupervisionOrderEntity } from './supervision-order.entity.js';
import { toSupervisionOrderResponse } from './supervision.mapper.js';

/** The supervised organ answers the order; a late answer is kept and marked late. */
@Injectable()
export class ReplySupervisionOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async execute(
    principal: Principal,
    orderId: string,
    request: ReplySupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    const [order, petitionNumber] = await inTransaction(this.dataSource, async (tx) => {
      const { order, entity } = await lockOrder(tx, principal, orderId);
      if (principal.organId !== order.organId) {
        throw notPermitted('只有被督办单位的工作人员可以回复督办单');
      }
      if (order.repliedAt) throw conflict(PetitionErrorCodes.alreadyClosed, '该督办单已回复');
      const repliedAt = new Date();
      const late = repliedAt.getTime() > order.replyDueAt.getTime();
      const changes = { reply: request.content, repliedAt, repliedBy: principal.userId };
      await tx.update(SupervisionOrderEntity, { id: order.id }, changes);
      await this.log.record(tx, principal, entity, 'supervision-order-replied', request.content, {
        orderId: order.id,
        orderNumber: order.orderNumber,
        late,
      });
      await this.events.publish(
        tx,
        supervisionOrderRepliedEvent,
        {
          ...caseRef(entity),
          orderId: order.id,
          orderNumber: order.orderNumber,
          organId: order.organId,
          content: request.content,
          repliedAt: repliedAt.toISOString(),
          late,
        },
        { divisionCode: entity.divisionCode, occurredAt: repliedAt },
      );
      return [{ ...order, ...changes }, entity.petitionNumber] as const;
    });
    return toSupervisionOrderResponse(order, petitionNumber);
  }
}
