import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { z } from 'zod';
import { REQUEST_PARSE_OPTIONS, validationFailure } from '@minsheng/contracts';

type Transport = 'http' | 'rpc';

/**
 * Validates a body, query or NATS payload against a contract schema; a refusal names every field
 * at fault (`validationFailure`).
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly transport: Transport = 'http',
  ) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value, REQUEST_PARSE_OPTIONS);
    if (result.success) return result.data;
    const body = validationFailure(result.error);
    throw this.transport === 'rpc' ? new RpcException(body) : new BadRequestException(body);
  }
}
