import { z } from 'zod';
import {
  isKnownDivision,
  isMainlandMobileNumber,
  validateResidentIdNumber,
} from '@minsheng/domain';
import { ErrorCodes } from './error-codes.js';

/** Text that may not be blank and carries no control characters other than line breaks and tabs. */
export const text = (max: number) =>
  z
    .string()
    .max(max, { message: `最多 ${max} 个字符` })
    .refine((s) => s.trim().length > 0, { message: '不能为空' })
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), {
      message: '含有不允许的控制字符',
    });

export const divisionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, { message: '行政区划代码应为 6 位数字' })
  .superRefine((code, ctx) => {
    if (/^\d{6}$/.test(code) && !isKnownDivision(code)) {
      ctx.addIssue({
        code: 'custom',
        message: '未知的行政区划代码',
        params: { code: ErrorCodes.unknownDivision },
      });
    }
  });

export const residentIdNumberSchema = z
  .string()
  .max(18, { message: '身份证号码应为 18 位' })
  .transform((raw, ctx) => {
    const result = validateResidentIdNumber(raw);
    if (!result.valid) {
      ctx.addIssue({
        code: 'custom',
        message: '身份证号码无效',
        params: { code: ErrorCodes.invalidIdNumber, reason: result.reason },
      });
      return z.NEVER;
    }
    return result.normalized;
  });

export const mobileNumberSchema = z
  .string()
  .refine(isMainlandMobileNumber, { message: '手机号码应为 11 位大陆手机号' });
