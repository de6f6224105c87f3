import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LookupHasher } from '@minsheng/crypto';
import { notFound } from '../video-reception.errors.js';
import { BOOKING_CODE_PATTERN, secretMatches } from './booking-codes.js';
import { BookingEntity } from './booking.entity.js';
import { QUERY_CODE_PURPOSE } from './book-slot.use-case.js';

/** A booking found by its code and the petitioner's query code; one 404 for every miss. */
@Injectable()
export class PublicBookingLookup {
  constructor(private readonly hasher: LookupHasher) {}

  async find(
    manager: EntityManager,
    bookingCode: string,
    queryCode: string,
    { lock = false }: { lock?: boolean } = {},
  ): Promise<BookingEntity> {
    const code = bookingCode.trim().toUpperCase();
    let booking: BookingEntity | null = null;
    if (BOOKING_CODE_PATTERN.test(code)) {
      const query = manager
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .where('b.bookingCode = :code', { code });
      if (lock) query.setLock('pessimistic_write');
      booking = await query.getOne();
    }
    if (
      !booking ||
      !secretMatches(
        this.hasher,
        QUERY_CODE_PURPOSE,
        booking.bookingCode,
        queryCode,
        booking.queryCodeHash,
      )
    ) {
      throw notFound('预约号或查询码不正确');
    }
    return booking;
  }
}
