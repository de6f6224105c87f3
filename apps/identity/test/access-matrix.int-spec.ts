import { randomBytes } from 'node:crypto';
import type { Role } from '@minsheng/contracts';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type Caller,
  type InProcessService,
} from '@minsheng/service-harness';
import { CreateStaffAccountUseCase } from '../src/account/create-staff-account.use-case.js';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { STAFF_PASSWORD, totpFromUri } from './support/identity-test-kit.js';

const username = () => `matrix-${randomBytes(5).toString('hex')}`;
const randomIp = () => `10.${randomBytes(3).join('.')}`;

async function createAccount(service: InProcessService, roles: Role[], divisionCode: string) {
  const name = username();
  const created = await service.app
    .get(CreateStaffAccountUseCase)
    .execute(
      { username: name, displayName: '矩阵测试', password: STAFF_PASSWORD, roles, divisionCode },
      'bootstrap',
    );
  return { id: created.account.id, username: name, totp: totpFromUri(created.totpProvisioningUri) };
}

/** A real identity session for a staff member of this role: the session routes need one. */
function sessionCaller(service: InProcessService) {
  return async (role: Role, divisionCode: string): Promise<Caller> => {
    const account = await createAccount(service, [role], divisionCode);
    const response = await service.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': randomIp() },
      payload: {
        username: account.username,
        password: STAFF_PASSWORD,
        totpCode: account.totp.generate(),
      },
    });
    const body = response.json() as { accessToken: string; sessionId: string };
    return { token: body.accessToken, substitutions: { session: body.sessionId } };
  };
}

const accountIn510104 = async (service: InProcessService) =>
  (await createAccount(service, ['clerk'], '510104')).id;

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('identity'),
    'POST /api/v1/accounts': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/accounts',
      payload: {
        username: username(),
        displayName: '新建账号',
        password: STAFF_PASSWORD,
        roles: ['handler'],
        divisionCode: '510104',
      },
      allowedStatus: 201,
    }),
    'GET /api/v1/accounts': async () => ({ kind: 'http', method: 'GET', url: '/api/v1/accounts' }),
    'GET /api/v1/accounts/:id': async (service) => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/accounts/${await accountIn510104(service)}`,
      recordDivision: '510104',
    }),
    'PATCH /api/v1/accounts/:id': async (service) => ({
      kind: 'http',
      method: 'PATCH',
      url: `/api/v1/accounts/${await accountIn510104(service)}`,
      payload: { displayName: '改名' },
      recordDivision: '510104',
    }),
    'POST /api/v1/accounts/:id/reset-totp': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: `/api/v1/accounts/${await accountIn510104(service)}/reset-totp`,
      allowedStatus: 201,
      recordDivision: '510104',
    }),
    'DELETE /api/v1/accounts/:id/sessions': async (service) => ({
      kind: 'http',
      method: 'DELETE',
      url: `/api/v1/accounts/${await accountIn510104(service)}/sessions`,
      recordDivision: '510104',
    }),
    'POST /api/v1/auth/logout': async (service) => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/auth/logout',
      allowedStatus: 204,
      callerFor: sessionCaller(service),
    }),
    'GET /api/v1/auth/sessions': async (service) => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/auth/sessions',
      callerFor: sessionCaller(service),
    }),
    'DELETE /api/v1/auth/sessions/:id': async (service) => ({
      kind: 'http',
      method: 'DELETE',
      url: '/api/v1/auth/sessions/:session',
      allowedStatus: 204,
      callerFor: sessionCaller(service),
    }),
  },
);
