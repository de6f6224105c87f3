import { describe, expect, it } from 'vitest';
import { mountWithApp } from '../testing/mount.js';
import DivisionPicker from './DivisionPicker.vue';

function picker(modelValue = '') {
  return mountWithApp(DivisionPicker, { props: { modelValue, idPrefix: 'd' } });
}
const emitted = (wrapper: ReturnType<typeof picker>) =>
  (wrapper.emitted('update:modelValue') ?? []).map(([code]) => code);

describe('DivisionPicker', () => {
  it('emits the county once province, city and county are chosen', async () => {
    const wrapper = picker();
    await wrapper.get('#d-province').setValue('510000');
    await wrapper.get('#d-city').setValue('510100');
    expect(emitted(wrapper)).toEqual([]);
    await wrapper.get('#d-county').setValue('510104');
    expect(emitted(wrapper)).toEqual(['510104']);
  });

  it('offers only the chosen province’s cities and the chosen city’s counties', async () => {
    const wrapper = picker();
    expect(wrapper.get('#d-city').attributes('disabled')).toBeDefined();
    await wrapper.get('#d-province').setValue('510000');
    const cities = wrapper.findAll('#d-city option').map((o) => o.text());
    expect(cities).toContain('成都市');
    expect(cities).not.toContain('广州市');
    await wrapper.get('#d-city').setValue('510100');
    const counties = wrapper.findAll('#d-county option').map((o) => o.text());
    expect(counties).toContain('锦江区');
    expect(counties).not.toContain('东城区');
  });

  it('takes a city without counties (东莞市) as complete, and keeps its county list disabled', async () => {
    const wrapper = picker();
    await wrapper.get('#d-province').setValue('440000');
    await wrapper.get('#d-city').setValue('441900');
    expect(emitted(wrapper)).toEqual(['441900']);
    expect(wrapper.get('#d-county').attributes('disabled')).toBeDefined();
  });

  it('with any-tier, takes the province or the city as chosen so far', async () => {
    const wrapper = mountWithApp(DivisionPicker, {
      props: { modelValue: '', idPrefix: 'd', anyTier: true },
    });
    await wrapper.get('#d-province').setValue('510000');
    await wrapper.get('#d-city').setValue('510100');
    await wrapper.get('#d-county').setValue('510104');
    await wrapper.get('#d-county').setValue('');
    expect(emitted(wrapper)).toEqual(['510000', '510100', '510104', '510100']);
  });

  it('clears the value when a different province is chosen after a county', async () => {
    const wrapper = picker('510104');
    expect((wrapper.get('#d-province').element as HTMLSelectElement).value).toBe('510000');
    expect((wrapper.get('#d-city').element as HTMLSelectElement).value).toBe('510100');
    expect((wrapper.get('#d-county').element as HTMLSelectElement).value).toBe('510104');
    await wrapper.get('#d-province').setValue('110000');
    expect(emitted(wrapper)).toEqual(['']);
    expect((wrapper.get('#d-city').element as HTMLSelectElement).value).toBe('');
  });

  it('labels every select for screen readers', () => {
    const wrapper = picker();
    for (const part of ['province', 'city', 'county']) {
      expect(wrapper.find(`label[for="d-${part}"]`).text()).not.toBe('');
    }
  });
});
