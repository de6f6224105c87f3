import { z } from 'zod';
import { childDivisions, divisionTier, isKnownDivision } from '@minsheng/domain';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import {
  divisionCodeSchema,
  mobileNumberSchema,
  residentIdNumberSchema,
  text,
} from '../common/field-schemas.js';
import { IntakeErrorCodes } from './intake-error-codes.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Citizen text: `text()`, and well-formed Unicode — a lone surrogate cannot be stored as UTF-8
 * and would come back changed, so it is refused instead.
 */
export const citizenText = (max: number) =>
  text(max).refine((s) => !LONE_SURROGATE.test(s), { message: '含有无效的字符' });

/**
 * A division a complaint can be handled in: a county, or a city without counties (东莞市 …).
 * A province or a city with counties is too coarse to know who is responsible.
 */
export const complaintDivisionCodeSchema = divisionCodeSchema.superRefine((code, ctx) => {
  if (!isKnownDivision(code)) return;
  if (divisionTier(code) === 'province' || childDivisions(code).length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: '请选择到区县一级的行政区划',
      params: { code: IntakeErrorCodes.divisionTooCoarse },
    });
  }
});

/** WGS-84 coordinates inside China's bounding box (a point outside cannot be a local matter). */
export const locationSchema = z.strictObject({
  lat: z
    .number()
    .min(3.8, { message: '纬度不在中国境内' })
    .max(53.6, { message: '纬度不在中国境内' }),
  lng: z
    .number()
    .min(73.4, { message: '经度不在中国境内' })
    .max(135.1, { message: '经度不在中国境内' }),
});

/**
 * Body of `POST /api/v1/complaints` (JSON, or the `complaint` field of a multipart form with
 * attachments) — a citizen's online complaint or suggestion.
 */
export const submitComplaintRequestSchema = z.strictObject({
  petitioner: z.strictObject({
    name: citizenText(50),
    idNumber: residentIdNumberSchema,
    phone: mobileNumberSchema,
  }),
  divisionCode: complaintDivisionCodeSchema,
  kind: z.enum(COMPLAINT_KINDS),
  /** A code from `GET /api/v1/categories` (either level). */
  categoryCode: z.string().regex(/^\d{2}(\d{2})?$/, { message: '类别代码格式不正确' }),
  title: citizenText(100),
  content: citizenText(5000),
  address: citizenText(200).optional(),
  location: locationSchema.optional(),
  /** Whether the petitioner agrees to the reply being published (off unless said so). */
  replyPublicConsent: z.boolean().default(false),
  /** From `GET /api/v1/captcha`; required when the instance requires a captcha. */
  captchaId: z.uuid().optional(),
  captchaAnswer: z.string().max(16).optional(),
});
export type SubmitComplaintRequest = z.output<typeof submitComplaintRequestSchema>;

export const submitComplaintResponseSchema = z.object({
  trackingCode: z.string(),
  /** Shown once: only its hash is stored. */
  queryCode: z.string(),
  status: z.enum(['submitted', 'awaiting-exchange']),
});
export type SubmitComplaintResponse = z.output<typeof submitComplaintResponseSchema>;
