import { randomUUID } from 'node:crypto';
import { ConflictException, ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  IdentityErrorCodes,
  type CreateStaffAccountRequest,
  type CreateStaffAccountResponse,
} from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { isUniqueViolation } from '@minsheng/persistence';
import { assertRolesSeparated } from './account-access.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordPolicy } from './password-policy.js';
import { StaffAccountEntity } from './staff-account.entity.js';
import { toStaffAccountResponse } from './staff-account.mapper.js';
import { TotpSecrets } from './totp-secrets.js';
import { IdentityAudit } from '../identity-audit.js';

/** Who creates an account: a security administrator, or the operator's bootstrap CLI. */
export type AccountCreator = Principal | 'bootstrap';

/**
 * Creates a staff account with a policy-checked password (argon2id) and a new TOTP secret
 * (encrypted at rest); answers the provisioning URI once.
 */
@Injectable()
export class CreateStaffAccountUseCase {
  private readonly logger = new Logger(CreateStaffAccountUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: PasswordPolicy,
    private readonly hasher: PasswordHasher,
    private readonly totpSecrets: TotpSecrets,
    private readonly audit: IdentityAudit,
  ) {}

  async execute(
    request: CreateStaffAccountRequest,
    creator: AccountCreator,
  ): Promise<CreateStaffAccountResponse> {
    assertRolesSeparated(request.roles);
    if (creator !== 'bootstrap' && !coversDivision(creator, request.divisionCode)) {
      throw new ForbiddenException({
        code: ErrorCodes.forbidden,
        message: '不能在管辖范围以外创建账号',
      });
    }
    this.policy.assertAcceptable(request.password, request.username);
    const totp = this.totpSecrets.create(request.username);
    const now = new Date();
    const account: StaffAccountEntity = {
      id: randomUUID(),
      username: request.username,
      displayName: request.displayName,
      passwordHash: await this.hasher.hash(request.password),
      totpSecretEncrypted: totp.stored,
      roles: request.roles,
      divisionCode: request.divisionCode,
      organId: request.organId ?? null,
      status: 'active',
      passwordChangedAt: now,
      createdAt: now,
    };
    try {
      await this.dataSource.getRepository(StaffAccountEntity).insert(account);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new ConflictException({
        code: IdentityErrorCodes.usernameTaken,
        message: '该用户名已被使用',
      });
    }
    this.logger.log(
      {
        accountId: account.id,
        roles: account.roles,
        divisionCode: account.divisionCode,
        by: creator === 'bootstrap' ? 'bootstrap' : creator.userId,
      },
      'staff account created',
    );
    await this.audit.accountChanged(creator, 'account.created', account, {
      username: account.username,
      roles: account.roles,
    });
    return { account: toStaffAccountResponse(account), totpProvisioningUri: totp.provisioningUri };
  }
}
