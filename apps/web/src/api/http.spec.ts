import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, apiUrl } from './http.js';

describe('the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reaches a service under /api/<service> and the integrator API under its own /exchange path', () => {
    expect(apiUrl('petition', '/v1/cases', { view: 'mine', empty: '' })).toBe(
      '/api/petition/v1/cases?view=mine',
    );
    // The origin forwards /exchange/… to exchange-gateway unchanged (server/routes.mjs).
    expect(apiUrl('exchange', '/v1/admin/clients')).toBe('/exchange/v1/admin/clients');
  });

  it('sends a JSON body to the exchange path and reads the answer', async () => {
    const fetch = vi.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(JSON.stringify([{ clientId: 'c1' }]), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    await expect(api('exchange', '/v1/admin/clients', { body: { a: 1 } })).resolves.toEqual([
      { clientId: 'c1' },
    ]);
    expect(fetch.mock.calls[0][0]).toBe('/exchange/v1/admin/clients');
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
  });
});
