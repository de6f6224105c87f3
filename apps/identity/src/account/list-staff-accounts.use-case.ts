import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListStaffAccountsQuery, StaffAccountListResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { divisionTier } from '@minsheng/domain';
import { StaffAccountEntity } from './staff-account.entity.js';
import { toStaffAccountResponse } from './staff-account.mapper.js';

const PREFIX_LENGTH = { province: 2, city: 4, county: 6 } as const;

/** Accounts in the administrator's jurisdiction, by username, a page at a time. */
@Injectable()
export class ListStaffAccountsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    administrator: Principal,
    query: ListStaffAccountsQuery,
  ): Promise<StaffAccountListResponse> {
    const scope = administrator.divisionCode;
    const prefix = scope.slice(0, PREFIX_LENGTH[divisionTier(scope)]);
    const builder = this.dataSource
      .getRepository(StaffAccountEntity)
      .createQueryBuilder('account')
      .where('account.divisionCode LIKE :prefix', { prefix: `${prefix}%` });
    if (query.status) builder.andWhere('account.status = :status', { status: query.status });
    const [accounts, total] = await builder
      .orderBy('account.username', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return {
      items: accounts.map(toStaffAccountResponse),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
