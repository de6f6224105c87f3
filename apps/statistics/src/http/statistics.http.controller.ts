import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  acknowledgeWarningRequestSchema,
  digestQuerySchema,
  exportQuerySchema,
  hotspotsQuerySchema,
  hotspotsResponseSchema,
  leaderMailboxStatisticsQuerySchema,
  leaderMailboxStatisticsResponseSchema,
  ratesResponseSchema,
  statisticsQuerySchema,
  suggestionStatisticsQuerySchema,
  suggestionStatisticsResponseSchema,
  themeRuleRequestSchema,
  themeRuleSchema,
  themeRulesResponseSchema,
  themesQuerySchema,
  themesResponseSchema,
  themeTrendsQuerySchema,
  themeTrendsResponseSchema,
  volumesResponseSchema,
  warningHandlingRequestSchema,
  warningSchema,
  warningsQuerySchema,
  warningsResponseSchema,
  type HotspotsQuery,
  type LeaderMailboxStatisticsQuery,
  type StatisticsQuery,
  type SuggestionStatisticsQuery,
  type ThemeRuleRequest,
  type WarningHandlingRequest,
  type WarningsQuery,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AnalysisQueries } from '../analysis/analysis-queries.js';
import { StatisticsQueries } from '../measures/statistics-queries.js';
import { SuggestionQueries } from '../measures/suggestion-queries.js';
import { resolveScope } from '../measures/statistics-scope.js';
import { MonthlyDigestUseCase } from '../reports/monthly-digest.use-case.js';
import {
  ratesTable,
  toCsv,
  toXlsx,
  volumesTable,
  type ReportTable,
} from '../reports/report-tables.js';
import { StatisticsClock } from './statistics-clock.js';
import { StatisticsError } from '../measures/statistics.errors.js';

