import {
  organChangedEvent,
  organDirectoryAnnouncedEvent,
  type OrganRecord,
} from '@minsheng/contracts';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import {
  publish,
  registerClient,
  signed,
  startGateway,
  type TestClient,
} from './integrator-test-kit.js';

const organ = (
  id: string,
  divisionCode: string,
  overrides: Partial<OrganRecord> = {},
): OrganRecord => ({
  organId: id,
  name: `${id} 单位`,
  kind: 'department',
  divisionCode,
  parentId: null,
  active: true,
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

describe('exchange integrator API: the organ directory, a copy fed by petition’s organ events', () => {
  let gateway: InProcessService;
  let client: TestClient;

  beforeAll(async () => {
    gateway = await startGateway();
    client = await registerClient(gateway, {
      scopes: ['directory:read'],
      allowedDivisions: ['510104', '510105'],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const organIds = async (url: string) => {
    const response = await signed(gateway, client, 'GET', url);
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ id: string }>).map((o) => o.id);
  };

  it('lists the active organs of the client’s divisions from petition’s announced directory', async () => {
    await publish(
      gateway,
      organDirectoryAnnouncedEvent,
      {
        organs: [
          organ('510104-zjj', '510104', { name: '锦江区住房和城乡建设局' }),
          organ('510104-old', '510104', { active: false }),
          organ('510105-jyj', '510105'),
          organ('510106-zjj', '510106'),
        ],
        announcedAt: new Date().toISOString(),
      },
      '510000',
    );
    await waitFor(async () => (await organIds('/exchange/v1/organs')).length === 2, {
      what: 'the announced directory',
    });
    expect(await organIds('/exchange/v1/organs')).toEqual(['510104-zjj', '510105-jyj']);
    expect(await organIds('/exchange/v1/organs?divisionCode=510105')).toEqual(['510105-jyj']);
    const one = await signed(gateway, client, 'GET', '/exchange/v1/organs?divisionCode=510104');
    expect(one.body.items[0]).toEqual({
      id: '510104-zjj',
      name: '锦江区住房和城乡建设局',
      kind: 'department',
      divisionCode: '510104',
      parentId: null,
    });
  });

  it('applies a later change, and never lets an older snapshot undo it', async () => {
    await publish(
      gateway,
      organChangedEvent,
      organ('510104-zjj', '510104', { active: false, updatedAt: '2026-11-20T00:00:00.000Z' }),
    );
    await waitFor(
      async () =>
        !(await organIds('/exchange/v1/organs?divisionCode=510104')).includes('510104-zjj'),
      { what: 'the deactivation' },
    );
    await publish(
      gateway,
      organDirectoryAnnouncedEvent,
      {
        organs: [organ('510104-zjj', '510104'), organ('510104-new', '510104')],
        announcedAt: new Date().toISOString(),
      },
      '510000',
    );
    await waitFor(
      async () =>
        (await organIds('/exchange/v1/organs?divisionCode=510104')).includes('510104-new'),
      { what: 'the second snapshot' },
    );
    expect(await organIds('/exchange/v1/organs?divisionCode=510104')).toEqual(['510104-new']);
  });

  it('refuses a division outside the client’s, an unknown one, and a client without the scope', async () => {
    const outside = await signed(gateway, client, 'GET', '/exchange/v1/organs?divisionCode=510106');
    expect([outside.status, outside.body.code]).toEqual([403, 'INTEGRATOR_DIVISION_NOT_ALLOWED']);
    const unknown = await signed(gateway, client, 'GET', '/exchange/v1/organs?divisionCode=519999');
    expect([unknown.status, unknown.body.code]).toEqual([400, 'UNKNOWN_DIVISION']);
    const bad = await signed(gateway, client, 'GET', '/exchange/v1/organs?divisionCode=abc');
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const other = await registerClient(gateway, { scopes: ['complaints:read'] });
    const noScope = await signed(gateway, other, 'GET', '/exchange/v1/organs');
    expect([noScope.status, noScope.body.code]).toEqual([403, 'INTEGRATOR_SCOPE_MISSING']);
  });
});
