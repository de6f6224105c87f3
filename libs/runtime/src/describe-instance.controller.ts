import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Roles } from '@minsheng/auth';
import {
  ROLES,
  describeInstanceCommand,
  type InstanceDescription,
  type ServiceName,
} from '@minsheng/contracts';
import type { ServiceEnv } from './service-env.js';

const startedAt = new Date().toISOString();

/** Answers `<service>.instance.describe` to any staff member: which service and instance answered. */
export function describeInstanceController(env: ServiceEnv): Type<unknown> {
  const subject = describeInstanceCommand(env.service as ServiceName).subject;

  @Controller()
  class DescribeInstanceController {
    @MessagePattern(subject)
    @Roles(...ROLES)
    describe(): InstanceDescription {
      return {
        service: env.service,
        instanceDivision: env.INSTANCE_DIVISION,
        version: process.env.npm_package_version ?? '0.1.0',
        startedAt,
      };
    }
  }
  return DescribeInstanceController;
}
