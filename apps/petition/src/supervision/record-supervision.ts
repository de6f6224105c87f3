import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { supervisionRecordedEvent, type SupervisionRecordResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { OrganDirectory } from '../organ/organ-directory.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { caseForSupervision } from './supervision-access.js';
import { SupervisionLog } from './supervision-log.js';
import { SupervisionRecordEntity } from './supervision-record.entity.js';
import { toSupervisionRecordResponse } from './supervision.mapper.js';

export interface SupervisionRecordInput {
  kind: 'interview' | 'circular';
  organId: string;
  interviewee: string | null;
  content: string;
  heldAt: Date | null;
}

/** Keeps an interview (约谈) or a circular (通报) with the case; shared by both use cases. */
@Injectable()
export class SupervisionRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organs: OrganDirectory,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async record(
    principal: Principal,
    petitionNumber: string,
    input: SupervisionRecordInput,
  ): Promise<SupervisionRecordResponse> {
    const record = await inTransaction(this.dataSource, async (tx) => {
      const entity = await caseForSupervision(tx, principal, petitionNumber);
      await this.organs.requireActive(input.organId, tx);
      const record: SupervisionRecordEntity = {
        id: randomUUID(),
        caseId: entity.id,
        divisionCode: entity.divisionCode,
        kind: input.kind,
        organId: input.organId,
        interviewee: input.interviewee,
        content: input.content,
        heldAt: input.heldAt,
        recordedBy: principal.userId,
        recordedAt: new Date(),
      };
      await tx.insert(SupervisionRecordEntity, record);
      await this.log.record(tx, principal, entity, input.kind, input.content, {
        recordId: record.id,
        organId: input.organId,
      });
      await this.events.publish(
        tx,
        supervisionRecordedEvent,
        {
          ...caseRef(entity),
          recordId: record.id,
          kind: input.kind,
          organId: input.organId,
          content: input.content,
          recordedAt: record.recordedAt.toISOString(),
        },
        { divisionCode: entity.divisionCode, occurredAt: record.recordedAt },
      );
      return record;
    });
    return toSupervisionRecordResponse(record);
  }
}
