import { Body, Controller, Get, Param } from '@nestjs/common';
import { Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  boardResponseSchema,
  configureBoardRequestSchema,
  type BoardResponse,
  type ConfigureBoardRequest,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { BrowseBoardUseCase, ConfigureBoardUseCase, ListBoardsUseCase } from './board.use-cases.js';

@ApiTags('boards')
@ApiBearerAuth()
@Controller('api/v1/boards')
export class BoardHttpController {
  constructor(
    private readonly configure: ConfigureBoardUseCase,
    private readonly list: ListBoardsUseCase,
    private readonly browse: BrowseBoardUseCase,
  ) {}

  @Post()
  @Roles('supervisor', 'clerk')
  @ApiOperation({ summary: '配置领导留言板 (a board to pull)' })
  @ApiBody({ schema: openApiSchema(configureBoardRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(boardResponseSchema) })
  @ApiResponse({ status: 409, description: 'BOARD_ALREADY_CONFIGURED' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(configureBoardRequestSchema)) body: ConfigureBoardRequest,
  ): Promise<BoardResponse> {
    return this.configure.execute(principal, body);
  }

  @Get()
  @Roles('clerk', 'supervisor', 'leader', 'analyst')
  @ApiOperation({ summary: '留言板及同步状态 (boards in the caller’s jurisdiction)' })
  findAll(@CurrentPrincipal() principal: Principal): Promise<BoardResponse[]> {
    return this.list.execute(principal);
  }

  @Get(':id/new-messages')
  @Roles('clerk', 'leader', 'supervisor')
  @ApiOperation({ summary: '定期浏览 (unclaimed messages; the look is recorded)' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, or outside the jurisdiction' })
  newMessages(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<LeaderMessageResponse[]> {
    return this.browse.execute(principal, id);
  }
}
