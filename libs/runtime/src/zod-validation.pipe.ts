import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { z } from 'zod';
import { ErrorCodes, type ErrorResponse, type FieldError } from '@minsheng/contracts';

type Transport = 'http' | 'rpc';

/**
 * Validates a body, query or NATS payload against a contract schema. The response names every
 * field at fault; when all faults share one domain code (e.g. INVALID_ID_NUMBER) that code leads.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly transport: Transport = 'http',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value, { reportInput: false });
    if (result.success) return result.data;
    const fields = result.error.issues.map(toFieldError);
    const body = errorBody(fields);
    throw this.transport === 'rpc' ? new RpcException(body) : new BadRequestException(body);
  }
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const params = (issue as { params?: { code?: string } }).params;
  return {
    path: issue.path.map(String).join('.') || '(body)',
    code: params?.code ?? ErrorCodes.validationFailed,
    message: issue.message,
  };
}

function errorBody(fields: FieldError[]): ErrorResponse {
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
