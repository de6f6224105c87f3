import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@minsheng/contracts';
import type { Principal } from './principal.js';
import { principalOf } from './principal-store.js';

export const IS_PUBLIC = 'minsheng:public';
export const REQUIRED_ROLES = 'minsheng:roles';

/** Opts a route or handler out of authentication. Every use is a deliberate decision. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route or handler to callers holding at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated caller (HTTP request or NATS command). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = principalOf(context);
    if (!principal) throw new Error('CurrentPrincipal used on a public handler');
    return principal;
  },
);
