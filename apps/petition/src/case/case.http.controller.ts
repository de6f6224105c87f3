import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { caseSummaryResponseSchema, type CaseSummaryResponse } from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { GetCaseUseCase } from './get-case.use-case.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CaseHttpController {
  constructor(private readonly getCase: GetCaseUseCase) {}

  @Get(':petitionNumber')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({ summary: '信访事项详情 (a case by its number)' })
  @ApiResponse({ status: 200, schema: openApiSchema(caseSummaryResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown, or outside the caller’s jurisdiction',
  })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<CaseSummaryResponse> {
    return this.getCase.execute(principal, petitionNumber);
  }
}
