import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
  applyDecorators,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { ErrorCodes, integratorComplaintRequestSchema } from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { ZodValidationPipe } from '@minsheng/runtime';
import { HandOverComplaintUseCase } from '../integrator/hand-over-complaint.use-case.js';
import type { IntegratorCaller } from '../integrator/integrator-client.js';
import { CurrentCaller } from '../integrator/integrator-endpoint.decorator.js';
import { Open311ApiKeyGuard } from './open311-api-key.guard.js';
import { Open311ExceptionFilter } from './open311-exception.filter.js';
import { contentTypeOf, render, type Open311Format } from './open311-format.js';
import { complaintFromOpen311 } from './open311-request.mapper.js';
import { Open311RequestsQuery } from './open311-requests.query.js';
import { OPEN311_SERVICES, findTopic, serviceDefinition } from './open311-services.js';

/** Reached with a registered client's api_key instead of a staff token. */
const Open311Client = () => applyDecorators(Public(), UseGuards(Open311ApiKeyGuard));

const notFound = () => new NotFoundException({ code: ErrorCodes.notFound, message: '未找到' });

function formatParam(format: string): Open311Format {
  if (format !== 'json' && format !== 'xml') throw notFound();
  return format;
}

const SERVICE_NOTICE = '已收到，将按属地管理原则转交有权处理的机关办理';

/**
 * Open311 GeoReport v2 over intake's categories (services) and complaints (service requests),
 * in JSON and XML. Discovery (services) and token lookups are public as the standard has them;
 * requests need the api_key of a client with the `open311` scope.
 */
@ApiTags('open311')
@Controller('open311/v2')
@UseFilters(Open311ExceptionFilter)
export class Open311HttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly handOver: HandOverComplaintUseCase,
    private readonly requests: Open311RequestsQuery,
  ) {}

  @Get('services.:format')
  @Public()
  @ApiOperation({ summary: 'GeoReport v2 service list (intake’s categories)' })
  services(@Param('format') format: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(reply, formatParam(format), 'services', 'service', OPEN311_SERVICES);
  }

  @Get('services/:code.:format')
  @Public()
  @ApiOperation({ summary: 'GeoReport v2 service definition (the attributes it needs)' })
  service(
    @Param('code') code: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatParam(format);
    if (!findTopic(code)) throw notFound();
    return this.send(reply, f, 'service_definition', 'attribute', serviceDefinition(code), true);
  }

  @Post('requests.:format')
  @Open311Client()
  @ApiOperation({ summary: 'GeoReport v2 POST service request (form or JSON; answers a token)' })
  async create(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('format') format: string,
    @Body() form: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatParam(format);
    const request = new ZodValidationPipe(integratorComplaintRequestSchema).transform(
      complaintFromOpen311((form ?? {}) as Record<string, unknown>),
    );
    this.handOver.check(caller, request);
    const submission = await inTransaction(this.dataSource, (tx) =>
      this.handOver.execute(tx, caller, 'open311', request),
    );
    void reply.status(201);
    return this.send(reply, f, 'service_requests', 'request', [
      { token: submission.reference, service_notice: SERVICE_NOTICE, account_id: null },
    ]);
  }

  @Get('requests.:format')
  @Open311Client()
  @ApiOperation({ summary: 'GeoReport v2 GET service requests (the client’s own)' })
  async list(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatParam(format);
    return this.send(
      reply,
      f,
      'service_requests',
      'request',
      await this.requests.list(caller, query),
    );
  }

  @Get('requests/:id.:format')
  @Open311Client()
  @ApiOperation({ summary: 'GeoReport v2 GET service request by id (the tracking code)' })
  async one(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('id') id: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatParam(format);
    return this.send(reply, f, 'service_requests', 'request', await this.requests.one(caller, id));
  }

  @Get('tokens/:token.:format')
  @Public()
  @ApiOperation({ summary: 'GeoReport v2 service request id from a token' })
  async token(
    @Param('token') token: string,
    @Param('format') format: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const f = formatParam(format);
    return this.send(reply, f, 'service_requests', 'request', await this.requests.token(token));
  }

  private send(
    reply: FastifyReply,
    format: Open311Format,
    root: string,
    item: string,
    body: unknown,
    definition = false,
  ): string {
    void reply.header('content-type', contentTypeOf(format));
    if (definition && format === 'xml') {
      // <service_definition><service_code/><attributes><attribute>…</attribute></attributes>
      const d = body as { service_code: string; attributes: Array<Record<string, unknown>> };
      return render(format, root, item, {
        service_code: d.service_code,
        attributes: {
          attribute: d.attributes.map((a) =>
            a.values ? { ...a, values: { value: a.values } } : a,
          ),
        },
      });
    }
    return render(format, root, item, body);
  }
}
