import { Injectable } from '@nestjs/common';
import { FieldCipher, LookupHasher } from '@minsheng/crypto';

/** A protected personal value: SM4 ciphertext plus a keyed hash to find it by. */
export interface ProtectedValue {
  encrypted: string;
  lookupHash: string;
}

/**
 * How every service stores personal information (PIPL: ID numbers are sensitive): encrypted at
 * rest with the instance's field keys, found by keyed hash, never written in plain form.
 */
@Injectable()
export class PersonalData {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
  ) {}

  idNumber(value: string): ProtectedValue {
    const normalized = value.trim().toUpperCase();
    return {
      encrypted: this.cipher.encrypt(normalized),
      lookupHash: this.idNumberHash(normalized),
    };
  }

  phone(value: string): ProtectedValue {
    const normalized = value.trim();
    return { encrypted: this.cipher.encrypt(normalized), lookupHash: this.phoneHash(normalized) };
  }

  idNumberHash(value: string): string {
    return this.hasher.hash('id-number', value.trim().toUpperCase());
  }

  phoneHash(value: string): string {
    return this.hasher.hash('phone', value.trim());
  }

  reveal(encrypted: string): string {
    return this.cipher.decrypt(encrypted);
  }
}
