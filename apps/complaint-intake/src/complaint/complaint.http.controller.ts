import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  complaintStatusResponseSchema,
  submitComplaintRequestSchema,
  submitComplaintResponseSchema,
  type ComplaintStatusResponse,
  type SubmitComplaintResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { clientAddressKey } from '../protection/client-address.js';
import { RetryAfterFilter } from '../protection/retry-after.filter.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { GetComplaintStatusUseCase } from './get-complaint-status.use-case.js';
import { ReceiveComplaintUseCase } from './receive-complaint.use-case.js';

const statusQuerySchema = z.object({ queryCode: z.string().min(1).max(64) });

/** The public complaint door: anyone may submit; the status needs the tracking and query codes. */
@ApiTags('complaints')
@Public()
@UseFilters(RetryAfterFilter)
@Controller('api/v1/complaints')
export class ComplaintHttpController {
  constructor(
    private readonly receive: ReceiveComplaintUseCase,
    private readonly getStatus: GetComplaintStatusUseCase,
    private readonly rateLimiter: SlidingWindowRateLimiter,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: '提交投诉或建议 (submit a complaint or suggestion)',
    description:
      'JSON, or multipart/form-data with the JSON in a first field `complaint` followed by up to N files in `attachments` (images, PDF, Office documents; type decided by content). A retry with the same Idempotency-Key returns the first result (header `idempotent-replayed: true`).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: openApiSchema(submitComplaintRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(submitComplaintResponseSchema) })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED, INVALID_ID_NUMBER, UNKNOWN_DIVISION, DIVISION_TOO_COARSE, UNKNOWN_CATEGORY, CAPTCHA_INVALID, MALFORMED_JSON, ATTACHMENT_TYPE_NOT_ALLOWED, ATTACHMENT_TYPE_MISMATCH, INVALID_FILE_NAME, TOO_MANY_ATTACHMENTS, INVALID_MULTIPART',
  })
  @ApiResponse({ status: 409, description: 'IDEMPOTENCY_KEY_IN_USE, with Retry-After' })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE, ATTACHMENT_TOO_LARGE' })
  @ApiResponse({ status: 415, description: 'UNSUPPORTED_MEDIA_TYPE' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS, with Retry-After' })
  async submit(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ip() ip: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmitComplaintResponse> {
    const options = { ip, idempotencyKey };
    const received = request.isMultipart()
      ? await this.receive.fromMultipart(request, options)
      : await this.receive.fromJson(request.body, options);
    void reply.status(received.status);
    if (received.replayed) void reply.header('idempotent-replayed', 'true');
    return received.body;
  }

  @Get(':trackingCode')
  @ApiOperation({ summary: '查询办理进度 (follow a complaint)' })
  @ApiParam({ name: 'trackingCode' })
  @ApiQuery({ name: 'queryCode', required: true })
  @ApiResponse({ status: 200, schema: openApiSchema(complaintStatusResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown tracking code or wrong query code',
  })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS, with Retry-After' })
  async status(
    @Param('trackingCode') trackingCode: string,
    @Query(new ZodValidationPipe(statusQuerySchema)) query: z.output<typeof statusQuerySchema>,
    @Ip() ip: string,
  ): Promise<ComplaintStatusResponse> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    return this.getStatus.execute(trackingCode, query.queryCode);
  }
}
