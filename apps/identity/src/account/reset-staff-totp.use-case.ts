import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TotpProvisioningResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { assertNotOwnAccount, findAccountInScope } from './account-access.js';
import { StaffAccountEntity } from './staff-account.entity.js';
import { TotpSecrets } from './totp-secrets.js';
import { IdentityAudit } from '../identity-audit.js';

/** Replaces an account's TOTP secret (a lost authenticator); the old codes stop working at once. */
@Injectable()
export class ResetStaffTotpUseCase {
  private readonly logger = new Logger(ResetStaffTotpUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly totpSecrets: TotpSecrets,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(administrator: Principal, id: string): Promise<TotpProvisioningResponse> {
    assertNotOwnAccount(administrator, id);
    const provisioningUri = await inTransaction(this.dataSource, async (tx) => {
      const account = await findAccountInScope(tx, administrator, id, { lock: true });
      const totp = this.totpSecrets.create(account.username);
      await tx.update(StaffAccountEntity, { id }, { totpSecretEncrypted: totp.stored });
      await this.audit.accountChanged(administrator, 'account.totp-reset', account, {}, tx);
      return totp.provisioningUri;
    });
    this.logger.log({ accountId: id, by: administrator.userId }, 'staff TOTP secret reset');
    return { totpProvisioningUri: provisioningUri };
  }
}
