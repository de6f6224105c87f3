import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { ComplaintStatusResponse } from '@minsheng/contracts';
import { mountWithApp, settle } from '../testing/mount.js';
import TrackPage from './TrackPage.vue';

const suggestion = (over: Partial<ComplaintStatusResponse> = {}): ComplaintStatusResponse => ({
  trackingCode: 'T2026SUGGST',
  status: 'concluded',
  statusText: '已办结',
  kind: 'suggestion',
  category: { code: '0101', name: '道路交通' },
  title: '建议增设公交线路',
  divisionCode: '510104',
  petitionNumber: 'XF510104-2026-000123',
  submittedAt: '2026-09-01T02:00:00.000Z',
  repliedAt: '2026-10-01T02:00:00.000Z',
  attachments: [],
  rating: null,
  reviewRequestedAt: null,
  timeline: [
    { step: 'submitted', status: 'submitted', at: '2026-09-01T02:00:00.000Z', note: '已收到。' },
    {
      step: 'suggestion-study',
      status: 'accepted',
      at: '2026-09-10T02:00:00.000Z',
      note: '您的建议已列入研究。',
    },
    {
      step: 'suggestion-decided',
      status: 'concluded',
      at: '2026-10-01T02:00:00.000Z',
      note: '您的建议已被采纳。',
    },
  ],
  ...over,
});

async function lookUp(answer: ComplaintStatusResponse) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(answer), { status: 200 })),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }],
  });
  await router.push('/track?code=T2026SUGGST');
  const wrapper = mountWithApp(TrackPage, { global: { plugins: [router] } });
  await wrapper.get('input[name="queryCode"]').setValue('Q7K2M9');
  await wrapper.get('form').trigger('submit');
  await vi.waitFor(() => expect(wrapper.find('[data-testid="timeline"]').exists()).toBe(true));
  await settle();
  return wrapper;
}

describe('the track page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('labels each timeline step, the suggestion steps included', async () => {
    const wrapper = await lookUp(suggestion());
    expect(wrapper.findAll('[data-testid="timeline-step"]').map((s) => s.text())).toEqual([
      '已提交',
      '列入研究',
      '采纳情况',
    ]);
  });

  it('shows how an adopted suggestion ended: what it became, its reference and date', async () => {
    const wrapper = await lookUp(
      suggestion({
        suggestionOutcome: {
          outcome: 'adopted',
          outcomeText: '已采纳',
          organName: '成都市交通运输局',
          adoption: {
            form: 'measure',
            formText: '工作措施',
            title: '关于优化锦江区东部公交线网的通知',
            reference: '成交发〔2026〕12号',
            adoptedOn: '2026-09-28',
          },
          summary: '已新开 2 条线路。',
          reason: null,
          decidedAt: '2026-10-01T02:00:00.000Z',
        },
      }),
    );
    const outcome = wrapper.get('[data-testid="suggestion-outcome"]').text();
    for (const shown of [
      '建议采纳情况',
      '已采纳',
      '成都市交通运输局',
      '工作措施',
      '关于优化锦江区东部公交线网的通知',
      '成交发〔2026〕12号',
      '已新开 2 条线路。',
    ]) {
      expect(outcome).toContain(shown);
    }
    expect(outcome).not.toContain('理由');
  });

  it('shows the reason of a suggestion not adopted, and nothing of an adoption', async () => {
    const wrapper = await lookUp(
      suggestion({
        suggestionOutcome: {
          outcome: 'not-adopted',
          outcomeText: '未采纳',
          organName: null,
          adoption: null,
          summary: null,
          reason: '该路段已有地铁覆盖。',
          decidedAt: '2026-10-01T02:00:00.000Z',
        },
      }),
    );
    const outcome = wrapper.get('[data-testid="suggestion-outcome"]').text();
    expect(outcome).toContain('未采纳');
    expect(outcome).toContain('该路段已有地铁覆盖。');
    expect(outcome).not.toContain('文号');
  });

  it('shows no outcome section while the suggestion is undecided (or the field is absent)', async () => {
    expect(
      (await lookUp(suggestion({ suggestionOutcome: null })))
        .find('[data-testid="suggestion-outcome"]')
        .exists(),
    ).toBe(false);
    expect((await lookUp(suggestion())).find('[data-testid="suggestion-outcome"]').exists()).toBe(
      false,
    );
  });
});
