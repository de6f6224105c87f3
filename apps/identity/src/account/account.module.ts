import { Module } from '@nestjs/common';
import { AccountCoreModule } from './account-core.module.js';
import { AccountHttpController } from './account.http.controller.js';
import { CreateStaffAccountUseCase } from './create-staff-account.use-case.js';
import { GetStaffAccountUseCase } from './get-staff-account.use-case.js';
import { ListStaffAccountsUseCase } from './list-staff-accounts.use-case.js';
import { ResetStaffTotpUseCase } from './reset-staff-totp.use-case.js';
import { RevokeAccountSessionsUseCase } from './revoke-account-sessions.use-case.js';
import { UpdateStaffAccountUseCase } from './update-staff-account.use-case.js';

@Module({
  imports: [AccountCoreModule],
  controllers: [AccountHttpController],
  providers: [
    CreateStaffAccountUseCase,
    ListStaffAccountsUseCase,
    GetStaffAccountUseCase,
    UpdateStaffAccountUseCase,
    ResetStaffTotpUseCase,
    RevokeAccountSessionsUseCase,
  ],
  exports: [CreateStaffAccountUseCase],
})
export class AccountModule {}
