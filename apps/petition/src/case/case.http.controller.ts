import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  caseDetailResponseSchema,
  caseListPageSchema,
  caseSearchResultSchema,
  listCasesQuerySchema,
  registerCaseRequestSchema,
  searchByPetitionerRequestSchema,
  searchCasesQuerySchema,
  type CaseDetailResponse,
  type CaseListPage,
  type CaseSearchResult,
  type ListCasesQuery,
  type RegisterCaseRequest,
  type SearchByPetitionerRequest,
  type SearchCasesQuery,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { GetCaseUseCase } from './get-case.use-case.js';
import { ListCasesUseCase } from './list-cases.use-case.js';
import { RegisterCaseUseCase } from './register-case.use-case.js';
import { SearchCasesByPetitionerUseCase } from './search-cases-by-petitioner.use-case.js';
import { SearchCasesUseCase } from './search-cases.use-case.js';

const CASE_READERS = ['clerk', 'handler', 'supervisor', 'leader'] as const;

/** The case file: registration by staff, worklists, search and the case itself. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CaseHttpController {
  constructor(
    private readonly registerCase: RegisterCaseUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly searchCases: SearchCasesUseCase,
    private readonly searchByPetitioner: SearchCasesByPetitionerUseCase,
    private readonly getCase: GetCaseUseCase,
  ) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({ summary: '登记来信、来访、电话、视频、留言板信访事项 (register a case)' })
  @ApiBody({ schema: openApiSchema(registerCaseRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(caseDetailResponseSchema) })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, INVALID_ID_NUMBER, UNKNOWN_DIVISION, ORGAN_REQUIRED',
  })
  @ApiResponse({
    status: 403,
    description: 'FORBIDDEN; NOT_PERMITTED (a division outside the organ’s)',
  })
  register(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(registerCaseRequestSchema)) body: RegisterCaseRequest,
  ): Promise<CaseDetailResponse> {
    return this.registerCase.execute(principal, body);
  }

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({
    summary: '工作台 (worklists: mine, organ, due-soon, overdue) with cursor pagination',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(caseListPageSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR, ORGAN_REQUIRED' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listCasesQuerySchema)) query: ListCasesQuery,
  ): Promise<CaseListPage> {
    return this.listCases.execute(principal, query);
  }

  @Get('search')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '按编号或内容查询 (search by number prefix or words)' })
  @ApiResponse({ status: 200, schema: openApiSchema(caseSearchResultSchema) })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(searchCasesQuerySchema)) query: SearchCasesQuery,
  ): Promise<CaseSearchResult> {
    return this.searchCases.execute(principal, query);
  }

  @Post('search/petitioner')
  @HttpCode(200)
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '按信访人身份证号查询 (the number goes in the body, never a URL)' })
  @ApiBody({ schema: openApiSchema(searchByPetitionerRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(caseSearchResultSchema) })
  @ApiResponse({ status: 400, description: 'INVALID_ID_NUMBER' })
  searchPetitioner(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(searchByPetitionerRequestSchema)) body: SearchByPetitionerRequest,
  ): Promise<CaseSearchResult> {
    return this.searchByPetitioner.execute(principal, body);
  }

  @Get(':petitionNumber')
  @Roles(...CASE_READERS)
  @ApiOperation({
    summary: '信访事项详情，含办理过程和告知书 (a case with its timeline and notices)',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(caseDetailResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown, or outside the caller’s jurisdiction',
  })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<CaseDetailResponse> {
    return this.getCase.execute(principal, petitionNumber);
  }
}
