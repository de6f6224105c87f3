import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  describeInstanceCommand,
  type InstanceDescription,
  type ServiceName,
} from '@minsheng/contracts';
import type { ServiceEnv } from './service-env.js';

const startedAt = new Date().toISOString();

/** Answers `<service>.instance.describe` for an authenticated caller: which service and instance. */
export function describeInstanceController(env: ServiceEnv): Type<unknown> {
  const subject = describeInstanceCommand(env.service as ServiceName).subject;

  @Controller()
  class DescribeInstanceController {
    @MessagePattern(subject)
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
