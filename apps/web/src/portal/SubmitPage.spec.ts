import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountWithApp, settle } from '../testing/mount.js';
import SubmitPage from './SubmitPage.vue';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** intake as the browser sees it through the proxy: categories, captcha, the submission. */
function fakeIntake(
  submitStatus = 201,
  submitBody: unknown = { trackingCode: 'T2026ABCDEF', queryCode: 'Q7K2M9', status: 'submitted' },
) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        headers: (init.headers ?? {}) as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      if (url.startsWith('/api/complaint-intake/v1/categories')) {
        return json(200, {
          categories: [
            { code: '01', name: '城乡建设', children: [{ code: '0101', name: '道路交通' }] },
          ],
        });
      }
      if (url.startsWith('/api/complaint-intake/v1/captcha')) {
        return json(200, {
          captchaId: '7d7b1c1e-0000-4000-8000-000000000001',
          image: 'data:image/svg+xml,<svg/>',
          expiresInSeconds: 300,
        });
      }
      return json(submitStatus, submitBody);
    }),
  );
  return calls;
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'track', component: { template: '<div/>' } }],
  });
  const wrapper = mountWithApp(SubmitPage, {
    global: { plugins: [router], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  });
  await settle();
  return wrapper;
}

async function fill(wrapper: Awaited<ReturnType<typeof mountPage>>) {
  await wrapper.get('input[name="name"]').setValue('张三');
  await wrapper.get('input[name="idNumber"]').setValue('510104199003071237');
  await wrapper.get('input[name="phone"]').setValue('13800138000');
  await wrapper.get('#division-province').setValue('510000');
  await wrapper.get('#division-city').setValue('510100');
  await wrapper.get('#division-county').setValue('510104');
  await wrapper.get('#category').setValue('0101');
  await wrapper.get('input[name="title"]').setValue('小区门口道路坑洼');
  await wrapper.get('textarea[name="content"]').setValue('雨天积水，老人出行不便。');
  await wrapper.get('input[name="captchaAnswer"]').setValue('ab12');
}

const errorsOf = (wrapper: Awaited<ReturnType<typeof mountPage>>) =>
  wrapper.findAll('.el-form-item__error').map((e) => e.text());

const submit = async (wrapper: Awaited<ReturnType<typeof mountPage>>) => {
  await wrapper.get('form').trigger('submit');
  for (let i = 0; i < 5; i++) await settle();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

describe('the complaint submit page', () => {
  beforeEach(() => {
    vi.stubGlobal('crypto', {
      ...globalThis.crypto,
      randomUUID: () => 'a1b2c3d4-0000-4000-8000-00000000abcd',
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('loads the categories and a captcha, and offers the categories grouped', async () => {
    fakeIntake();
    const wrapper = await mountPage();
    expect(wrapper.find('#category optgroup[label="城乡建设"] option[value="0101"]').exists()).toBe(
      true,
    );
    expect(wrapper.find('img.captcha').attributes('src')).toContain('data:image/svg+xml');
  });

  it('sends nothing while a required field is missing, and says which', async () => {
    const calls = fakeIntake();
    const wrapper = await mountPage();
    await submit(wrapper);
    await vi.waitFor(() => {
      const errors = errorsOf(wrapper);
      expect(errors).toContain('请填写此项');
      expect(errors).toContain('请选择问题发生地');
    });
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
  });

  it('submits the complaint once, with an idempotency key, and shows both codes with the keep-them instruction', async () => {
    const calls = fakeIntake();
    const wrapper = await mountPage();
    await fill(wrapper);
    await submit(wrapper);
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="tracking-code"]').exists()).toBe(true),
    );
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe('/api/complaint-intake/v1/complaints');
    expect(posts[0].headers['idempotency-key']).toBe('a1b2c3d4-0000-4000-8000-00000000abcd');
    expect(posts[0].body).toMatchObject({
      petitioner: { name: '张三', idNumber: '510104199003071237', phone: '13800138000' },
      divisionCode: '510104',
      categoryCode: '0101',
      captchaId: '7d7b1c1e-0000-4000-8000-000000000001',
      captchaAnswer: 'ab12',
    });
    expect(wrapper.get('[data-testid="tracking-code"]').text()).toBe('T2026ABCDEF');
    expect(wrapper.get('[data-testid="query-code"]').text()).toBe('Q7K2M9');
    expect(wrapper.text()).toContain('查询码只显示这一次');
  });

  it('shows intake’s refusal under the field at fault and keeps the form', async () => {
    fakeIntake(400, {
      code: 'INVALID_ID_NUMBER',
      message: '身份证号码无效',
      fields: [
        {
          path: 'petitioner.idNumber',
          code: 'INVALID_ID_NUMBER',
          message: '身份证号码无效（服务端）',
        },
      ],
    });
    const wrapper = await mountPage();
    await fill(wrapper);
    await submit(wrapper);
    await vi.waitFor(() => expect(errorsOf(wrapper)).toContain('身份证号码无效（服务端）'));
    expect(wrapper.find('[data-testid="tracking-code"]').exists()).toBe(false);
  });
});
