import { z } from 'zod';
import { ErrorCodes, type ErrorResponse, type FieldError } from './error-codes.js';

/**
 * Options for parsing what a person sent (a citizen's form, a clerk's request, an operator's
 * command): zod's own messages — a missing field, a wrong type, an option not in the list — come
 * from its zh-CN locale, like the rest of a refusal; a schema's own message still wins. Issues
 * carry no copy of the input, so none of it reaches a response or a log through them.
 */
export const REQUEST_PARSE_OPTIONS = {
  reportInput: false,
  error: z.locales.zhCN().localeError,
} as const;

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
