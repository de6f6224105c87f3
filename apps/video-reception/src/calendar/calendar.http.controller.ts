import { Controller, Get, Header, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { CalendarFeedsUseCase } from './calendar-feeds.use-case.js';

const ICS = 'text/calendar; charset=utf-8';
const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** iCalendar feeds per leader and per hall, for calendar clients of staff. */
@ApiTags('calendars')
@ApiBearerAuth()
@Roles('clerk', 'supervisor', 'leader')
@Controller('api/v1')
export class CalendarHttpController {
  constructor(private readonly feeds: CalendarFeedsUseCase) {}

  @Get('leaders/:leaderId/calendar.ics')
  @Header('content-type', ICS)
  @ApiOperation({ summary: '领导接访日历 (a leader’s reception days and sessions, .ics)' })
  @ApiParam({ name: 'leaderId' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'RFC 5545 iCalendar' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  leaderCalendar(
    @CurrentPrincipal() principal: Principal,
    @Param('leaderId') leaderId: string,
  ): Promise<string> {
    return this.feeds.leader(principal, leaderId);
  }

  @Get('halls/:hallId/calendar.ics')
  @Header('content-type', ICS)
  @ApiOperation({
    summary: '接访厅日历 (a hall’s sessions and the days that may connect it, .ics)',
  })
  @ApiParam({ name: 'hallId', format: 'uuid' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'RFC 5545 iCalendar' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  hallCalendar(
    @CurrentPrincipal() principal: Principal,
    @Param('hallId') hallId: string,
  ): Promise<string> {
    return this.feeds.hall(principal, hallId);
  }
}
