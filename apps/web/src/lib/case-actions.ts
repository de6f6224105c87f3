import {
  LEGAL_ROUTES,
  PETITION_TRANSITIONS,
  type PetitionActionType,
  type PetitionStatus,
} from '@minsheng/domain';
import type { Role } from '@minsheng/contracts';

export type FieldKind = 'organ' | 'organs' | 'text' | 'textarea' | 'days' | 'legal-route';

export interface ActionField {
  key: string;
  kind: FieldKind;
  required: boolean;
  /** i18n key of the label. */
  label: string;
  max?: number;
}

const note: ActionField = {
  key: 'note',
  kind: 'textarea',
  required: false,
  label: 'case.note',
  max: 2000,
};
const reason: ActionField = {
  key: 'reason',
  kind: 'textarea',
  required: true,
  label: 'case.reason',
  max: 2000,
};
const opinion: ActionField = {
  key: 'opinion',
  kind: 'textarea',
  required: true,
  label: 'case.opinion',
  max: 5000,
};
const routing: ActionField[] = [
  { key: 'leadOrganId', kind: 'organ', required: true, label: 'case.leadOrgan' },
  { key: 'coHandlingOrganIds', kind: 'organs', required: false, label: 'case.coOrgans' },
];

/** What each workflow action asks for: the fields of its request body in petition's contract. */
export const ACTION_FIELDS: Record<PetitionActionType, ActionField[]> = {
  transfer: [...routing, note],
  assign: [
    ...routing,
    { key: 'reportWithinDays', kind: 'days', required: true, label: 'case.reportDays' },
    note,
  ],
  object: [reason],
  accept: [note],
  decline: [reason],
  'route-to-litigation': [
    { key: 'legalRoute', kind: 'legal-route', required: true, label: 'case.legalRoute' },
    reason,
  ],
  'link-final-case': [
    {
      key: 'finalPetitionNumber',
      kind: 'text',
      required: true,
      label: 'case.finalNumber',
      max: 40,
    },
  ],
  'request-extension': [{ key: 'days', kind: 'days', required: true, label: 'case.days' }, reason],
  'approve-extension': [{ ...note, key: 'comment', label: 'case.comment' }],
  'reject-extension': [{ ...note, key: 'reason', label: 'case.reason' }],
  reply: [opinion],
  conclude: [{ ...note, key: 'summary', label: 'case.summary' }],
  'request-review': [reason],
  'decide-review': [opinion],
  'request-reexamination': [reason],
  'start-hearing': [note],
  'end-hearing': [{ ...note, key: 'summary', label: 'case.summary' }],
  'decide-reexamination': [opinion],
};

export { LEGAL_ROUTES };

/**
 * The actions the case allows now that one of the caller's roles may take (the workflow's staff
 * parties); whether the caller's organ is the one that must act is for petition to decide.
 */
export function actionsFor(
  allowedActions: readonly string[],
  roles: readonly Role[],
  status?: PetitionStatus,
): PetitionActionType[] {
  return allowedActions.filter((action): action is PetitionActionType => {
    const rule = PETITION_TRANSITIONS[action as PetitionActionType];
    return (
      rule !== undefined &&
      rule.staff.some(
        (party) =>
          roles.includes(party.role) &&
          (!party.onlyFrom || status === undefined || party.onlyFrom.includes(status)),
      )
    );
  });
}

export type ActionValues = Record<string, string | string[] | number | null | undefined>;

/**
 * The request body from the dialog's values: blanks left out, numbers as numbers; or the keys of
 * the required fields still missing.
 */
export function actionBody(
  action: PetitionActionType,
  values: ActionValues,
): { body: Record<string, unknown> } | { missing: string[] } {
  const body: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const field of ACTION_FIELDS[action]) {
    const value = values[field.key];
    const blank =
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (blank) {
      if (field.required) missing.push(field.key);
      else if (field.kind === 'organs') body[field.key] = [];
      continue;
    }
    if (field.kind === 'days') {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > 365) {
        missing.push(field.key);
        continue;
      }
      body[field.key] = days;
    } else body[field.key] = typeof value === 'string' ? value.trim() : value;
  }
  return missing.length ? { missing } : { body };
}
