import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { forbidden, notFound } from '../video-reception.errors.js';
import { BookingEntity } from './booking.entity.js';

/**
 * Who may see a booking: staff whose jurisdiction covers the leader's office or the petitioner's
 * hall. Anyone else gets 404, so a booking's existence does not leak.
 */
@Injectable()
export class BookingAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  canSee(
    principal: Principal,
    booking: Pick<BookingEntity, 'divisionCode' | 'hallDivisionCode'>,
  ): boolean {
    return (
      coversDivision(principal, booking.divisionCode) ||
      coversDivision(principal, booking.hallDivisionCode)
    );
  }

  /**
   * The booking, locked for update when a transaction is given. `viewAction` audits the read (the
   * booking carries personal data) — and an attempt from outside the jurisdiction as denied.
   */
  async load(
    principal: Principal,
    id: string,
    { tx, viewAction }: { tx?: EntityManager; viewAction?: string } = {},
  ): Promise<BookingEntity> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const booking = !isUuid
      ? null
      : tx
        ? await tx
            .getRepository(BookingEntity)
            .createQueryBuilder('b')
            .setLock('pessimistic_write')
            .where('b.id = :id', { id })
            .getOne()
        : await this.dataSource.getRepository(BookingEntity).findOneBy({ id });
    const allowed = booking !== null && this.canSee(principal, booking);
    if (booking && viewAction) {
      await this.audit.record({
        action: viewAction,
        outcome: allowed ? 'success' : 'denied',
        actor: actorOf(principal),
        target: { type: 'booking', id: booking.id },
        divisionCode: booking.hallDivisionCode,
        details: { bookingCode: booking.bookingCode },
      });
    }
    if (!booking || !allowed) throw notFound('未找到该接访预约');
    return booking;
  }

  /** The review (审查分流) belongs to the leader's office. */
  assertLeaderOffice(principal: Principal, booking: BookingEntity): void {
    if (!coversDivision(principal, booking.divisionCode)) {
      throw forbidden('只有接访领导所在机关的工作人员可以审查分流');
    }
  }

  /** Check-in is done at the petitioner's hall. */
  assertHall(principal: Principal, booking: BookingEntity): void {
    if (!coversDivision(principal, booking.hallDivisionCode)) {
      throw forbidden('只有接访厅所在地的工作人员可以办理签到');
    }
  }
}
