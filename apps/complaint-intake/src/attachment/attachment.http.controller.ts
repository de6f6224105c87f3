import { Controller, Get, Ip, Param, Query, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe } from '@minsheng/runtime';
import { clientAddressKey } from '../protection/client-address.js';
import { RetryAfterFilter } from '../protection/retry-after.filter.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { contentDisposition } from './file-names.js';
import { GetAttachmentUseCase } from './get-attachment.use-case.js';

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
    // Always a download, never rendered in our origin, whatever a browser would guess.
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
}
