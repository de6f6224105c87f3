import { describe, expect, it } from 'vitest';
import { registerIntegratorClientRequestSchema } from '@minsheng/contracts';
import {
  clientFormFieldOf,
  emptyIntegratorClientForm,
  parseDivisionCodes,
  toRegisterRequest,
  validateIntegratorClient,
  type IntegratorClientForm,
} from './integrator-client-form.js';

const valid = (): IntegratorClientForm => ({
  name: ' 市 12345 热线 ',
  scopes: ['complaints:read', 'complaints:submit'],
  divisions: '510100, 510104',
  rateLimitPerMinute: 1200,
});

const fieldsAtFault = (form: IntegratorClientForm) =>
  validateIntegratorClient(form).map((f) => f.field);

describe('the integrator client register form', () => {
  it('finds nothing wrong with a complete form, and its request passes the gateway’s schema', () => {
    const form = valid();
    expect(validateIntegratorClient(form)).toEqual([]);
    const request = toRegisterRequest(form);
    expect(request).toEqual({
      name: '市 12345 热线',
      // In the contract's order, whatever order they were ticked in.
      scopes: ['complaints:submit', 'complaints:read'],
      allowedDivisions: ['510100', '510104'],
      rateLimitPerMinute: 1200,
    });
    expect(registerIntegratorClientRequestSchema.safeParse(request).success).toBe(true);
  });

  it('refuses an empty form field by field, starting from the default rate limit', () => {
    const form = emptyIntegratorClientForm();
    expect(form.rateLimitPerMinute).toBe(600);
    expect(fieldsAtFault(form)).toEqual(['name', 'scopes', 'divisions']);
  });

  it('names the first unknown or malformed division code', () => {
    expect(validateIntegratorClient({ ...valid(), divisions: '510104 519999' })).toEqual([
      { field: 'divisions', key: 'admin.clientForm.unknownDivision', code: '519999' },
    ]);
    expect(validateIntegratorClient({ ...valid(), divisions: '5101' })).toEqual([
      { field: 'divisions', key: 'admin.clientForm.unknownDivision', code: '5101' },
    ]);
  });

  it('refuses a rate limit that is missing, fractional, below 1 or above 100000', () => {
    for (const rate of [null, 0, 1.5, 100_001]) {
      expect(fieldsAtFault({ ...valid(), rateLimitPerMinute: rate })).toEqual([
        'rateLimitPerMinute',
      ]);
    }
    expect(fieldsAtFault({ ...valid(), rateLimitPerMinute: 100_000 })).toEqual([]);
  });

  it('refuses a name that is too long or holds control characters', () => {
    expect(fieldsAtFault({ ...valid(), name: 'x'.repeat(101) })).toEqual(['name']);
    expect(fieldsAtFault({ ...valid(), name: 'a\u0007b' })).toEqual(['name']);
  });

  it('reads division codes separated by commas, spaces or 、, once each', () => {
    expect(parseDivisionCodes(' 510100，510104、510104\n440300 ')).toEqual([
      '510100',
      '510104',
      '440300',
    ]);
  });

  it('puts the gateway’s field errors under the form’s fields', () => {
    expect(clientFormFieldOf('allowedDivisions.1')).toBe('divisions');
    expect(clientFormFieldOf('scopes.0')).toBe('scopes');
    expect(clientFormFieldOf('rateLimitPerMinute')).toBe('rateLimitPerMinute');
    expect(clientFormFieldOf('somethingElse')).toBeNull();
  });
});
