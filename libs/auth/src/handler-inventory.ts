import type { INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import type { Role } from '@minsheng/contracts';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators.js';

export interface HandlerAccess {
  /** `GET /api/v1/cases/:petitionNumber` or `NATS petition.instance.describe`. */
  route: string;
  kind: 'http' | 'rpc';
  handler: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * Every HTTP route and NATS handler of an application with its access rule, read from the same
 * metadata the AuthGuard reads — so tests can prove no handler was left without a rule.
 */
export function inventoryHandlers(app: INestApplicationContext): HandlerAccess[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const scanner = app.get(MetadataScanner, { strict: false });
  const reflector = app.get(Reflector, { strict: false });
  const handlers: HandlerAccess[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const basePath = (Reflect.getMetadata(PATH_METADATA, metatype) as string | undefined) ?? '';
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const method = (instance as Record<string, unknown>)[name] as object;
      const targets = [method, metatype] as Array<() => void>;
      const rule = {
        handler: `${metatype.name}.${name}`,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        roles: reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
      };
      const path = Reflect.getMetadata(PATH_METADATA, method) as string | undefined;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, method) as
        RequestMethod | undefined;
      if (path !== undefined && requestMethod !== undefined) {
        handlers.push({
          ...rule,
          kind: 'http',
          route: `${RequestMethod[requestMethod]} ${join(basePath, path)}`,
        });
      }
      const patterns = Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined;
      for (const pattern of patterns ?? []) {
        handlers.push({ ...rule, kind: 'rpc', route: `NATS ${String(pattern)}` });
      }
    }
  }
  return handlers.sort((a, b) => a.route.localeCompare(b.route));
}
