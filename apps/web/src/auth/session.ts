import { reactive } from 'vue';
import type { Role, SessionTokensResponse } from '@minsheng/contracts';

const STORAGE_KEY = 'minsheng.session';

/** What the console needs of the signed-in staff member, read from the access token's claims. */
export interface StaffPrincipal {
  userId: string;
  username: string;
  roles: Role[];
  divisionCode: string;
  organId: string | null;
}

interface Stored {
  accessToken: string;
  refreshToken: string;
  username: string;
}

/** The JWT's payload (the service verifies the signature; the console only reads the claims). */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

function principalOf(stored: Stored): StaffPrincipal {
  const claims = decodeClaims(stored.accessToken);
  return {
    userId: String(claims.sub ?? ''),
    username: stored.username,
    roles: (claims.roles as Role[] | undefined) ?? [],
    divisionCode: String(claims.division ?? ''),
    organId: (claims.organ as string | null | undefined) ?? null,
  };
}

/**
 * The staff session. Tokens live in sessionStorage: they survive a reload of the tab but not the
 * tab itself, and the refresh token rotates on every use (identity detects reuse).
 */
class Session {
  accessToken: string | null = null;
  principal: StaffPrincipal | null = null;
  private refreshToken: string | null = null;
  private username = '';
  private refreshing: Promise<boolean> | null = null;

  restore(): void {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return;
    try {
      this.apply(JSON.parse(raw) as Stored);
    } catch {
      sessionStorage.removeItem(STORAGE_KEY);
    }
  }

  get signedIn(): boolean {
    return this.principal !== null;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((role) => this.principal?.roles.includes(role));
  }

  async login(username: string, password: string, totpCode: string): Promise<void> {
    const { api } = await import('../api/http.js');
    const tokens = await api<SessionTokensResponse>('identity', '/v1/auth/login', {
      body: { username, password, totpCode },
    });
    this.apply({ ...tokens, username });
  }

  async logout(): Promise<void> {
    if (this.accessToken) {
      const { api } = await import('../api/http.js');
      await api('identity', '/v1/auth/logout', { method: 'POST', auth: true }).catch(() => {});
    }
    this.clear();
  }

  /** A new access token with the refresh token; false (and signed out) when that fails. */
  refresh(): Promise<boolean> {
    if (!this.refreshToken) return Promise.resolve(false);
    this.refreshing ??= (async () => {
      try {
        const response = await fetch('/api/identity/v1/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: this.refreshToken }),
        });
        if (!response.ok) {
          this.clear();
          return false;
        }
        const tokens = (await response.json()) as SessionTokensResponse;
        this.apply({ ...tokens, username: this.username });
        return true;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  clear(): void {
    this.accessToken = null;
    this.refreshToken = null;
    this.principal = null;
    sessionStorage.removeItem(STORAGE_KEY);
  }

  private apply(stored: Stored): void {
    this.accessToken = stored.accessToken;
    this.refreshToken = stored.refreshToken;
    this.username = stored.username;
    this.principal = principalOf(stored);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  }
}

export const session = reactive(new Session()) as Session;
