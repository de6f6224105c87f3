import { describe, expect, it } from 'vitest';
import {
  emptyComplaintForm,
  formFieldOf,
  toSubmitRequest,
  validateComplaint,
} from './complaint-form.js';

const valid = () => ({
  ...emptyComplaintForm(),
  name: ' 张三 ',
  idNumber: '51010419900307100x',
  phone: '13800138000',
  divisionCode: '510104',
  categoryCode: '0101',
  title: '小区门口道路坑洼',
  content: '雨天积水，老人出行不便。',
});

describe('the complaint form', () => {
  it('accepts a complete form', () => {
    expect(validateComplaint(valid())).toEqual({});
  });

  it('names every required field left blank', () => {
    expect(Object.keys(validateComplaint(emptyComplaintForm())).sort()).toEqual(
      ['categoryCode', 'content', 'divisionCode', 'idNumber', 'name', 'phone', 'title'].sort(),
    );
  });

  it('refuses a wrong ID check digit, a landline and a province-level division', () => {
    const faults = validateComplaint({
      ...valid(),
      idNumber: '510104199003071231',
      phone: '02812345678',
      divisionCode: '510000',
    });
    expect(faults).toEqual({
      idNumber: 'validation.idNumber',
      phone: 'validation.mobile',
      divisionCode: 'validation.divisionTooCoarse',
    });
  });

  it('refuses a city that has counties, blank text, control characters and an over-long title', () => {
    const faults = validateComplaint({
      ...valid(),
      divisionCode: '510100',
      content: '   ',
      name: 'a\u0000b',
      title: '长'.repeat(101),
    });
    expect(faults).toEqual({
      divisionCode: 'validation.divisionTooCoarse',
      content: 'validation.required',
      name: 'validation.badCharacters',
      title: 'validation.tooLong',
    });
  });

  it('builds intake’s request: trimmed, upper-case X, no blank address, captcha only when shown', () => {
    const form = { ...valid(), captchaAnswer: ' ab12 ' };
    expect(toSubmitRequest(form, null)).toEqual({
      petitioner: { name: '张三', idNumber: '51010419900307100X', phone: '13800138000' },
      divisionCode: '510104',
      kind: 'appeal',
      categoryCode: '0101',
      title: '小区门口道路坑洼',
      content: '雨天积水，老人出行不便。',
      replyPublicConsent: false,
    });
    const withCaptcha = toSubmitRequest(
      { ...form, address: '红星路 1 号' },
      'c0ffee00-0000-4000-8000-000000000000',
    );
    expect(withCaptcha).toMatchObject({
      address: '红星路 1 号',
      captchaId: 'c0ffee00-0000-4000-8000-000000000000',
      captchaAnswer: 'ab12',
    });
  });

  it('maps intake’s field paths back to the form’s inputs', () => {
    expect(formFieldOf('petitioner.idNumber')).toBe('idNumber');
    expect(formFieldOf('divisionCode')).toBe('divisionCode');
    expect(formFieldOf('captchaId')).toBe('captchaAnswer');
    expect(formFieldOf('attachments.0')).toBeNull();
  });
});
