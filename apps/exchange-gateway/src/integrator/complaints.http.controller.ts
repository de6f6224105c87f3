import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Req } from '@nestjs/common';
import {
  integratorCaseStatusSchema,
  integratorComplaintAcceptedSchema,
  integratorComplaintRequestSchema,
  integratorComplaintStatusSchema,
  type IntegratorCaseStatus,
  type IntegratorComplaintAccepted,
  type IntegratorComplaintRequest,
  type IntegratorComplaintStatus,
} from '@minsheng/contracts';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { ComplaintStatusQuery } from './complaint-status.query.js';
import { HandOverComplaintUseCase } from './hand-over-complaint.use-case.js';
import { Idempotency } from './idempotency.js';
import type { IntegratorCaller } from './integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from './integrator-endpoint.decorator.js';
import { bodySha256 } from './integrator-http.setup.js';

@ApiTags('integrator: complaints and cases')
@Controller('exchange/v1')
export class ComplaintsHttpController {
  constructor(
    private readonly handOver: HandOverComplaintUseCase,
    private readonly idempotency: Idempotency,
    private readonly status: ComplaintStatusQuery,
  ) {}

  @Post('complaints')
  @HttpCode(202)
  @IntegratorEndpoint('complaints:submit')
  @ApiOperation({
    summary: '提交投诉 (handed to intake; the tracking code follows in the status and the feed)',
  })
  @ApiHeader({ name: 'idempotency-key', required: false })
  @ApiBody({ schema: openApiSchema(integratorComplaintRequestSchema) })
  @ApiResponse({ status: 202, schema: openApiSchema(integratorComplaintAcceptedSchema) })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED | INVALID_ID_NUMBER | UNKNOWN_DIVISION | UNKNOWN_CATEGORY',
  })
  @ApiResponse({ status: 409, description: 'IDEMPOTENCY_KEY_IN_USE' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED' })
  @ApiResponse({ status: 403, description: 'INTEGRATOR_DIVISION_NOT_ALLOWED' })
  async submit(
    @CurrentCaller() caller: IntegratorCaller,
    @Body(new ZodValidationPipe(integratorComplaintRequestSchema)) body: IntegratorComplaintRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntegratorComplaintAccepted> {
    this.handOver.check(caller, body);
    const result = await this.idempotency.run<IntegratorComplaintAccepted>(
      caller.clientId,
      idempotencyKey,
      Idempotency.requestHash(request.method, request.url, bodySha256(request)),
      async (tx) => {
        const submission = await this.handOver.execute(tx, caller, 'integrator', body);
        return {
          status: 202,
          body: {
            reference: submission.reference,
            status: 'received',
            statusUrl: `/exchange/v1/complaints/${submission.reference}`,
          },
        };
      },
    );
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    void reply.status(result.status);
    return result.body;
  }

  @Get('complaints/:reference')
  @IntegratorEndpoint('complaints:read')
  @ApiOperation({ summary: '投诉办理状态与时间线 (a complaint this client submitted)' })
  @ApiResponse({ status: 200, schema: openApiSchema(integratorComplaintStatusSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, or another client’s' })
  complaint(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('reference') reference: string,
  ): Promise<IntegratorComplaintStatus> {
    return this.status.submission(caller, reference);
  }

  @Get('cases/:petitionNumber')
  @IntegratorEndpoint('cases:read')
  @ApiOperation({ summary: '信访事项状态与时间线 (any case of the client’s divisions)' })
  @ApiResponse({ status: 200, schema: openApiSchema(integratorCaseStatusSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, or outside the divisions' })
  case(
    @CurrentCaller() caller: IntegratorCaller,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<IntegratorCaseStatus> {
    return this.status.case(caller, petitionNumber);
  }
}
