import { Controller, Get, HttpStatus, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@minsheng/auth';
import { HealthRegistry } from './health-registry.js';

@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const checks = await this.registry.run(2_000);
    const ok = !this.registry.isDraining && Object.values(checks).every((c) => c.ok);
    reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ready' : this.registry.isDraining ? 'draining' : 'not-ready', checks };
  }

  beforeApplicationShutdown() {
    this.registry.markDraining();
  }
}
