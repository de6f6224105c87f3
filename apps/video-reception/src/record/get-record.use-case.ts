import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReceptionRecordResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { BookingAccess } from '../booking/booking-access.js';
import { notFound } from '../video-reception.errors.js';
import { CaseOwnershipEntity } from './case-ownership.entity.js';
import { ReceptionRecordEntity } from './reception-record.entity.js';
import { toRecordResponse } from './record.mapper.js';

/** A reception's record, for staff who may see the booking; every view is audited. */
@Injectable()
export class GetRecordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
  ) {}

  async execute(principal: Principal, bookingId: string): Promise<ReceptionRecordResponse> {
    const booking = await this.access.load(principal, bookingId, {
      viewAction: 'reception.record-viewed',
    });
    const record = await this.dataSource.manager.findOneBy(ReceptionRecordEntity, {
      bookingId: booking.id,
    });
    if (!record) throw notFound('该接访尚无笔录');
    const ownership = await this.dataSource.manager.findOneBy(CaseOwnershipEntity, {
      recordId: record.id,
    });
    return toRecordResponse(record, ownership);
  }
}
