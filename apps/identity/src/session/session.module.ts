import { Module } from '@nestjs/common';
import { AccountCoreModule } from '../account/account-core.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AuthHttpController } from './auth.http.controller.js';
import { CallerSession } from './caller-session.js';
import { ListOwnSessionsUseCase } from './list-own-sessions.use-case.js';
import { LoginProtection } from './login-protection.js';
import { LoginUseCase } from './login.use-case.js';
import { LogoutUseCase } from './logout.use-case.js';
import { RefreshSessionUseCase } from './refresh-session.use-case.js';
import { RevokeOwnSessionUseCase } from './revoke-own-session.use-case.js';
import { TotpVerifier } from './totp-verifier.js';

@Module({
  imports: [AccountCoreModule, SigningModule],
  controllers: [AuthHttpController],
  providers: [
    CallerSession,
    LoginProtection,
    TotpVerifier,
    LoginUseCase,
    RefreshSessionUseCase,
    LogoutUseCase,
    ListOwnSessionsUseCase,
    RevokeOwnSessionUseCase,
  ],
})
export class SessionModule {}
