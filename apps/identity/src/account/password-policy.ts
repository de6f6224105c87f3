import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { IdentityErrorCodes, type FieldError } from '@minsheng/contracts';
import { IDENTITY_SETTINGS, type AccountSettings } from '../config/identity.settings.js';

export interface PasswordRules {
  minLength: number;
  minCharacterClasses: number;
}

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** What is wrong with a password, in words staff can act on; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  username: string,
  rules: PasswordRules,
): string[] {
  const problems: string[] = [];
  if ([...password].length < rules.minLength) {
    problems.push(`密码至少 ${rules.minLength} 个字符`);
  }
  const classes = CLASSES.filter((pattern) => pattern.test(password)).length;
  if (classes < rules.minCharacterClasses) {
    problems.push(
      `密码需包含小写字母、大写字母、数字、符号中的至少 ${rules.minCharacterClasses} 类`,
    );
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('密码不能包含用户名');
  }
  return problems;
}

/** The instance's password policy (settings), enforced wherever a password is set. */
@Injectable()
export class PasswordPolicy {
  private readonly rules: PasswordRules;

  constructor(@Inject(IDENTITY_SETTINGS) settings: AccountSettings) {
    this.rules = {
      minLength: settings.PASSWORD_MIN_LENGTH,
      minCharacterClasses: settings.PASSWORD_MIN_CHARACTER_CLASSES,
    };
  }

  assertAcceptable(password: string, username: string): void {
    const problems = passwordProblems(password, username, this.rules);
    if (problems.length === 0) return;
    const fields: FieldError[] = problems.map((message) => ({
      path: 'password',
      code: IdentityErrorCodes.weakPassword,
      message,
    }));
    throw new BadRequestException({
      code: IdentityErrorCodes.weakPassword,
      message: '密码不符合安全要求',
      fields,
    });
  }
}
