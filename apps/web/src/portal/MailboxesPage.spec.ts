import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { LeaderMailboxResponse } from '@minsheng/contracts';
import { mountWithApp, settle } from '../testing/mount.js';
import MailboxesPage from './MailboxesPage.vue';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

const MAILBOX: LeaderMailboxResponse = {
  id: 'sc-party-secretary',
  divisionCode: '510000',
  divisionName: '四川省',
  post: 'party-secretary',
  title: '四川省委书记信箱',
  leaderName: null,
};

/** intake's public mailbox list and addressed door, categories and captcha. */
function fakeIntake(items: LeaderMailboxResponse[] = [MAILBOX]) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), { status });
      if (url === '/api/complaint-intake/v1/leader-mailboxes') return json(200, { items });
      if (url.startsWith('/api/complaint-intake/v1/categories')) {
        return json(200, {
          categories: [
            { code: '01', name: '城乡建设', children: [{ code: '0101', name: '道路交通' }] },
          ],
        });
      }
      if (url.startsWith('/api/complaint-intake/v1/captcha')) return json(503, {});
      return json(201, { trackingCode: 'T2026MAILBX', queryCode: 'Q9M8N7', status: 'submitted' });
    }),
  );
  return calls;
}

async function mountAt(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/mailboxes', name: 'mailboxes', component: { template: '<div/>' } },
      { path: '/track', name: 'track', component: { template: '<div/>' } },
    ],
  });
  await router.push(path);
  const wrapper = mountWithApp(MailboxesPage, {
    global: { plugins: [router], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  });
  for (let i = 0; i < 3; i++) await settle();
  return { wrapper, router };
}

describe('the leader mailboxes (领导信箱) page', () => {
  beforeEach(() => {
    vi.stubGlobal('crypto', { ...globalThis.crypto, randomUUID: () => 'key-1' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the open mailboxes with the leader’s post and a way to write', async () => {
    fakeIntake();
    const { wrapper } = await mountAt('/mailboxes');
    const list = wrapper.get('[data-testid="mailboxes"]');
    expect(list.text()).toContain('四川省委书记信箱');
    expect(list.text()).toContain('四川省 · 党委书记');
    expect(list.get('a').attributes('href')).toBe('/mailboxes?to=sc-party-secretary');
  });

  it('says so when no mailbox is open', async () => {
    fakeIntake([]);
    const { wrapper } = await mountAt('/mailboxes');
    expect(wrapper.text()).toContain('暂无开放的领导信箱');
  });

  it('says a mailbox that is not open cannot be written to', async () => {
    fakeIntake();
    const { wrapper } = await mountAt('/mailboxes?to=closed-one');
    expect(wrapper.get('[role="alert"]').text()).toBe('该信箱不存在或已关闭。');
    expect(wrapper.find('form').exists()).toBe(false);
  });

  it('sends the submit form to the addressed mailbox and shows the same two codes', async () => {
    const calls = fakeIntake();
    const { wrapper } = await mountAt('/mailboxes?to=sc-party-secretary');
    expect(wrapper.get('h1').text()).toBe('给四川省委书记信箱写信');
    expect(wrapper.get('[data-testid="mailbox-scope"]').text()).toBe('受理四川省范围内的事项');
    // The division picker opens at the leader's province.
    expect((wrapper.get('#division-province').element as HTMLSelectElement).value).toBe('510000');
    await wrapper.get('input[name="name"]').setValue('张三');
    await wrapper.get('input[name="idNumber"]').setValue('510104199003071237');
    await wrapper.get('input[name="phone"]').setValue('13800138000');
    await wrapper.get('#division-city').setValue('510100');
    await wrapper.get('#division-county').setValue('510104');
    await wrapper.get('#category').setValue('0101');
    await wrapper.get('input[name="title"]').setValue('建议增设公交线路');
    await wrapper.get('textarea[name="content"]').setValue('锦江区东部缺少公交，建议增设。');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="tracking-code"]').exists()).toBe(true),
    );
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe(
      '/api/complaint-intake/v1/leader-mailboxes/sc-party-secretary/complaints',
    );
    expect(posts[0].body).toMatchObject({ divisionCode: '510104', title: '建议增设公交线路' });
    expect(wrapper.get('[data-testid="tracking-code"]').text()).toBe('T2026MAILBX');
    expect(wrapper.get('[data-testid="query-code"]').text()).toBe('Q9M8N7');
  });
});
