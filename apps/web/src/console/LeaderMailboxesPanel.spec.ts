import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ElMessageBox } from 'element-plus';
import type { LeaderMailboxAdminResponse, OrganResponse } from '@minsheng/contracts';
import { mountWithApp, settle } from '../testing/mount.js';
import LeaderMailboxesPanel from './LeaderMailboxesPanel.vue';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

const mailbox = (over: Partial<LeaderMailboxAdminResponse> = {}): LeaderMailboxAdminResponse => ({
  id: '510104-secretary',
  divisionCode: '510104',
  divisionName: '四川省成都市锦江区',
  post: 'party-secretary',
  title: '锦江区委书记信箱',
  leaderName: '王书记',
  teamOrganId: '510104-xfj',
  active: true,
  updatedAt: '2026-11-01T08:00:00.000Z',
  ...over,
});

const organ = (id: string, name: string): OrganResponse => ({
  id,
  name,
  kind: 'petition-office',
  divisionCode: id.slice(0, 6),
  parentId: null,
  active: true,
  updatedAt: '2026-11-01T08:00:00.000Z',
});

/**
 * complaint-intake's leader mailboxes as the browser reaches them under /api/complaint-intake
 * (the administrator's list has closed ones too), and petition's organs.
 */
function fakeServices({ organsDown = false } = {}) {
  const calls: Call[] = [];
  const stored = [
    mailbox(),
    mailbox({ id: '510104-mayor', post: 'government-head', title: '锦江区长信箱', active: false }),
  ];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ url, method, body });
      const json = (status: number, answer: unknown) =>
        new Response(JSON.stringify(answer), { status });
      const base = '/api/complaint-intake/v1/leader-mailboxes';
      if (url === `${base}/configured` && method === 'GET') {
        return json(200, { items: stored });
      }
      if (url === '/api/petition/v1/organs' && organsDown) {
        return json(502, { code: 'SERVICE_UNAVAILABLE', message: 'petition is down' });
      }
      if (url === '/api/petition/v1/organs') {
        return json(200, {
          items: [organ('510104-xfj', '锦江区信访局'), organ('510100-xfj', '成都市信访局')],
        });
      }
      if (url === base && method === 'POST') {
        if (stored.some((m) => m.id === body.id)) {
          return json(409, { code: 'MAILBOX_ID_TAKEN', message: '已有相同标识的领导信箱' });
        }
        if (!String(body.divisionCode).startsWith('5101')) {
          return json(400, {
            code: 'VALIDATION_FAILED',
            message: '只能配置本辖区的领导信箱',
            fields: [
              { path: 'divisionCode', code: 'VALIDATION_FAILED', message: '不在你的辖区内' },
            ],
          });
        }
        const created = mailbox({ ...body, divisionName: '四川省成都市', active: true });
        stored.push(created);
        return json(201, created);
      }
      const patched = stored.find((m) => url === `${base}/${m.id}`);
      if (patched && method === 'PATCH') {
        Object.assign(patched, body, { updatedAt: '2026-11-02T00:00:00.000Z' });
        return json(200, patched);
      }
      return json(404, { code: 'NOT_FOUND', message: '未找到该领导信箱' });
    }),
  );
  return calls;
}

async function mountPanel() {
  const wrapper = mountWithApp(LeaderMailboxesPanel, {
    attachTo: document.body,
    global: { stubs: { transition: false, 'transition-group': false } },
  });
  await vi.waitFor(() => expect(wrapper.text()).toContain('锦江区委书记信箱'));
  return wrapper;
}

const changes = (calls: Call[]) => calls.filter((c) => c.method === 'POST' || c.method === 'PATCH');
const table = (wrapper: VueWrapper) => wrapper.get('[data-testid="mailbox-table"]');
const button = (wrapper: VueWrapper, text: string) =>
  wrapper.findAll('button').find((b) => b.text() === text)!;

/** The error shown under the form item that holds `selector`. */
function errorAt(wrapper: VueWrapper, selector: string): string | undefined {
  const item = wrapper.findAll('.el-form-item').find((i) => i.find(selector).exists());
  const error = item?.find('.el-form-item__error');
  return error?.exists() ? error.text() : undefined;
}

