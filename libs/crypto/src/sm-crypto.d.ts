// sm-crypto@0.5.8 ships no types: only the parts this library calls.
declare module 'sm-crypto' {
  /** A jsbn BigInteger, opaque here: created and handed back to sm-crypto only. */
  export interface SmCryptoBigInteger {
    toString(radix?: number): string;
  }

  /** A precomputed signing nonce: k and the x coordinate of [k]G. */
  export interface Sm2NoncePoint {
    k: SmCryptoBigInteger;
    x1: SmCryptoBigInteger;
  }

  export interface Sm2SignatureOptions {
    /** Consumed with pop(); sm-crypto falls back to its own generator when empty. */
    pointPool?: Sm2NoncePoint[];
    der?: boolean;
    /** true: sign SM3(Z_A || M) as GB/T 32918.2 requires; false: the input is already e. */
    hash?: boolean;
    publicKey?: string;
    userId?: string;
  }

  export interface Sm2VerifyOptions {
    der?: boolean;
    hash?: boolean;
    userId?: string;
  }

  export interface Sm2Api {
    doSignature(
      msg: string | Uint8Array,
      privateKey: string,
      options?: Sm2SignatureOptions,
    ): string;
    doVerifySignature(
      msg: string | Uint8Array,
      signHex: string,
      publicKey: string,
      options?: Sm2VerifyOptions,
    ): boolean;
    /** Uncompressed public key, 04 || x || y in lower-case hex. */
    getPublicKeyFromPrivateKey(privateKey: string): string;
  }

  const smCrypto: { sm2: Sm2Api };
  export default smCrypto;
}
