export { sm3, sm3Hex, hmacSm3, type BytesOrText } from './sm3.js';
export { sm4CbcEncrypt, sm4CbcDecrypt, sm4EcbEncryptBlock } from './sm4.js';
export {
  SM2_DEFAULT_USER_ID,
  generateSm2KeyPair,
  sm2Sign,
  sm2Verify,
  type Sm2KeyPair,
  type Sm2SignatureOptions,
} from './sm2.js';
export { FieldCipher } from './field-cipher.js';
export { FieldDecryptionError, type FieldDecryptionErrorCode } from './field-decryption.error.js';
export { MIN_SECRET_BYTES, generateKeySecret, keyringFromEnv, type Keyring } from './keyring.js';
export { LookupHasher } from './lookup-hasher.js';
