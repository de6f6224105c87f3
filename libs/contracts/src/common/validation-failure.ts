import type { z } from 'zod';
import { ErrorCodes, type ErrorResponse, type FieldError } from './error-codes.js';

/**
 * The one shape of a refused payload, over HTTP or NATS: every field at fault, and when all
 * faults share one domain code (e.g. INVALID_ID_NUMBER, set by a refinement's `params.code`)
 * that code leads.
 */
export function validationFailure(error: z.ZodError): ErrorResponse {
  const fields = error.issues.map(toFieldError);
  const codes = new Set(fields.map((f) => f.code));
  const [only] = codes;
  const code = codes.size === 1 ? only : ErrorCodes.validationFailed;
  const message =
    code === ErrorCodes.invalidIdNumber
      ? '身份证号码无效'
      : code === ErrorCodes.unknownDivision
        ? '未知的行政区划代码'
        : '请求参数有误';
  return { code, message, fields };
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const params = (issue as { params?: { code?: string } }).params;
  return {
    path: issue.path.map(String).join('.') || '(body)',
    code: params?.code ?? ErrorCodes.validationFailed,
    message: issue.message,
  };
}
