import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  bookingResponseSchema,
  joinLinksResponseSchema,
  type BookingResponse,
  type JoinLinksResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { CheckInUseCase } from './check-in.use-case.js';
import { IssueJoinLinksUseCase } from './issue-join-links.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** The session: check-in at the hall, and the video room's join links. */
@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/v1/bookings')
export class SessionHttpController {
  constructor(
    private readonly checkIn: CheckInUseCase,
    private readonly joinLinks: IssueJoinLinksUseCase,
  ) {}

  @Post(':id/check-in')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({ summary: '签到 (the petitioner is at the hall)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingResponseSchema) })
  @ApiResponse({ status: 403, description: 'FORBIDDEN — not the hall’s clerk' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'INVALID_BOOKING_STATE, OUTSIDE_SESSION_WINDOW' })
  checkInPetitioner(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<BookingResponse> {
    return this.checkIn.execute(principal, id);
  }

  @Post(':id/join-links')
  @HttpCode(200)
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '入会链接 (signed join links per participant, valid around the slot)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(joinLinksResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'INVALID_BOOKING_STATE, OUTSIDE_SESSION_WINDOW' })
  issueJoinLinks(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<JoinLinksResponse> {
    return this.joinLinks.execute(principal, id);
  }
}
