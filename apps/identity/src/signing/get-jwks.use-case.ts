import { Injectable } from '@nestjs/common';
import type { JwksResponse } from '@minsheng/contracts';
import { SigningKey } from './signing-key.js';

/** The public keys verifiers use for this issuer's tokens. */
@Injectable()
export class GetJwksUseCase {
  constructor(private readonly key: SigningKey) {}

  execute(): JwksResponse {
    return { keys: [this.key.publicJwk] };
  }
}
