import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a login or refresh comes from, as recorded on the session. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const MAX_USER_AGENT = 512;

export const CurrentClient = createParamDecorator(
  (_: unknown, context: ExecutionContext): ClientInfo => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const userAgent = request.headers['user-agent'];
    return {
      ip: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent.slice(0, MAX_USER_AGENT) : null,
    };
  },
);
