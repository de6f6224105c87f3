import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes, type ComplaintStatusResponse } from '@minsheng/contracts';
import { ComplaintEntity } from './complaint.entity.js';
import { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';
import { toComplaintStatusResponse } from './complaint.mapper.js';
import { QUERY_CODE_PATTERN, TRACKING_CODE_PATTERN, queryCodeMatches } from './tracking-codes.js';

/**
 * The public status view. An unknown tracking code and a wrong query code get the same 404, so
 * the endpoint does not reveal which tracking codes exist.
 */
@Injectable()
export class GetComplaintStatusUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(trackingCode: string, queryCode: string): Promise<ComplaintStatusResponse> {
    const normalizedTracking = trackingCode.toUpperCase();
    const normalizedQuery = queryCode.toUpperCase();
    const complaint =
      TRACKING_CODE_PATTERN.test(normalizedTracking) && QUERY_CODE_PATTERN.test(normalizedQuery)
        ? await this.dataSource
            .getRepository(ComplaintEntity)
            .findOneBy({ trackingCode: normalizedTracking })
        : null;
    if (
      !complaint ||
      !queryCodeMatches(complaint.trackingCode, normalizedQuery, complaint.queryCodeHash)
    ) {
      throw new NotFoundException({
        code: ErrorCodes.notFound,
        message: '未找到该投诉，请核对查询码',
      });
    }
    const timeline = await this.dataSource
      .getRepository(ComplaintTimelineEntryEntity)
      .find({ where: { complaintId: complaint.id }, order: { at: 'ASC', id: 'ASC' } });
    return toComplaintStatusResponse(complaint, timeline);
  }
}