async function fillNewMailbox(wrapper: VueWrapper, id: string, province: string, city: string) {
  await button(wrapper, '新增领导信箱').trigger('click');
  await vi.waitFor(() => expect(wrapper.find('[data-testid="mailbox-form"]').exists()).toBe(true));
  await wrapper.get('input[name="mailboxId"]').setValue(id);
  await wrapper.get('#mailbox-division-province').setValue(province);
  if (city) await wrapper.get('#mailbox-division-city').setValue(city);
  await wrapper.get('input[type="radio"][value="government-head"]').setValue(true);
  await wrapper.get('input[name="mailboxTitle"]').setValue('成都市长信箱');
  await wrapper.get('input[name="mailboxLeader"]').setValue('李市长');
  await vi.waitFor(() => expect(wrapper.find('select[name="mailboxTeam"]').exists()).toBe(true));
  await wrapper.get('select[name="mailboxTeam"]').setValue('510100-xfj');
}

describe('the leader mailboxes (领导信箱) panel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    document.body.innerHTML = '';
  });

  it('lists every mailbox of the jurisdiction, closed ones too, with post, division, team and state in words', async () => {
    const calls = fakeServices();
    const wrapper = await mountPanel();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain(
      'GET /api/complaint-intake/v1/leader-mailboxes/configured',
    );
    await vi.waitFor(() => expect(table(wrapper).text()).toContain('锦江区信访局'));
    const rows = table(wrapper).findAll('tbody tr');
    expect(rows).toHaveLength(2);
    const cells = rows.map((row) =>
      row
        .findAll('td')
        .map((td) => td.text())
        .slice(0, 6),
    );
    expect(cells).toEqual([
      ['锦江区委书记信箱', '王书记', '党委书记', '四川省成都市锦江区', '锦江区信访局', '开放'],
      [
        '锦江区长信箱',
        '王书记',
        expect.any(String),
        '四川省成都市锦江区',
        '锦江区信访局',
        '已关闭',
      ],
    ]);
    // A mailbox closed earlier can be reopened from here.
    expect(rows[1].findAll('button').map((b) => b.text())).toContain('重新开放');
  });

  it('sends nothing while the add form is incomplete, and says what is missing where', async () => {
    const calls = fakeServices();
    const wrapper = await mountPanel();
    await button(wrapper, '新增领导信箱').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mailbox-form"]').exists()).toBe(true),
    );
    await vi.waitFor(() => expect(wrapper.find('select[name="mailboxTeam"]').exists()).toBe(true));
    await wrapper.get('input[name="mailboxId"]').setValue('Bad Id');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect({
        id: errorAt(wrapper, 'input[name="mailboxId"]'),
        division: errorAt(wrapper, '#mailbox-division-province'),
        post: errorAt(wrapper, 'input[name="mailboxPost"]'),
        title: errorAt(wrapper, 'input[name="mailboxTitle"]'),
        leader: errorAt(wrapper, 'input[name="mailboxLeader"]'),
        team: errorAt(wrapper, 'select[name="mailboxTeam"]'),
      }).toEqual({
        id: '信箱标识应为 3–64 位小写字母、数字或 -',
        division: '请选择行政区划',
        post: '请选择领导职务',
        title: '请填写此项',
        leader: undefined,
        team: '请选择办理团队',
      }),
    );
    expect(changes(calls)).toEqual([]);
  });

  it('creates a city’s mailbox with the division picker and shows it with its team', async () => {
    const calls = fakeServices();
    const wrapper = await mountPanel();
    await fillNewMailbox(wrapper, '510100-mayor', '510000', '510100');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() => expect(table(wrapper).text()).toContain('成都市长信箱'));
    expect(changes(calls)).toEqual([
      {
        url: '/api/complaint-intake/v1/leader-mailboxes',
        method: 'POST',
        body: {
          id: '510100-mayor',
          divisionCode: '510100',
          post: 'government-head',
          title: '成都市长信箱',
          leaderName: '李市长',
          teamOrganId: '510100-xfj',
        },
      },
    ]);
    const row = table(wrapper)
      .findAll('tbody tr')
      .find((r) => r.text().includes('成都市长信箱'))!;
    expect(row.text()).toContain('成都市信访局');
    expect(row.text()).toContain('政府主要负责人');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mailbox-form"]').exists()).toBe(false),
    );
  });

  it('shows intake’s VALIDATION_FAILED under the field it names, and keeps the dialog open', async () => {
    const calls = fakeServices();
    const wrapper = await mountPanel();
    // 北京市: a real division, but not this administrator's.
    await fillNewMailbox(wrapper, '110000-mayor', '110000', '');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(errorAt(wrapper, '#mailbox-division-province')).toBe('不在你的辖区内'),
    );
    expect(changes(calls)).toHaveLength(1);
    expect(changes(calls)[0].body).toMatchObject({ divisionCode: '110000' });
    expect(errorAt(wrapper, 'input[name="mailboxId"]')).toBeUndefined();
    expect(wrapper.get('[data-testid="mailbox-form"]').isVisible()).toBe(true);
    expect(table(wrapper).text()).not.toContain('成都市长信箱');
  });

  it('shows MAILBOX_ID_TAKEN in Chinese under the mailbox id', async () => {
    fakeServices();
    const wrapper = await mountPanel();
    await fillNewMailbox(wrapper, '510104-secretary', '510000', '510100');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(errorAt(wrapper, 'input[name="mailboxId"]')).toBe(
        '已有相同标识的领导信箱，请换一个标识',
      ),
    );
    expect(errorAt(wrapper, '#mailbox-division-province')).toBeUndefined();
  });

  it('takes the team as a typed organ id when petition’s organ list is unavailable', async () => {
    fakeServices({ organsDown: true });
    const wrapper = await mountPanel();
    await button(wrapper, '新增领导信箱').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mailbox-form"]').exists()).toBe(true),
    );
    expect(wrapper.find('select[name="mailboxTeam"]').exists()).toBe(false);
    await wrapper.get('input[name="mailboxTeam"]').setValue('锦江区信访局');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() =>
      expect(errorAt(wrapper, 'input[name="mailboxTeam"]')).toBe(
        '单位标识应为“行政区划代码-字母数字”，如 510104-zjj',
      ),
    );
  });

  it('edits a mailbox by sending only what changed', async () => {
    const calls = fakeServices();
    const wrapper = await mountPanel();
    await button(wrapper, '修改').trigger('click');
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="mailbox-form"]').exists()).toBe(true),
    );
    expect(wrapper.get('input[name="mailboxId"]').attributes('disabled')).toBeDefined();
    await wrapper.get('input[name="mailboxLeader"]').setValue('张书记');
    await wrapper.get('[data-testid="mailbox-form"]').trigger('submit');
    await vi.waitFor(() => expect(table(wrapper).text()).toContain('张书记'));
    expect(changes(calls)).toEqual([
      {
        url: '/api/complaint-intake/v1/leader-mailboxes/510104-secretary',
        method: 'PATCH',
        body: { leaderName: '张书记' },
      },
    ]);
    // Intake answered the whole mailbox: its team is known from now on.
    expect(table(wrapper).text()).toContain('锦江区信访局');
  });

  it('closes nothing when the confirmation is cancelled, and closes the mailbox once confirmed', async () => {
    const calls = fakeServices();
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel');
    const wrapper = await mountPanel();
    await button(wrapper, '关闭信箱').trigger('click');
    await settle();
    expect(changes(calls)).toEqual([]);
    expect(confirm).toHaveBeenCalledWith(
      expect.stringContaining('群众将不能再给“锦江区委书记信箱”写信'),
      '领导信箱',
      expect.anything(),
    );
    confirm.mockResolvedValueOnce('confirm' as never);
    await button(wrapper, '关闭信箱').trigger('click');
    await vi.waitFor(() => expect(button(wrapper, '关闭信箱')).toBeUndefined());
    expect(changes(calls)).toEqual([
      {
        url: '/api/complaint-intake/v1/leader-mailboxes/510104-secretary',
        method: 'PATCH',
        body: { active: false },
      },
    ]);
    // Closed, it stays in the list, to reopen.
    expect(table(wrapper).text()).toContain('锦江区委书记信箱');
    expect(button(wrapper, '重新开放')).toBeDefined();
    expect(button(wrapper, '关闭信箱')).toBeUndefined();
  });
});
