import { Inject, Injectable } from '@nestjs/common';
import { Secret, TOTP } from 'otpauth';
import { FieldCipher } from '@minsheng/crypto';
import { IDENTITY_SETTINGS, type AccountSettings } from '../config/identity.settings.js';

export interface NewTotpSecret {
  /** What goes into `staff_account.totp_secret_encrypted`. */
  stored: string;
  /** `otpauth://totp/…` for the authenticator app; shown once. */
  provisioningUri: string;
}

/** RFC 6238 parameters every authenticator app supports. */
export const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** Creates TOTP secrets (160 random bits), encrypted at rest, and reads them back. */
@Injectable()
export class TotpSecrets {
  constructor(
    @Inject(IDENTITY_SETTINGS) private readonly settings: AccountSettings,
    private readonly cipher: FieldCipher,
  ) {}

  create(username: string): NewTotpSecret {
    const secret = new Secret({ size: 20 });
    const totp = new TOTP({
      issuer: this.settings.TOTP_ISSUER,
      label: username,
      secret,
      ...TOTP_PARAMETERS,
    });
    return { stored: this.cipher.encrypt(secret.base32), provisioningUri: totp.toString() };
  }

  /** The generator for a stored secret. */
  open(stored: string): TOTP {
    return new TOTP({ secret: Secret.fromBase32(this.cipher.decrypt(stored)), ...TOTP_PARAMETERS });
  }
}
