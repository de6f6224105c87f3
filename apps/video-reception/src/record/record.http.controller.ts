import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  confirmRecordRequestSchema,
  receptionRecordResponseSchema,
  writeRecordRequestSchema,
  type ConfirmRecordRequest,
  type ReceptionRecordResponse,
  type WriteRecordRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { ConfirmRecordUseCase } from './confirm-record.use-case.js';
import { GetRecordUseCase } from './get-record.use-case.js';
import { WriteRecordUseCase } from './write-record.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** The reception record (电子笔录) and its confirmation by the petitioner. */
@ApiTags('reception records')
@ApiBearerAuth()
@Controller('api/v1/bookings')
export class RecordHttpController {
  constructor(
    private readonly writeRecord: WriteRecordUseCase,
    private readonly confirmRecord: ConfirmRecordUseCase,
    private readonly getRecord: GetRecordUseCase,
  ) {}

  @Post(':id/record')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({
    summary: '制作接访笔录 (the record and outcome; 包案 with a follow-up deadline)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(writeRecordRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(receptionRecordResponseSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, PETITION_NUMBER_REQUIRED' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({
    status: 409,
    description: 'INVALID_BOOKING_STATE — not checked in, or already recorded',
  })
  write(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(writeRecordRequestSchema)) body: WriteRecordRequest,
  ): Promise<ReceptionRecordResponse> {
    return this.writeRecord.execute(principal, id, body);
  }

  @Get(':id/record')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '接访笔录 (a reception’s record)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(receptionRecordResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ReceptionRecordResponse> {
    return this.getRecord.execute(principal, id);
  }

  @Post(':id/record/confirmation')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: '笔录确认 (the petitioner’s code or signature, captured at the hall)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(confirmRecordRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(receptionRecordResponseSchema) })
  @ApiResponse({ status: 400, description: 'CONFIRMATION_CODE_INVALID, INVALID_SIGNATURE_IMAGE' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'RECORD_ALREADY_CONFIRMED' })
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(confirmRecordRequestSchema)) body: ConfirmRecordRequest,
  ): Promise<ReceptionRecordResponse> {
    return this.confirmRecord.execute(principal, id, body);
  }
}
