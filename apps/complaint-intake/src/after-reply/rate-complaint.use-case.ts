import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  IntakeErrorCodes,
  complaintRatedEvent,
  type AfterReplyResponse,
  type RateComplaintRequest,
  type SatisfactionLevel,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { ComplaintLookup } from '../complaint/complaint-lookup.js';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { ComplaintTimeline } from '../tracking/complaint-timeline.js';
import { ComplaintRatingEntity } from './complaint-rating.entity.js';
import { requireOpenReplyWindow } from './reply-window.js';

const LEVEL_TEXT: Record<SatisfactionLevel, string> = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
};

/** 满意度评价: once, after the reply and within the window, rating the office and the organ apart. */
@Injectable()
export class RateComplaintUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: ComplaintLookup,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly timeline: ComplaintTimeline,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async execute(
    trackingCode: string,
    request: RateComplaintRequest,
    ip: string,
  ): Promise<AfterReplyResponse> {
    const now = new Date();
    const complaint = await this.lookup.byCodes(trackingCode, request.queryCode);
    const repliedAt = requireOpenReplyWindow(
      complaint,
      this.config.RATING_WINDOW_DAYS,
      now,
      '评价',
    );
    try {
      await inTransaction(this.dataSource, async (tx) => {
        await tx.insert(ComplaintRatingEntity, {
          complaintId: complaint.id,
          office: request.office,
          organ: request.organ,
          comment: request.comment ?? null,
          ratedAt: now,
        });
        await this.timeline.append(tx, {
          complaintId: complaint.id,
          step: 'rated',
          status: complaint.status,
          note: `您已评价：信访工作机构「${LEVEL_TEXT[request.office]}」，责任单位「${LEVEL_TEXT[request.organ]}」，感谢您的评价`,
          at: now,
        });
        await this.events.publish(
          tx,
          complaintRatedEvent,
          {
            complaintId: complaint.id,
            trackingCode: complaint.trackingCode,
            petitionNumber: complaint.petitionNumber,
            divisionCode: complaint.divisionCode,
            office: request.office,
            organ: request.organ,
            comment: request.comment ?? null,
            repliedAt: repliedAt.toISOString(),
            ratedAt: now.toISOString(),
          },
          { divisionCode: complaint.divisionCode, occurredAt: now },
        );
        await this.audit.record(
          {
            action: 'complaint.rated',
            outcome: 'success',
            actor: CITIZEN_ACTOR,
            target: { type: 'complaint', id: complaint.id },
            divisionCode: complaint.divisionCode,
            ip,
            details: {
              trackingCode: complaint.trackingCode,
              office: request.office,
              organ: request.organ,
            },
          },
          tx,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictException({
        code: IntakeErrorCodes.alreadyRated,
        message: '该投诉已评价过，每件投诉只能评价一次',
      });
    }
    return { trackingCode: complaint.trackingCode, at: now.toISOString() };
  }
}
