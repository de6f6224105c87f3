import { randomUUID } from 'node:crypto';
import type { AccessCase } from '@minsheng/service-harness';

const RECORD_DIVISION = '510104';

/** The federation's HTTP routes for the access matrix (access-matrix.int-spec.ts). */
export const federationAccessCases: Record<string, AccessCase> = {
  'GET /api/v1/federation/forwarded-cases/:trackingCode': async (service) => {
    const trackingCode = `AM${randomUUID().slice(0, 8)}`;
    await service.schema.query(
      `INSERT INTO federation_forwarded_case (tracking_code, recipient, envelope_id, forwarded_at)
       VALUES ($1, $2, $3, now())`,
      [trackingCode, RECORD_DIVISION, randomUUID()],
    );
    return {
      kind: 'http',
      method: 'GET',
      url: `/api/v1/federation/forwarded-cases/${trackingCode}`,
      recordDivision: RECORD_DIVISION,
    };
  },
  'GET /api/v1/federation/review-requests': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/api/v1/federation/review-requests',
  }),
  'GET /api/v1/federation/statistics': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/api/v1/federation/statistics',
  }),
  'GET /api/v1/federation/dead-letters': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/api/v1/federation/dead-letters',
  }),
  'POST /api/v1/federation/dead-letters/replay': async () => ({
    kind: 'http',
    method: 'POST',
    url: '/api/v1/federation/dead-letters/replay',
    payload: {},
  }),
  'GET /api/v1/federation/refusals': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/api/v1/federation/refusals',
  }),
};
