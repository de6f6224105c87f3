import { afterEach, describe, expect, it, vi } from 'vitest';
import { ElMessageBox } from 'element-plus';
import type { IntegratorClientResponse } from '@minsheng/contracts';
import { mountWithApp, settle } from '../testing/mount.js';
import IntegratorClientsPanel from './IntegratorClientsPanel.vue';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

const client = (over: Partial<IntegratorClientResponse> = {}): IntegratorClientResponse => ({
  clientId: 'ic-chengdu-12345',
  name: '成都 12345 热线',
  scopes: ['complaints:submit', 'complaints:read'],
  allowedDivisions: ['510100'],
  rateLimitPerMinute: 600,
  status: 'active',
  createdAt: '2026-11-01T08:00:00.000Z',
  secretRotatedAt: '2026-11-01T08:00:00.000Z',
  disabledAt: null,
  ...over,
});

/** exchange-gateway's client administration, as the browser reaches it under /exchange. */
function fakeGateway() {
  const calls: Call[] = [];
  const clients = [client()];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, method, body });
      const json = (status: number, answer: unknown) =>
        new Response(JSON.stringify(answer), { status });
      if (url === '/exchange/v1/admin/clients' && method === 'GET') return json(200, clients);
      if (url === '/exchange/v1/admin/clients') {
        const created = client({ clientId: 'ic-new', name: body.name, scopes: body.scopes });
        clients.push(created);
        return json(201, {
          ...created,
          credentials: { clientId: 'ic-new', secret: 'S3CRET-once', open311ApiKey: null },
        });
      }
      if (url.endsWith('/rotate-secret')) {
        return json(201, {
          clientId: 'ic-chengdu-12345',
          secret: 'ROTATED-once',
          open311ApiKey: 'o311-key',
        });
      }
      if (url.endsWith('/disable')) {
        clients[0] = client({ status: 'disabled', disabledAt: '2026-11-02T00:00:00.000Z' });
        return json(201, clients[0]);
      }
      return json(404, { code: 'NOT_FOUND', message: 'not found' });
    }),
  );
  return calls;
}

async function mountPanel() {
  const wrapper = mountWithApp(IntegratorClientsPanel, {
    attachTo: document.body,
    global: { stubs: { transition: false, 'transition-group': false } },
  });
  await vi.waitFor(() => expect(wrapper.text()).toContain('成都 12345 热线'));
  return wrapper;
}

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

describe('the integrator clients (接入方) panel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('lists the clients from /exchange/v1/admin/clients with their scopes in words', async () => {
    const calls = fakeGateway();
    const wrapper = await mountPanel();
    expect(calls[0]).toMatchObject({ url: '/exchange/v1/admin/clients', method: 'GET' });
    const table = wrapper.get('[data-testid="client-table"]').text();
    expect(table).toContain('ic-chengdu-12345');
    expect(table).toContain('提交诉求、查询本方提交的事项');
    expect(table).toContain('启用');
  });

  it('registers nothing while the form is incomplete, and says what is missing', async () => {
    const calls = fakeGateway();
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.findAll('.el-form-item__error').map((e) => e.text())).toEqual([
        '请填写此项',
        '请至少选择一项权限',
        '请至少填写一个行政区划代码',
      ]),
    );
    expect(posts(calls)).toEqual([]);
  });

  it('registers a client and shows its secret once, with a copy button and the warning', async () => {
    const calls = fakeGateway();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = await mountPanel();
    await wrapper.get('input[name="clientName"]').setValue('锦江区网格平台');
    await wrapper.get('input[type="checkbox"][value="complaints:submit"]').setValue(true);
    await wrapper.get('input[name="clientDivisions"]').setValue('510104');
    expect(wrapper.get('[data-testid="client-division-names"]').text()).toContain('锦江区');
    await wrapper.get('[data-testid="client-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="client-secret"]').exists()).toBe(true),
    );
    expect(posts(calls)).toEqual([
      {
        url: '/exchange/v1/admin/clients',
        method: 'POST',
        body: {
          name: '锦江区网格平台',
          scopes: ['complaints:submit'],
          allowedDivisions: ['510104'],
          rateLimitPerMinute: 600,
        },
      },
    ]);
    const shown = wrapper.get('[data-testid="client-credentials"]');
    expect(shown.get('[data-testid="client-secret"]').text()).toBe('S3CRET-once');
    expect(shown.text()).toContain('密钥只显示这一次');
    const copySecret = shown.findAll('button').find((b) => b.classes('el-button--primary'));
    await copySecret!.trigger('click');
    expect(writeText).toHaveBeenCalledWith('S3CRET-once');
    // Once dismissed, the secret is gone from the page for good.
    await shown.findAll('button').at(-1)!.trigger('click');
    expect(wrapper.text()).not.toContain('S3CRET-once');
  });

  it('rotates a secret after confirmation and shows the new one with the Open311 key', async () => {
    const calls = fakeGateway();
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never);
    const wrapper = await mountPanel();
    const rotate = wrapper.findAll('button').find((b) => b.text() === '更换密钥');
    await rotate!.trigger('click');
    await vi.waitFor(() => expect(wrapper.text()).toContain('ROTATED-once'));
    expect(confirm).toHaveBeenCalledWith(
      expect.stringContaining('旧密钥立即失效'),
      '接入方',
      expect.anything(),
    );
    expect(posts(calls).map((c) => c.url)).toEqual([
      '/exchange/v1/admin/clients/ic-chengdu-12345/rotate-secret',
    ]);
    expect(wrapper.text()).toContain('o311-key');
  });

  it('disables nothing when the confirmation is cancelled, and disables once confirmed', async () => {
    const calls = fakeGateway();
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel');
    const wrapper = await mountPanel();
    const disable = () => wrapper.findAll('button').find((b) => b.text() === '停用')!;
    await disable().trigger('click');
    await settle();
    expect(posts(calls)).toEqual([]);
    confirm.mockResolvedValueOnce('confirm' as never);
    await disable().trigger('click');
    await vi.waitFor(() => expect(wrapper.text()).toContain('已停用'));
    expect(posts(calls).map((c) => c.url)).toEqual([
      '/exchange/v1/admin/clients/ic-chengdu-12345/disable',
    ]);
    // A disabled client offers no further actions.
    expect(wrapper.findAll('button').some((b) => b.text() === '更换密钥')).toBe(false);
  });
});
