import {
  SetMetadata,
  UseFilters,
  UseGuards,
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { SIGNING_HEADERS, type IntegratorScope } from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { INTEGRATOR_SCOPE, callerFromRequest, type IntegratorCaller } from './integrator-client.js';
import { IntegratorSignatureGuard } from './integrator-signature.guard.js';
import { RetryAfterFilter } from './retry-after.filter.js';

/**
 * An endpoint for outside systems: the staff AuthGuard lets it through (@Public, no staff token)
 * because IntegratorSignatureGuard authenticates it instead — a signed request from an active
 * client holding `scope`. The access-matrix suite checks every such route refuses an unsigned
 * request.
 */
export const IntegratorEndpoint = (scope: IntegratorScope) =>
  applyDecorators(
    Public(),
    SetMetadata(INTEGRATOR_SCOPE, scope),
    UseGuards(IntegratorSignatureGuard),
    UseFilters(RetryAfterFilter),
    ApiHeader({ name: SIGNING_HEADERS.clientId, required: true }),
    ApiHeader({ name: SIGNING_HEADERS.timestamp, required: true, description: 'Unix seconds' }),
    ApiHeader({ name: SIGNING_HEADERS.nonce, required: true, description: '16–64 [A-Za-z0-9_-]' }),
    ApiHeader({ name: SIGNING_HEADERS.algorithm, description: 'HMAC-SHA256 (default) | HMAC-SM3' }),
    ApiHeader({
      name: SIGNING_HEADERS.signature,
      required: true,
      description:
        'hex HMAC of "METHOD\\npath?query\\ntimestamp\\nnonce\\nhex SHA-256 of the body" with the client secret',
    }),
    ApiResponse({
      status: 401,
      description:
        'INTEGRATOR_SIGNATURE_REQUIRED | INTEGRATOR_CLIENT_UNKNOWN | INTEGRATOR_SIGNATURE_INVALID | INTEGRATOR_TIMESTAMP_STALE | INTEGRATOR_NONCE_REUSED',
    }),
    ApiResponse({
      status: 403,
      description: 'INTEGRATOR_CLIENT_DISABLED | INTEGRATOR_SCOPE_MISSING',
    }),
    ApiResponse({ status: 429, description: 'INTEGRATOR_RATE_LIMITED (Retry-After)' }),
  );

/** The client a guard authenticated. */
export const CurrentCaller = createParamDecorator(
  (_: unknown, context: ExecutionContext): IntegratorCaller => {
    const caller = callerFromRequest(context.switchToHttp().getRequest<object>());
    if (!caller) throw new Error('CurrentCaller used on an endpoint without an integrator guard');
    return caller;
  },
);
