import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ComplaintStatusResponse } from '@minsheng/contracts';
import { ComplaintAttachmentEntity } from '../attachment/attachment.entity.js';
import { ComplaintCategoryEntity } from '../category/complaint-category.entity.js';
import { ComplaintRatingEntity } from '../after-reply/complaint-rating.entity.js';
import { ReviewRequestEntity } from '../after-reply/review-request.entity.js';
import { SuggestionOutcomeEntity } from '../tracking/suggestion-outcome.entity.js';
import { ComplaintLookup } from './complaint-lookup.js';
import { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';
import { toComplaintStatusResponse } from './complaint.mapper.js';

/** The public status page: for the holder of the tracking and query codes only. */
@Injectable()
export class GetComplaintStatusUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: ComplaintLookup,
  ) {}

  execute(trackingCode: string, queryCode: string): Promise<ComplaintStatusResponse> {
    // One snapshot for the complaint and its steps: read apart, a step committed between the two
    // reads showed a complaint still "accepted" above its "replied" step.
    return this.dataSource.transaction('REPEATABLE READ', (m) =>
      this.read(m, trackingCode, queryCode),
    );
  }

  private async read(
    m: EntityManager,
    trackingCode: string,
    queryCode: string,
  ): Promise<ComplaintStatusResponse> {
    const complaint = await this.lookup.byCodes(trackingCode, queryCode, m);
    const [category, timeline, attachments, rating, reviewRequest, suggestionOutcome] =
      await Promise.all([
        complaint.categoryCode
          ? m.findOneBy(ComplaintCategoryEntity, { code: complaint.categoryCode })
          : null,
        // In the order applied, which the handlers keep logical even when events arrive out of order.
        m.find(ComplaintTimelineEntryEntity, {
          where: { complaintId: complaint.id },
          order: { id: 'ASC' },
        }),
        m.find(ComplaintAttachmentEntity, {
          where: { complaintId: complaint.id },
          order: { position: 'ASC' },
        }),
        m.findOneBy(ComplaintRatingEntity, { complaintId: complaint.id }),
        m.findOneBy(ReviewRequestEntity, { complaintId: complaint.id }),
        m.findOneBy(SuggestionOutcomeEntity, { complaintId: complaint.id }),
      ]);
    return toComplaintStatusResponse({
      complaint,
      category,
      timeline,
      attachments,
      rating,
      reviewRequest,
      suggestionOutcome,
    });
  }
}
