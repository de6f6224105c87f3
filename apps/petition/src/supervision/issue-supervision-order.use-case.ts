import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  supervisionOrderIssuedEvent,
  type IssueSupervisionOrderRequest,
  type SupervisionOrderResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { DeadlineCalendar } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { OrganDirectory } from '../organ/organ-directory.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { caseForSupervision } from './supervision-access.js';
import { SupervisionLog } from './supervision-log.js';
import { SupervisionOrderEntity } from './supervision-order.entity.js';
import { toSupervisionOrderResponse } from './supervision.mapper.js';

/** 督办单: a supervisor orders an organ to report on a case by a deadline of its own. */
@Injectable()
export class IssueSupervisionOrderUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: DeadlineCalendar,
    private readonly organs: OrganDirectory,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async execute(
    principal: Principal,
    petitionNumber: string,
    request: IssueSupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    const order = await inTransaction(this.dataSource, async (tx) => {
      // The case lock also serialises the numbering of its orders.
      const entity = await caseForSupervision(tx, principal, petitionNumber);
      const organId = request.organId ?? entity.leadOrganId ?? entity.registeringOrganId;
      await this.organs.requireActive(organId, tx);
      const count = await tx.countBy(SupervisionOrderEntity, { caseId: entity.id });
      const issuedAt = new Date();
      const order: SupervisionOrderEntity = {
        id: randomUUID(),
        orderNumber: `${entity.petitionNumber}-DB${String(count + 1).padStart(2, '0')}`,
        caseId: entity.id,
        divisionCode: entity.divisionCode,
        organId,
        content: request.content,
        issuedBy: principal.userId,
        issuedAt,
        replyDueAt: this.calendar.addDays(issuedAt, request.replyWithinDays),
        escalatedAt: null,
        escalatedBy: null,
        escalationReason: null,
        reply: null,
        repliedAt: null,
        repliedBy: null,
        overdueNotifiedAt: null,
      };
      await tx.insert(SupervisionOrderEntity, order);
      await this.log.record(tx, principal, entity, 'supervision-order-issued', request.content, {
        orderId: order.id,
        orderNumber: order.orderNumber,
        organId,
        replyDueAt: order.replyDueAt.toISOString(),
      });
      await this.events.publish(
        tx,
        supervisionOrderIssuedEvent,
        {
          ...caseRef(entity),
          orderId: order.id,
          orderNumber: order.orderNumber,
          organId,
          content: order.content,
          replyDueAt: order.replyDueAt.toISOString(),
          issuedAt: issuedAt.toISOString(),
        },
        { divisionCode: entity.divisionCode, occurredAt: issuedAt },
      );
      return order;
    });
    return toSupervisionOrderResponse(order, petitionNumber);
  }
}
