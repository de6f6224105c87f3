import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  boardResponseSchema,
  configureBoardRequestSchema,
  importMessagesRequestSchema,
  importMessagesResponseSchema,
  type BoardResponse,
  type ConfigureBoardRequest,
  type ImportMessagesResponse,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { decodeExport } from '../import/board-export.parser.js';
import { isWorkbook } from '../import/workbook-export.reader.js';
import { ImportMessagesUseCase } from '../import/import-messages.use-case.js';
import { BrowseBoardUseCase, ConfigureBoardUseCase, ListBoardsUseCase } from './board.use-cases.js';

const importBody = new ZodValidationPipe(importMessagesRequestSchema);

@ApiTags('boards')
@ApiBearerAuth()
@Controller('api/v1/boards')
export class BoardHttpController {
  constructor(
    private readonly configure: ConfigureBoardUseCase,
    private readonly list: ListBoardsUseCase,
    private readonly browse: BrowseBoardUseCase,
    private readonly importMessages: ImportMessagesUseCase,
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

  @Post(':id/imports')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({
    summary:
      '导入留言板导出文件 (the file as .xlsx or text/csv, UTF-8 or GB18030; or JSON { csv }). All or nothing.',
  })
  @ApiBody({ schema: openApiSchema(importMessagesRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(importMessagesResponseSchema) })
  @ApiResponse({ status: 400, description: 'INVALID_IMPORT — fields: rows.<n>.<field> with codes' })
  import(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ImportMessagesResponse> {
    // The raw file arrives as bytes (see CsvBodyParser): a workbook or CSV, whatever it was
    // labelled; pasted text as JSON.
    if (Buffer.isBuffer(body)) {
      return this.importMessages.execute(
        principal,
        id,
        isWorkbook(body) ? { workbook: body } : { csv: decodeExport(body) },
      );
    }
    return this.importMessages.execute(principal, id, { csv: importBody.transform(body).csv });
  }
}
