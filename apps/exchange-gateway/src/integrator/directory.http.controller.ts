import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  divisionDirectorySchema,
  organDirectoryQuerySchema,
  organDirectorySchema,
  type DivisionDirectory,
  type OrganDirectory,
} from '@minsheng/contracts';
import { DIVISION_TABLE, findDivision, isWithinJurisdiction } from '@minsheng/domain';
import { SqlParams, divisionSubtree } from '@minsheng/persistence';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import type { IntegratorCaller } from './integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from './integrator-endpoint.decorator.js';
import { requestedDivision } from './requested-division.js';

/** Directories: GB/T 2260 divisions, and the responsible organs (a copy fed by petition's events). */
@ApiTags('integrator: directories')
@Controller('exchange/v1')
export class DirectoryHttpController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('divisions')
  @IntegratorEndpoint('directory:read')
  @ApiOperation({ summary: '行政区划目录 (the client’s allowed divisions and their subtrees)' })
  @ApiResponse({ status: 200, schema: openApiSchema(divisionDirectorySchema) })
  divisions(@CurrentCaller() caller: IntegratorCaller): DivisionDirectory {
    const items = DIVISION_TABLE.filter(([code]) =>
      caller.allowedDivisions.some((scope) => isWithinJurisdiction(scope, code)),
    )
      .map(([code]) => findDivision(code))
      .filter((d) => d !== undefined)
      .map((d) => ({
        code: d.code,
        name: d.name,
        fullName: d.fullName,
        tier: d.tier,
        parentCode: d.parentCode,
      }));
    return { items };
  }

  @Get('organs')
  @IntegratorEndpoint('directory:read')
  @ApiOperation({
    summary: '责任单位目录 (active organs of the client’s divisions, or of one of their subtrees)',
  })
  @ApiQuery({ name: 'divisionCode', required: false })
  @ApiResponse({ status: 200, schema: openApiSchema(organDirectorySchema) })
  @ApiResponse({ status: 403, description: 'INTEGRATOR_DIVISION_NOT_ALLOWED' })
  async organs(
    @CurrentCaller() caller: IntegratorCaller,
    @Query(new ZodValidationPipe(organDirectoryQuerySchema))
    query: z.output<typeof organDirectoryQuerySchema>,
  ): Promise<OrganDirectory> {
    const scopes = query.divisionCode
      ? [requestedDivision(caller, query.divisionCode)]
      : caller.allowedDivisions;
    const params = new SqlParams();
    const where = scopes.map((code) => divisionSubtree('division_code', code, params)).join(' OR ');
    const rows = (await this.dataSource.query(
      `SELECT organ_id, name, kind, division_code, parent_id FROM organ_directory
        WHERE active AND (${where}) ORDER BY division_code, organ_id`,
      params.values,
    )) as Array<{
      organ_id: string;
      name: string;
      kind: OrganDirectory['items'][number]['kind'];
      division_code: string;
      parent_id: string | null;
    }>;
    return {
      items: rows.map((r) => ({
        id: r.organ_id,
        name: r.name,
        kind: r.kind,
        divisionCode: r.division_code,
        parentId: r.parent_id,
      })),
    };
  }
}
