import { makeMobileNumber, makeResidentIdNumber } from '@minsheng/testing';

let sequence = 0;

/** A valid complaint body; each call has its own petitioner unless one is given. */
export function complaintBody<T extends Record<string, unknown> = Record<never, never>>(
  overrides: T = {} as T,
) {
  sequence++;
  const base = {
    petitioner: {
      name: '张三',
      idNumber: makeResidentIdNumber('510104', '19900307', (process.pid * 7 + sequence) % 1000),
      phone: makeMobileNumber(),
    },
    divisionCode: '510104',
    kind: 'appeal',
    categoryCode: '0303',
    title: '小区门口道路坑洼',
    content: '锦江区某小区门口道路坑洼不平，雨天积水严重，老人孩子出行不便。',
  };
  return { ...base, ...overrides } as Omit<typeof base, keyof T> & T;
}
