import type { ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal.js';

// Keyed by the transport's request object, so nothing is added to foreign types.
const principals = new WeakMap<object, Principal>();

function carrier(context: ExecutionContext): object {
  return context.getType() === 'rpc'
    ? (context.switchToRpc().getContext() as object)
    : (context.switchToHttp().getRequest() as object);
}

export function attachPrincipal(context: ExecutionContext, principal: Principal): void {
  principals.set(carrier(context), principal);
}

export function principalOf(context: ExecutionContext): Principal | undefined {
  return principals.get(carrier(context));
}
