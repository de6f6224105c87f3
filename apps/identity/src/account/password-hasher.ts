import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { IDENTITY_SETTINGS, type AccountSettings } from '../config/identity.settings.js';

// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** argon2id password hashes (PHC strings) with the instance's cost settings. */
@Injectable()
export class PasswordHasher {
  private readonly options: Options;
  private dummyHash?: Promise<string>;

  constructor(@Inject(IDENTITY_SETTINGS) settings: AccountSettings) {
    this.options = {
      algorithm: ARGON2ID,
      memoryCost: settings.PASSWORD_HASH_MEMORY_KIB,
      timeCost: settings.PASSWORD_HASH_TIME_COST,
      parallelism: settings.PASSWORD_HASH_PARALLELISM,
    };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /**
   * Whether `password` matches `passwordHash`. Without a hash (unknown user) it still runs one
   * verification against a throwaway hash, so the answer takes as long either way.
   */
  async matches(passwordHash: string | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.throwawayHash());
    const matched = await verify(target, password).catch(() => false);
    return passwordHash !== undefined && matched;
  }

  private throwawayHash(): Promise<string> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    return this.dummyHash;
  }
}
