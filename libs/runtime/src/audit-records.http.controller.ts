import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  auditRecordPageSchema,
  auditRecordQuerySchema,
  type AuditRecordPage,
  type AuditRecordQuery,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { AuditQuery, AuditTrail, actorOf } from '@minsheng/audit';
import { toCsv } from './audit-csv.js';
import { openApiSchema } from './open-api-schema.js';
import { ZodValidationPipe } from './zod-validation.pipe.js';

/** The audit administrator's read-only view of this service's audit trail, and its export. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit-records')
export class AuditRecordsHttpController {
  constructor(
    private readonly query: AuditQuery,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('audit-admin')
  @ApiOperation({ summary: '审计记录 (audit records, newest first)' })
  @ApiResponse({ status: 200, schema: openApiSchema(auditRecordPageSchema) })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(auditRecordQuerySchema)) filters: AuditRecordQuery,
  ): Promise<AuditRecordPage> {
    const page = await this.query.page(principal, filters);
    await this.audit.record({
      action: 'audit.viewed',
      outcome: 'success',
      actor: actorOf(principal),
      details: { filters, returned: page.items.length },
    });
    return page;
  }

  @Get('export')
  @Roles('audit-admin')
  @ApiOperation({ summary: '导出审计记录 (export as CSV)' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(auditRecordQuerySchema)) filters: AuditRecordQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.audit.record({
      action: 'audit.exported',
      outcome: 'success',
      actor: actorOf(principal),
      details: { filters },
    });
    const { limit: _limit, ...rest } = filters;
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-records.csv"')
      .send(Readable.from(toCsv(this.query.all(principal, rest))));
  }
}
