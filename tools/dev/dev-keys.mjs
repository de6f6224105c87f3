// Development signing keys, generated on first use into the git-ignored .local/keys/.
// Production never uses these: it points AUTH_JWKS_URL (or AUTH_PUBLIC_KEY_FILE) at real keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './backing-services.mjs';

const KEYS_DIR = join(REPO_ROOT, '.local', 'keys');
export const DEV_PRIVATE_KEY_FILE = join(KEYS_DIR, 'auth-es256.private.pem');
export const DEV_PUBLIC_KEY_FILE = join(KEYS_DIR, 'auth-es256.public.pem');
export const DEV_ISSUER = 'minsheng';
export const DEV_AUDIENCE = 'minsheng';

export async function ensureDevKeys() {
  if (!existsSync(DEV_PRIVATE_KEY_FILE) || !existsSync(DEV_PUBLIC_KEY_FILE)) {
    const { generateKeyPair, exportPKCS8, exportSPKI } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    mkdirSync(KEYS_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(DEV_PRIVATE_KEY_FILE, await exportPKCS8(privateKey), { mode: 0o600 });
    writeFileSync(DEV_PUBLIC_KEY_FILE, await exportSPKI(publicKey), { mode: 0o644 });
  }
  return { privateKeyFile: DEV_PRIVATE_KEY_FILE, publicKeyFile: DEV_PUBLIC_KEY_FILE };
}

const FIELD_KEYS_FILE = join(KEYS_DIR, 'field-encryption.json');

/**
 * The dev instance's secrets as service env: token verification key, SM4 field keys and the
 * lookup-hash key (generated once, kept in .local/keys/, never committed).
 */
export async function devSecretsEnv() {
  const { publicKeyFile } = await ensureDevKeys();
  if (!existsSync(FIELD_KEYS_FILE)) {
    const { randomBytes } = await import('node:crypto');
    const secrets = {
      FIELD_ENCRYPTION_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
      FIELD_ENCRYPTION_ACTIVE_KEY: 'dev1',
      LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
    };
    writeFileSync(FIELD_KEYS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return {
    AUTH_PUBLIC_KEY_FILE: publicKeyFile,
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    ...JSON.parse(readFileSync(FIELD_KEYS_FILE, 'utf8')),
  };
}

export function readDevPrivateKey() {
  return readFileSync(DEV_PRIVATE_KEY_FILE, 'utf8');
}
