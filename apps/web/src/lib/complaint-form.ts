import type { SubmitComplaintRequest } from '@minsheng/contracts';
import * as check from './validation.js';

/** What the submit form edits (flat, one field per input). */
export interface ComplaintForm {
  name: string;
  idNumber: string;
  phone: string;
  divisionCode: string;
  kind: 'suggestion' | 'accusation' | 'appeal';
  categoryCode: string;
  title: string;
  content: string;
  address: string;
  replyPublicConsent: boolean;
  captchaAnswer: string;
}

export const emptyComplaintForm = (): ComplaintForm => ({
  name: '',
  idNumber: '',
  phone: '',
  divisionCode: '',
  kind: 'appeal',
  categoryCode: '',
  title: '',
  content: '',
  address: '',
  replyPublicConsent: false,
  captchaAnswer: '',
});

/** The checks of each field: the same limits as the contract's submitComplaintRequestSchema. */
export const COMPLAINT_CHECKS: Partial<Record<keyof ComplaintForm, check.Check>> = {
  name: check.citizenText(50),
  idNumber: check.idNumber,
  phone: check.mobile,
  divisionCode: check.complaintDivision,
  categoryCode: check.required,
  title: check.citizenText(100),
  content: check.citizenText(5000),
  address: check.citizenText(200, false),
};

/** Every field at fault, with its message key; empty when the form can be sent. */
export function validateComplaint(
  form: ComplaintForm,
): Partial<Record<keyof ComplaintForm, string>> {
  const faults: Partial<Record<keyof ComplaintForm, string>> = {};
  for (const [field, run] of Object.entries(COMPLAINT_CHECKS) as [
    keyof ComplaintForm,
    check.Check,
  ][]) {
    const key = run(form[field]);
    if (key) faults[field] = key;
  }
  return faults;
}

/** The request body intake takes (the captcha only when one was shown). */
export function toSubmitRequest(
  form: ComplaintForm,
  captchaId: string | null,
): Omit<SubmitComplaintRequest, 'replyPublicConsent'> & { replyPublicConsent: boolean } {
  return {
    petitioner: {
      name: form.name.trim(),
      idNumber: form.idNumber.trim().toUpperCase(),
      phone: form.phone.trim(),
    },
    divisionCode: form.divisionCode,
    kind: form.kind,
    categoryCode: form.categoryCode,
    title: form.title.trim(),
    content: form.content,
    ...(form.address.trim() ? { address: form.address.trim() } : {}),
    replyPublicConsent: form.replyPublicConsent,
    ...(captchaId ? { captchaId, captchaAnswer: form.captchaAnswer.trim() } : {}),
  };
}

/** A field path in intake's error (`petitioner.idNumber`) → the form's field. */
export function formFieldOf(path: string): keyof ComplaintForm | null {
  const field = path.replace(/^petitioner\./, '');
  if (field === 'captchaId') return 'captchaAnswer';
  return field in emptyComplaintForm() ? (field as keyof ComplaintForm) : null;
}