const VIEWERS = ['analyst', 'leader', 'supervisor'] as const;
/** A malformed id names no record: 404, like an unknown one. */
const uuid = {
  transform(value: string): string {
    if (!z.uuid().safeParse(value).success) throw StatisticsError.notFound();
    return value;
  },
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('api/v1/statistics')
export class StatisticsHttpController {
  constructor(
    private readonly statistics: StatisticsQueries,
    private readonly analysis: AnalysisQueries,
    private readonly digest: MonthlyDigestUseCase,
    private readonly clock: StatisticsClock,
    private readonly suggestionFigures: SuggestionQueries,
  ) {}

  @Get('rates')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '三率 and other rates for a division subtree, as a series' })
  @ApiResponse({ status: 200, schema: openApiSchema(ratesResponseSchema) })
  rates(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(statisticsQuerySchema)) query: StatisticsQuery,
  ) {
    return this.statistics.rates(resolveScope(principal, query, this.clock.now()), query.groupBy);
  }

  @Get('volumes')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '信访总量: new, concluded, backlog, overdue, receptions, messages' })
  @ApiResponse({ status: 200, schema: openApiSchema(volumesResponseSchema) })
  volumes(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(statisticsQuerySchema)) query: StatisticsQuery,
  ) {
    return this.statistics.volumes(resolveScope(principal, query, this.clock.now()), query.groupBy);
  }

  @Get('suggestions')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '意见建议: received, studied, adopted — by theme or by organ' })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStatisticsResponseSchema) })
  suggestions(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(suggestionStatisticsQuerySchema)) query: SuggestionStatisticsQuery,
  ) {
    return this.suggestionFigures.suggestions(
      resolveScope(principal, query, this.clock.now()),
      query.groupBy,
    );
  }

  @Get('leader-mailboxes')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '领导信箱 by addressee (received, replied on time) beside the 留言板' })
  @ApiResponse({ status: 200, schema: openApiSchema(leaderMailboxStatisticsResponseSchema) })
  leaderMailboxes(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(leaderMailboxStatisticsQuerySchema))
    query: LeaderMailboxStatisticsQuery,
  ) {
    return this.suggestionFigures.leaderMailboxes(resolveScope(principal, query, this.clock.now()));
  }

  @Get('hotspots')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '热点: topics ranked by keyword weight, with their surge test' })
  @ApiResponse({ status: 200, schema: openApiSchema(hotspotsResponseSchema) })
  hotspots(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(hotspotsQuerySchema)) query: HotspotsQuery,
  ) {
    return this.analysis.hotspots(
      resolveScope(principal, query, this.clock.now(), 30),
      query.limit,
    );
  }

  @Get('warnings')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '预警: surges, collective action, mobilisation language' })
  @ApiResponse({ status: 200, schema: openApiSchema(warningsResponseSchema) })
  async warnings(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(warningsQuerySchema)) query: WarningsQuery,
  ) {
    const scope = resolveScope(principal, { divisionCode: query.divisionCode }, this.clock.now());
    return { warnings: await this.analysis.warnings(principal, scope.divisionCode, query) };
  }

  @Post('warnings/:id/acknowledge')
  @HttpCode(200)
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '签收预警' })
  @ApiResponse({ status: 200, schema: openApiSchema(warningSchema) })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(acknowledgeWarningRequestSchema)) body: { note: string | null },
  ) {
    return this.analysis.addTrail(principal, id, 'acknowledged', body.note);
  }

  @Post('warnings/:id/handling')
  @HttpCode(200)
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '预警处置记录 (one entry of the handling trail)' })
  @ApiResponse({ status: 200, schema: openApiSchema(warningSchema) })
  handling(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(warningHandlingRequestSchema)) body: WarningHandlingRequest,
  ) {
    return this.analysis.addTrail(principal, id, body.close ? 'closed' : 'handling', body.note);
  }

  @Get('themes')
  @Roles(...VIEWERS)
  @ApiResponse({ status: 200, schema: openApiSchema(themesResponseSchema) })
  themes(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(themesQuerySchema)) query: z.output<typeof themesQuerySchema>,
  ) {
    return this.analysis.themes(resolveScope(principal, query, this.clock.now()));
  }

  @Get('themes/trends')
  @Roles(...VIEWERS)
  @ApiResponse({ status: 200, schema: openApiSchema(themeTrendsResponseSchema) })
  themeTrends(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(themeTrendsQuerySchema))
    query: z.output<typeof themeTrendsQuerySchema>,
  ) {
    return this.analysis.themeTrends(
      resolveScope(principal, query, this.clock.now()),
      query.themeCode,
    );
  }

  @Get('theme-rules')
  @Roles(...VIEWERS)
  @ApiResponse({ status: 200, schema: openApiSchema(themeRulesResponseSchema) })
  async rules() {
    return { rules: await this.analysis.rules() };
  }

  @Post('theme-rules')
  @Roles('analyst', 'supervisor')
  @ApiResponse({ status: 201, schema: openApiSchema(themeRuleSchema) })
  createRule(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(themeRuleRequestSchema)) body: ThemeRuleRequest,
  ) {
    return this.analysis.saveRule(principal, null, body);
  }

  @Put('theme-rules/:id')
  @Roles('analyst', 'supervisor')
  @ApiResponse({ status: 200, schema: openApiSchema(themeRuleSchema) })
  updateRule(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(themeRuleRequestSchema)) body: ThemeRuleRequest,
  ) {
    return this.analysis.saveRule(principal, id, body);
  }

  @Delete('theme-rules/:id')
  @HttpCode(204)
  @Roles('analyst', 'supervisor')
  async deleteRule(@Param('id', uuid) id: string): Promise<void> {
    await this.analysis.deleteRule(id);
  }

  @Get('digest')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: '每月梳理汇总 as an HTML print view or an Excel workbook' })
  async monthlyDigest(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(digestQuerySchema)) query: z.output<typeof digestQuerySchema>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const digest = await this.digest.build(
      principal,
      query.divisionCode,
      query.month,
      this.clock.now(),
    );
    const name = encodeURIComponent(digest.title);
    if (query.format === 'xlsx') {
      await reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="digest-${query.month}.xlsx"; filename*=UTF-8''${name}.xlsx`,
        )
        .send(await digest.xlsx());
      return;
    }
    await reply.header('content-type', 'text/html; charset=utf-8').send(digest.html());
  }

  @Get('export')
  @Roles(...VIEWERS)
  @ApiOperation({ summary: 'Any dashboard table as CSV or Excel' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(exportQuerySchema)) query: z.output<typeof exportQuerySchema>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const now = this.clock.now();
    const scope = resolveScope(principal, query, now, query.table === 'hotspots' ? 30 : 365);
    let table: ReportTable;
    switch (query.table) {
      case 'rates':
        table = ratesTable(await this.statistics.rates(scope, query.groupBy));
        break;
      case 'volumes':
        table = volumesTable(await this.statistics.volumes(scope, query.groupBy));
        break;
      case 'hotspots':
        table = {
          name: '热点问题',
          headers: ['关键词', '件数', '权重', '涉及地区数', '前期均值', 'p值', '类型'],
          rows: (await this.analysis.hotspots(scope, 100)).hotspots.map((h) => [
            h.topic,
            h.count,
            h.weight,
            h.divisions,
            h.baseline,
            h.pValue,
            h.classes.join('/'),
          ]),
        };
        break;
      case 'warnings':
        table = {
          name: '预警',
          headers: [
            '编号',
            '地区',
            '类型',
            '级别',
            '事项',
            '信访人数',
            '件数',
            '状态',
            '发现时间',
            '摘要',
          ],
          rows: (await this.analysis.warnings(principal, scope.divisionCode, { limit: 500 })).map(
            (w) => [
              w.id,
              w.divisionName,
              w.kind,
              w.level,
              w.topic,
              w.petitioners,
              w.observed,
              w.status,
              w.detectedAt,
              w.summary,
            ],
          ),
        };
        break;
      case 'themes':
        table = {
          name: '主题分析',
          headers: ['主题代码', '主题', '件数'],
          rows: (await this.analysis.themes(scope)).themes.map((t) => [
            t.themeCode,
            t.themeName,
            t.count,
          ]),
        };
        break;
    }
    const file = `${query.table}-${scope.divisionCode}-${scope.fromDay}`;
    if (query.format === 'xlsx') {
      await reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${file}.xlsx"`)
        .send(await toXlsx([table]));
      return;
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}.csv"`)
      .send(toCsv(table));
  }
}
