import { randomUUID } from 'node:crypto';
import type { Role } from '@minsheng/contracts';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type InProcessService,
} from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

const RECORD_DIVISION = '510104';
const Q = `divisionCode=${RECORD_DIVISION}&from=2026-03-01&to=2026-04-01`;

const get =
  (url: string): AccessCase =>
  async () => ({ kind: 'http', method: 'GET', url, recordDivision: RECORD_DIVISION });

/** A warning of county 510104, written straight to the schema. */
async function seedWarning(service: InProcessService): Promise<string> {
  const id = randomUUID();
  await service.schema.query(
    `INSERT INTO warning (id, kind, level, classes, division_code, province_code, city_code,
       county_code, topic, summary, petitioners, p_value, observed, expected, window_start,
       window_end, detected_at, evidence)
     VALUES ($1, 'topic-surge', 'yellow', '{trending}', $2, '510000', '510100', $2, '交房',
       '“交房”相关诉求激增', 6, 0.00001, 6, 0.1, now(), now(), now(), '{}')`,
    [id, RECORD_DIVISION],
  );
  return id;
}

async function seedRule(service: InProcessService, id: string = randomUUID()): Promise<string> {
  await service.schema.query(
    `INSERT INTO theme_rule (id, theme_code, theme_name, keywords, patterns, category_codes,
       enabled, updated_at, updated_by)
     VALUES ($1, $2, '矩阵', '{测试}', '{%测试%}', '{}', true, now(), 'seed')
     ON CONFLICT DO NOTHING`,
    [id, `matrix-${id.slice(0, 8)}`],
  );
  return id;
}

const token = (service: InProcessService) => async (role: Role, division: string) => ({
  token: await service.keys.token(role, division),
});

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('statistics'),
    'GET /api/v1/statistics/rates': get(`/api/v1/statistics/rates?${Q}&groupBy=division`),
    'GET /api/v1/statistics/volumes': get(`/api/v1/statistics/volumes?${Q}`),
    'GET /api/v1/statistics/suggestions': get(`/api/v1/statistics/suggestions?${Q}&groupBy=organ`),
    'GET /api/v1/statistics/leader-mailboxes': get(`/api/v1/statistics/leader-mailboxes?${Q}`),
    'GET /api/v1/statistics/hotspots': get(`/api/v1/statistics/hotspots?${Q}`),
    'GET /api/v1/statistics/warnings': get(
      `/api/v1/statistics/warnings?divisionCode=${RECORD_DIVISION}`,
    ),
    'POST /api/v1/statistics/warnings/:id/acknowledge': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: `/api/v1/statistics/warnings/${await seedWarning(service)}/acknowledge`,
      payload: {},
      recordDivision: RECORD_DIVISION,
    }),
    'POST /api/v1/statistics/warnings/:id/handling': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: `/api/v1/statistics/warnings/${await seedWarning(service)}/handling`,
      payload: { note: '已核查' },
      recordDivision: RECORD_DIVISION,
    }),
    'GET /api/v1/statistics/themes': get(`/api/v1/statistics/themes?${Q}`),
    'GET /api/v1/statistics/themes/trends': get(`/api/v1/statistics/themes/trends?${Q}`),
    'GET /api/v1/statistics/theme-rules': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/statistics/theme-rules',
    }),
    // Each allowed caller creates the same rule: the one before it is removed first.
    'POST /api/v1/statistics/theme-rules': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/statistics/theme-rules',
      payload: { themeCode: 'matrix-theme', themeName: '矩阵', keywords: ['矩阵'] },
      allowedStatus: 201,
      callerFor: async (role, division) => {
        await service.schema.query(`DELETE FROM theme_rule WHERE theme_code = 'matrix-theme'`);
        return token(service)(role, division);
      },
    }),
    'PUT /api/v1/statistics/theme-rules/:id': async (service) => ({
      kind: 'http',
      method: 'PUT',
      url: `/api/v1/statistics/theme-rules/${await seedRule(service)}`,
      payload: { themeCode: 'matrix-put', themeName: '矩阵', keywords: ['矩阵'] },
    }),
    // Each allowed caller deletes the same rule: it is put back first.
    'DELETE /api/v1/statistics/theme-rules/:id': async (service) => {
      const id = await seedRule(service);
      return {
        kind: 'http',
        method: 'DELETE',
        url: `/api/v1/statistics/theme-rules/${id}`,
        allowedStatus: 204,
        callerFor: async (role, division) => {
          await seedRule(service, id);
          return token(service)(role, division);
        },
      };
    },
    'GET /api/v1/statistics/digest': get(
      `/api/v1/statistics/digest?divisionCode=${RECORD_DIVISION}&month=2026-03`,
    ),
    'GET /api/v1/statistics/export': get(`/api/v1/statistics/export?table=volumes&${Q}`),
  },
);
