import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { ComplaintEntity } from './complaint.entity.js';
import { QUERY_CODE_PATTERN, TRACKING_CODE_PATTERN, queryCodeMatches } from './tracking-codes.js';

/**
 * A complaint for the holder of its tracking and query codes. An unknown tracking code and a
 * wrong query code get the same 404, so the public endpoints do not reveal which codes exist.
 */
@Injectable()
export class ComplaintLookup {
  constructor(private readonly dataSource: DataSource) {}

  async byCodes(
    trackingCode: string,
    queryCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ComplaintEntity> {
    const normalizedTracking = trackingCode.toUpperCase();
    const normalizedQuery = queryCode.toUpperCase();
    const complaint =
      TRACKING_CODE_PATTERN.test(normalizedTracking) && QUERY_CODE_PATTERN.test(normalizedQuery)
        ? await manager
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
    return complaint;
  }
}
