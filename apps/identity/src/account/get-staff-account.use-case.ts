import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffAccountResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { findAccountInScope } from './account-access.js';
import { toStaffAccountResponse } from './staff-account.mapper.js';

@Injectable()
export class GetStaffAccountUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(administrator: Principal, id: string): Promise<StaffAccountResponse> {
    return toStaffAccountResponse(
      await findAccountInScope(this.dataSource.manager, administrator, id),
    );
  }
}
