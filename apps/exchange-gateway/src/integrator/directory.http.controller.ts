import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { divisionDirectorySchema, type DivisionDirectory } from '@minsheng/contracts';
import { DIVISION_TABLE, findDivision, isWithinJurisdiction } from '@minsheng/domain';
import { openApiSchema } from '@minsheng/runtime';
import type { IntegratorCaller } from './integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from './integrator-endpoint.decorator.js';

/**
 * Directories. Divisions only: petition publishes no organ events or organ command, and the
 * gateway may not read petition's schema, so an organ directory waits for one of those.
 */
@ApiTags('integrator: directories')
@Controller('exchange/v1')
export class DirectoryHttpController {
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
}
