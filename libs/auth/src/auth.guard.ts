import {
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException } from '@nestjs/microservices';
import { ErrorCodes, MessageHeaders, type Role } from '@minsheng/contracts';
import { AccessAuditor } from './access-auditor.js';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';
import { hasAnyRole } from './principal.js';
import { attachPrincipal } from './principal-store.js';
import { InvalidTokenError, TokenVerifier } from './token-verifier.js';

interface NatsHeaderCarrier {
  getHeaders(): { get(name: string): string } | undefined;
}

/**
 * On by default for every HTTP route and NATS handler: a handler is reached only with a valid
 * token holding one of the roles its @Roles() names, unless it is explicitly @Public(). A handler
 * with neither is closed to everyone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Optional() private readonly auditor?: AccessAuditor,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const token = bearerToken(readAuthorization(context));
    if (!token) throw this.unauthenticated(context, '需要登录');
    let principal;
    try {
      principal = await this.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      this.logger.warn({ reason: error.message }, 'rejected token');
      throw this.unauthenticated(context, '登录凭证无效或已过期');
    }

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles || roles.length === 0) {
      // Fail closed: a handler without a rule is a mistake, and no one may use it.
      this.logger.error({ handler: context.getHandler().name }, 'handler has no access rule');
    }
    if (!roles || !hasAnyRole(principal, roles)) {
      this.logger.warn({ userId: principal.userId, roles }, 'permission denied');
      await this.auditor?.denied({
        principal,
        handler: `${context.getClass().name}.${context.getHandler().name}`,
        transport: context.getType(),
        requiredRoles: roles ?? [],
      });
      throw context.getType() === 'rpc'
        ? new RpcException({ code: ErrorCodes.forbidden, message: '无权执行此操作' })
        : new ForbiddenException({ code: ErrorCodes.forbidden, message: '无权执行此操作' });
    }
    attachPrincipal(context, principal);
    return true;
  }

  private unauthenticated(context: ExecutionContext, message: string) {
    return context.getType() === 'rpc'
      ? new RpcException({ code: ErrorCodes.unauthenticated, message })
      : new UnauthorizedException({ code: ErrorCodes.unauthenticated, message });
  }
}

function readAuthorization(context: ExecutionContext): string | undefined {
  if (context.getType() === 'rpc') {
    const ctx = context.switchToRpc().getContext() as Partial<NatsHeaderCarrier>;
    return ctx.getHeaders?.()?.get(MessageHeaders.authorization) || undefined;
  }
  const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>();
  const value = request.headers['authorization'];
  return typeof value === 'string' ? value : undefined;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
