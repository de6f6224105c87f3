import { describe, expect, it } from 'vitest';
import { CHANNELS, INTEGRATOR_SCOPES, ROLES, TIMELINE_STEPS } from '@minsheng/contracts';
import { createAppI18n } from './index.js';

/** Every value the services may send has a label in both languages, not the raw key. */
describe('the labels of roles, channels, timeline steps and scopes', () => {
  const keys = [
    ...ROLES.map((r) => `roles.${r}`),
    ...CHANNELS.map((c) => `channels.${c}`),
    ...TIMELINE_STEPS.map((s) => `track.steps.${s}`),
    ...INTEGRATOR_SCOPES.map((s) => `admin.scopes.${s.replace(':', '_')}`),
  ];

  it.each(['zh-CN', 'en'] as const)('are all present in %s', (locale) => {
    const { t, te } = createAppI18n(locale).global;
    for (const key of keys) {
      expect(te(key, locale), key).toBe(true);
      expect(t(key)).not.toBe(key);
    }
  });

  it('call the observer 特邀监督员 and the leader mailbox channel 领导信箱', () => {
    const { t } = createAppI18n('zh-CN').global;
    expect(t('roles.observer')).toBe('特邀监督员');
    expect(t('channels.leader-mailbox')).toBe('领导信箱');
  });
});
