import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  IntakeErrorCodes,
  reviewRequestedEvent,
  type AfterReplyResponse,
  type RequestReviewRequest,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { ComplaintLookup } from '../complaint/complaint-lookup.js';
import { ComplaintTimeline } from '../tracking/complaint-timeline.js';
import { requireOpenReplyWindow } from './reply-window.js';
import { ReviewRequestEntity } from './review-request.entity.js';

/** The regulation's period for asking the next-higher organ to review a written reply. */
export const REVIEW_REQUEST_WINDOW_DAYS = 30;

/** 复查申请: online, once, within 30 days of the reply; petition's next-higher office takes it up. */
@Injectable()
export class RequestReviewUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: ComplaintLookup,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly timeline: ComplaintTimeline,
  ) {}

  async execute(
    trackingCode: string,
    request: RequestReviewRequest,
    ip: string,
  ): Promise<AfterReplyResponse> {
    const now = new Date();
    const complaint = await this.lookup.byCodes(trackingCode, request.queryCode);
    const repliedAt = requireOpenReplyWindow(
      complaint,
      REVIEW_REQUEST_WINDOW_DAYS,
      now,
      '申请复查',
    );
    const id = randomUUID();
    try {
      await inTransaction(this.dataSource, async (tx) => {
        await tx.insert(ReviewRequestEntity, {
          id,
          complaintId: complaint.id,
          reason: request.reason,
          requestedAt: now,
        });
        await this.timeline.append(tx, {
          complaintId: complaint.id,
          step: 'review-requested',
          status: complaint.status,
          note: '您的复查申请已提交，将由上一级行政机关在 30 日内办理并书面答复',
          at: now,
        });
        await this.events.publish(
          tx,
          reviewRequestedEvent,
          {
            reviewRequestId: id,
            complaintId: complaint.id,
            trackingCode: complaint.trackingCode,
            petitionNumber: complaint.petitionNumber,
            divisionCode: complaint.divisionCode,
            reason: request.reason,
            repliedAt: repliedAt.toISOString(),
            requestedAt: now.toISOString(),
          },
          { divisionCode: complaint.divisionCode, occurredAt: now },
        );
        await this.audit.record(
          {
            action: 'complaint.review-requested',
            outcome: 'success',
            actor: CITIZEN_ACTOR,
            target: { type: 'complaint', id: complaint.id },
            divisionCode: complaint.divisionCode,
            ip,
            details: { trackingCode: complaint.trackingCode, reviewRequestId: id },
          },
          tx,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictException({
        code: IntakeErrorCodes.reviewAlreadyRequested,
        message: '该投诉已申请过复查',
      });
    }
    return { trackingCode: complaint.trackingCode, at: now.toISOString() };
  }
}
