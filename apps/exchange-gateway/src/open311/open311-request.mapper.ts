import type { FieldError } from '@minsheng/contracts';
import type { ComplaintSubmissionEntity } from '../integrator/complaint-submission.entity.js';
import {
  PETITION_STATUS_LABELS,
  TERMINAL_PETITION_STATUSES,
  type PetitionStatus,
} from '@minsheng/domain';
import { findTopic } from './open311-services.js';

type Form = Record<string, unknown>;

const str = (form: Form, key: string): string | undefined => {
  const value = form[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
};

const num = (form: Form, key: string): number | undefined => {
  const value = str(form, key);
  return value === undefined || Number.isNaN(Number(value)) ? undefined : Number(value);
};

/** Title: the `title` attribute, else the description's first line, shortened. */
function titleOf(form: Form, description: string | undefined): string | undefined {
  const explicit = str(form, 'attribute[title]');
  if (explicit) return explicit;
  if (!description) return undefined;
  const firstLine = description.split(/\r?\n/)[0].trim();
  return firstLine.length > 30 ? `${firstLine.slice(0, 30)}…` : firstLine;
}

/**
 * A GeoReport v2 POST (form or JSON) as the body of an integrator complaint, for the same
 * validation. Unknown fields (email, device_id, account_id, media_url …) are ignored.
 */
export function complaintFromOpen311(form: Form): Record<string, unknown> {
  const description = str(form, 'description');
  const name = [str(form, 'last_name'), str(form, 'first_name')].filter(Boolean).join('');
  const lat = num(form, 'lat');
  const lng = num(form, 'long');
  return {
    petitioner: {
      name: name || undefined,
      idNumber: str(form, 'attribute[id_number]'),
      phone: str(form, 'phone'),
    },
    divisionCode: str(form, 'attribute[division_code]') ?? str(form, 'jurisdiction_id'),
    kind: str(form, 'attribute[kind]') ?? 'appeal',
    categoryCode: str(form, 'service_code'),
    title: titleOf(form, description),
    content: description,
    ...(str(form, 'address_string') ? { address: str(form, 'address_string') } : {}),
    ...(lat !== undefined && lng !== undefined ? { location: { lat, lng } } : {}),
  };
}

const OPEN311_FIELD: Record<string, string> = {
  'petitioner.name': 'first_name/last_name',
  'petitioner.idNumber': 'attribute[id_number]',
  'petitioner.phone': 'phone',
  divisionCode: 'attribute[division_code]',
  kind: 'attribute[kind]',
  categoryCode: 'service_code',
  title: 'attribute[title]',
  content: 'description',
  address: 'address_string',
  'location.lat': 'lat',
  'location.lng': 'long',
};

/** Our field paths in Open311's names, for the error description. */
export const open311Fields = (fields: FieldError[] | undefined) =>
  (fields ?? []).map((f) => `${OPEN311_FIELD[f.path] ?? f.path}: ${f.message}`).join('; ');

/** `open` until the case is concluded, declined or otherwise ended. */
function open311Status(status: string): 'open' | 'closed' {
  return (TERMINAL_PETITION_STATUSES as readonly string[]).includes(status) ||
    status === 'concluded' ||
    status === 'declined'
    ? 'closed'
    : 'open';
}

const NOTES: Record<string, string> = {
  received: '已收到，等待受理',
  submitted: '投诉已提交，等待登记',
  'awaiting-exchange': '按属地管理原则转交有权处理的机关',
};

/** A request as GeoReport v2 shows it: nothing personal, no description. */
export function toOpen311Request(
  submission: ComplaintSubmissionEntity,
  caseStatus: { status: string; updatedAt: Date } | null,
) {
  const status = caseStatus?.status ?? submission.status;
  const updated =
    caseStatus && caseStatus.updatedAt > submission.updatedAt
      ? caseStatus.updatedAt
      : submission.updatedAt;
  return {
    service_request_id: submission.trackingCode,
    status: open311Status(status),
    status_notes: PETITION_STATUS_LABELS[status as PetitionStatus] ?? NOTES[status] ?? status,
    service_name: findTopic(submission.categoryCode)?.name ?? null,
    service_code: submission.categoryCode,
    description: null,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: submission.receivedAt.toISOString(),
    updated_datetime: updated.toISOString(),
    expected_datetime: null,
    address: submission.address,
    address_id: null,
    zipcode: null,
    lat: submission.locationLat,
    long: submission.locationLng,
    media_url: null,
  };
}
