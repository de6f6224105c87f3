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

/** Each development secret and how to make it; a missing one is added to the file on next use. */
const DEV_SECRETS = {
  FIELD_ENCRYPTION_KEYS: (random) => `dev1:${random(32)}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: () => 'dev1',
  LOOKUP_HASH_KEY: (random) => random(32),
  // video-reception signs Jitsi join links (HS256) with it.
  JITSI_APP_SECRET: (random) => random(48),
};

/**
 * The dev instance's secrets as service env: token verification key, SM4 field keys, the
 * lookup-hash key and the video provider's secret (generated once, kept in .local/keys/, never
 * committed).
 */
export async function devSecretsEnv() {
  const { publicKeyFile } = await ensureDevKeys();
  const { randomBytes } = await import('node:crypto');
  const random = (bytes) => randomBytes(bytes).toString('base64');
  const stored = existsSync(FIELD_KEYS_FILE)
    ? JSON.parse(readFileSync(FIELD_KEYS_FILE, 'utf8'))
    : {};
  const missing = Object.keys(DEV_SECRETS).filter((name) => !stored[name]);
  if (missing.length > 0) {
    for (const name of missing) stored[name] = DEV_SECRETS[name](random);
    writeFileSync(FIELD_KEYS_FILE, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    AUTH_PUBLIC_KEY_FILE: publicKeyFile,
    AUTH_ISSUER: DEV_ISSUER,
    AUTH_AUDIENCE: DEV_AUDIENCE,
    ...stored,
  };
}

export function readDevPrivateKey() {
  return readFileSync(DEV_PRIVATE_KEY_FILE, 'utf8');
}
