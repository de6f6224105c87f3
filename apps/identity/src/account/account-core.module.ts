import { Module } from '@nestjs/common';
import { IdentityAudit } from '../identity-audit.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.js';
import { TotpSecrets } from './totp-secrets.js';

/**
 * Passwords and TOTP secrets: what both account administration and login need. TOTP secrets are
 * encrypted with the instance's FieldCipher (provided by ServiceCoreModule).
 */
@Module({
  providers: [PasswordHasher, PasswordPolicy, TotpSecrets, IdentityAudit],
  exports: [PasswordHasher, PasswordPolicy, TotpSecrets, IdentityAudit],
})
export class AccountCoreModule {}
