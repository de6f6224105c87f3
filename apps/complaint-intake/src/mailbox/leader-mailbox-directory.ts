import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { Jurisdiction } from '../complaint/jurisdiction.js';
import { LeaderMailboxEntity } from './leader-mailbox.entity.js';

export const mailboxNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该领导信箱' });

/**
 * The mailboxes this instance's portal offers: active, and of a leader of this instance (a child
 * instance's leaders have their own portal).
 */
@Injectable()
export class LeaderMailboxDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  isHere(divisionCode: string): boolean {
    return this.jurisdiction.route(divisionCode).handledHere;
  }

  async listOpen(): Promise<LeaderMailboxEntity[]> {
    const rows = await this.dataSource.manager.find(LeaderMailboxEntity, {
      where: { active: true },
      order: { divisionCode: 'ASC', post: 'DESC', id: 'ASC' },
    });
    return rows.filter((row) => this.isHere(row.divisionCode));
  }

  /**
   * Every mailbox of this instance, open or closed, that the principal's jurisdiction covers. An
   * instance has a few dozen mailboxes, so the jurisdiction is applied to the rows here.
   */
  async listConfigured(principal: Principal): Promise<LeaderMailboxEntity[]> {
    const rows = await this.dataSource.manager.find(LeaderMailboxEntity, {
      order: { divisionCode: 'ASC', post: 'DESC', id: 'ASC' },
    });
    return rows.filter(
      (row) => this.isHere(row.divisionCode) && coversDivision(principal, row.divisionCode),
    );
  }

  /** An open mailbox, or 404. */
  async requireOpen(id: string): Promise<LeaderMailboxEntity> {
    const row = await this.dataSource.manager.findOneBy(LeaderMailboxEntity, { id });
    if (!row || !row.active || !this.isHere(row.divisionCode)) throw mailboxNotFound();
    return row;
  }
}
