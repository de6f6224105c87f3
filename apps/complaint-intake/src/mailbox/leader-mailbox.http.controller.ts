import {
  BadRequestException,
  Controller,
  Get,
  Headers,
  HttpCode,
  Ip,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  MailboxErrorCodes,
  leaderMailboxListResponseSchema,
  submitComplaintRequestSchema,
  submitComplaintResponseSchema,
  type LeaderMailboxListResponse,
  type SubmitComplaintRequest,
  type SubmitComplaintResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { findDivision, isWithinJurisdiction } from '@minsheng/domain';
import { openApiSchema } from '@minsheng/runtime';
import { ReceiveComplaintUseCase } from '../complaint/receive-complaint.use-case.js';
import { clientAddressKey } from '../protection/client-address.js';
import { RetryAfterFilter } from '../protection/retry-after.filter.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { LeaderMailboxDirectory } from './leader-mailbox-directory.js';
import { toAddressee, toLeaderMailboxResponse } from './leader-mailbox.mapper.js';

/**
 * 领导信箱 in the public portal: the leaders a citizen can write to, and the door to write by.
 * A matter sent here goes through the same checks, captcha, limits and idempotency as any
 * complaint, and is registered here with channel `leader-mailbox` and the leader addressed.
 */
@ApiTags('leader-mailboxes')
@Public()
@UseFilters(RetryAfterFilter)
@Controller('api/v1/leader-mailboxes')
export class LeaderMailboxHttpController {
  constructor(
    private readonly directory: LeaderMailboxDirectory,
    private readonly receive: ReceiveComplaintUseCase,
    private readonly rateLimiter: SlidingWindowRateLimiter,
  ) {}

  @Get()
  @ApiOperation({ summary: '领导信箱 (the leaders of this instance a citizen can write to)' })
  @ApiResponse({ status: 200, schema: openApiSchema(leaderMailboxListResponseSchema) })
  async list(@Ip() ip: string): Promise<LeaderMailboxListResponse> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    return { items: (await this.directory.listOpen()).map(toLeaderMailboxResponse) };
  }

  @Post(':mailboxId/complaints')
  @HttpCode(201)
  @ApiOperation({
    summary: '给领导写信 (a complaint or suggestion addressed to a leader)',
    description: 'The body (JSON or multipart) is that of `POST /api/v1/complaints`.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiBody({ schema: openApiSchema(submitComplaintRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(submitComplaintResponseSchema) })
  @ApiResponse({
    status: 400,
    description: 'as `POST /api/v1/complaints`, and OUTSIDE_MAILBOX_DIVISION',
  })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — no such open mailbox here' })
  async submit(
    @Param('mailboxId') mailboxId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Ip() ip: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<SubmitComplaintResponse> {
    const mailbox = await this.directory.requireOpen(mailboxId);
    const options = {
      ip,
      idempotencyKey,
      mailbox: {
        addressee: toAddressee(mailbox),
        check: (body: SubmitComplaintRequest) => {
          if (isWithinJurisdiction(mailbox.divisionCode, body.divisionCode)) return;
          const place = findDivision(mailbox.divisionCode)?.fullName ?? mailbox.divisionCode;
          const message = `${mailbox.title}只受理${place}范围内的事项`;
          throw new BadRequestException({
            code: MailboxErrorCodes.outsideMailboxDivision,
            message,
            fields: [
              { path: 'divisionCode', code: MailboxErrorCodes.outsideMailboxDivision, message },
            ],
          });
        },
      },
    };
    const received = request.isMultipart()
      ? await this.receive.fromMultipart(request, options)
      : await this.receive.fromJson(request.body, options);
    void reply.status(received.status);
    if (received.replayed) void reply.header('idempotent-replayed', 'true');
    return received.body;
  }
}
