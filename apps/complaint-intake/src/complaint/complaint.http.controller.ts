import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  complaintStatusResponseSchema,
  submitComplaintRequestSchema,
  submitComplaintResponseSchema,
  type ComplaintStatusResponse,
  type SubmitComplaintRequest,
  type SubmitComplaintResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { GetComplaintStatusUseCase } from './get-complaint-status.use-case.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';

const statusQuerySchema = z.object({ queryCode: z.string().min(1).max(64) });

/** The public complaint door: anyone may submit; the status needs the tracking and query codes. */
@ApiTags('complaints')
@Public()
@Controller('api/v1/complaints')
export class ComplaintHttpController {
  constructor(
    private readonly submitComplaint: SubmitComplaintUseCase,
    private readonly getStatus: GetComplaintStatusUseCase,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '提交投诉或建议 (submit a complaint or suggestion)' })
  @ApiBody({ schema: openApiSchema(submitComplaintRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(submitComplaintResponseSchema) })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, INVALID_ID_NUMBER, UNKNOWN_DIVISION, MALFORMED_JSON',
  })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE' })
  @ApiResponse({ status: 415, description: 'UNSUPPORTED_MEDIA_TYPE' })
  submit(
    @Body(new ZodValidationPipe(submitComplaintRequestSchema)) body: SubmitComplaintRequest,
    @Ip() ip: string,
  ): Promise<SubmitComplaintResponse> {
    return this.submitComplaint.execute(body, { ip });
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
  status(
    @Param('trackingCode') trackingCode: string,
    @Query(new ZodValidationPipe(statusQuerySchema)) query: z.output<typeof statusQuerySchema>,
  ): Promise<ComplaintStatusResponse> {
    return this.getStatus.execute(trackingCode, query.queryCode);
  }
}
