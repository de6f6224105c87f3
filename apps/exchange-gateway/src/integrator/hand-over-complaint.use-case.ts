import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  IntegratorErrorCodes as Codes,
  complaintHandedOverEvent,
  type IntegratorComplaintRequest,
} from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import { isStandardCategory } from '@minsheng/domain';
import { ComplaintSubmissionEntity } from './complaint-submission.entity.js';
import { allowsDivision, type IntegratorCaller } from './integrator-client.js';
import { integratorError } from './integrator.errors.js';

/**
 * Hands a client's complaint to intake: the submission row and the `handed-over` event (personal
 * data as this instance's field ciphertext, like intake's own events) commit together in the
 * caller's transaction. Intake stores it idempotently by (source kind, client id, reference).
 */
@Injectable()
export class HandOverComplaintUseCase {
  constructor(
    private readonly events: EventPublisher,
    private readonly personalData: PersonalData,
    private readonly audit: AuditTrail,
  ) {}

  /** Refusals that need no database: division outside the client's, unknown category. */
  check(
    caller: IntegratorCaller,
    request: Pick<IntegratorComplaintRequest, 'divisionCode' | 'categoryCode'>,
  ): void {
    if (!allowsDivision(caller, request.divisionCode)) {
      throw integratorError(403, Codes.divisionNotAllowed, '该行政区划不在接入方的授权范围内', [
        { path: 'divisionCode', code: Codes.divisionNotAllowed, message: '不在授权范围内' },
      ]);
    }
    if (!isStandardCategory(request.categoryCode)) {
      throw integratorError(400, Codes.unknownCategory, '未知的投诉类别', [
        { path: 'categoryCode', code: Codes.unknownCategory, message: '未知的投诉类别' },
      ]);
    }
  }

  async execute(
    tx: EntityManager,
    caller: IntegratorCaller,
    sourceKind: 'integrator' | 'open311',
    request: IntegratorComplaintRequest,
  ): Promise<ComplaintSubmissionEntity> {
    this.check(caller, request);
    const now = new Date();
    const idNumber = this.personalData.idNumber(request.petitioner.idNumber);
    const phone = this.personalData.phone(request.petitioner.phone);
    const submission: ComplaintSubmissionEntity = {
      reference: randomUUID(),
      clientId: caller.clientId,
      sourceKind,
      divisionCode: request.divisionCode,
      categoryCode: request.categoryCode,
      kind: request.kind,
      address: request.address ?? null,
      locationLat: request.location?.lat ?? null,
      locationLng: request.location?.lng ?? null,
      status: 'received',
      trackingCode: null,
      complaintId: null,
      caseId: null,
      petitionNumber: null,
      receivedAt: now,
      updatedAt: now,
    };
    await tx.insert(ComplaintSubmissionEntity, submission);
    await this.events.publish(
      tx,
      complaintHandedOverEvent,
      {
        source: { kind: sourceKind, id: caller.clientId, reference: submission.reference },
        petitioner: {
          name: request.petitioner.name,
          idNumberEncrypted: idNumber.encrypted,
          idNumberHash: idNumber.lookupHash,
          phoneEncrypted: phone.encrypted,
          phoneHash: phone.lookupHash,
        },
        divisionCode: request.divisionCode,
        kind: request.kind,
        categoryCode: request.categoryCode,
        title: request.title,
        content: request.content,
        address: request.address ?? null,
        location: request.location ?? null,
        replyPublicConsent: request.replyPublicConsent,
        submittedAt: now.toISOString(),
      },
      { divisionCode: request.divisionCode, occurredAt: now },
    );
    await this.audit.record(
      {
        action: 'complaint.handed-over',
        outcome: 'success',
        actor: { id: `${sourceKind}:${caller.clientId}`, roles: [], divisionCode: null },
        target: { type: 'complaint-submission', id: submission.reference },
        divisionCode: request.divisionCode,
        details: { kind: request.kind, categoryCode: request.categoryCode },
      },
      tx,
    );
    return submission;
  }
}
