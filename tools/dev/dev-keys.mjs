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

export function readDevPrivateKey() {
  return readFileSync(DEV_PRIVATE_KEY_FILE, 'utf8');
}
