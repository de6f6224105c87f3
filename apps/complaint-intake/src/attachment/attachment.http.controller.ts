import { Controller, Get, Ip, Param, Query, Res, StreamableFile, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { CurrentPrincipal, Public, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe } from '@minsheng/runtime';
import { clientAddressKey } from '../protection/client-address.js';
import { RetryAfterFilter } from '../protection/retry-after.filter.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { contentDisposition } from './file-names.js';
import { GetAttachmentUseCase, type AttachmentDownload } from './get-attachment.use-case.js';

const querySchema = z.object({ queryCode: z.string().min(1).max(64) });

@ApiTags('complaints')
@Public()
@UseFilters(RetryAfterFilter)
@Controller('api/v1/complaints')
export class AttachmentHttpController {
  constructor(
    private readonly getAttachment: GetAttachmentUseCase,
    private readonly rateLimiter: SlidingWindowRateLimiter,
  ) {}

  @Get(':trackingCode/attachments/:attachmentId')
  @ApiOperation({
    summary: '下载附件 (an attachment, for the holder of the tracking and query codes)',
  })
  @ApiParam({ name: 'trackingCode' })
  @ApiParam({ name: 'attachmentId' })
  @ApiQuery({ name: 'queryCode', required: true })
  @ApiResponse({ status: 200, description: 'The file, as a download' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown codes or attachment' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS, with Retry-After' })
  async download(
    @Param('trackingCode') trackingCode: string,
    @Param('attachmentId') attachmentId: string,
    @Query(new ZodValidationPipe(querySchema)) query: z.output<typeof querySchema>,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    const file = await this.getAttachment.execute(trackingCode, query.queryCode, attachmentId);
    return asDownload(file, reply);
  }
}

/** Staff open a complaint's attachments from the case file (petition lists them by id). */
@ApiTags('complaints')
@ApiBearerAuth()
@Roles('clerk', 'handler', 'supervisor', 'leader')
@Controller('api/v1/staff/complaints')
export class StaffAttachmentHttpController {
  constructor(private readonly getAttachment: GetAttachmentUseCase) {}

  @Get(':complaintId/attachments/:attachmentId')
  @ApiOperation({ summary: '查看附件 (staff: an attachment of a complaint in their jurisdiction)' })
  @ApiParam({ name: 'complaintId', format: 'uuid' })
  @ApiParam({ name: 'attachmentId', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The file, as a download; the read is audited' })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown, or outside the caller’s jurisdiction',
  })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('complaintId') complaintId: string,
    @Param('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await this.getAttachment.forStaff(principal, complaintId, attachmentId);
    return asDownload(file, reply);
  }
}

/** Always a download, never rendered in our origin, whatever a browser would guess. */
function asDownload(file: AttachmentDownload, reply: FastifyReply): StreamableFile {
  void reply.headers({
    'content-type': file.contentType,
    'content-length': String(file.sizeBytes),
    'content-disposition': contentDisposition(file.fileName),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  });
  return new StreamableFile(file.content);
}
