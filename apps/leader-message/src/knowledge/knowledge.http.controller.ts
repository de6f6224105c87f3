import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  knowledgeSearchQuerySchema,
  policyArticleRequestSchema,
  policyArticleResponseSchema,
  replyTemplateRequestSchema,
  replyTemplateResponseSchema,
  type KnowledgeSearchQuery,
  type PolicyArticleRequest,
  type PolicyArticleResponse,
  type ReplyTemplateRequest,
  type ReplyTemplateResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { PolicyArticles, ReplyTemplates } from './knowledge-stores.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** 答复模板: kept by the leader's office (clerks, supervisors); read by everyone drafting. */
@ApiTags('reply templates')
@ApiBearerAuth()
@Controller('api/v1/reply-templates')
export class ReplyTemplatesHttpController {
  constructor(private readonly templates: ReplyTemplates) {}

  @Post()
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '新增答复模板' })
  @ApiBody({ schema: openApiSchema(replyTemplateRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(replyTemplateResponseSchema) })
  create(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(replyTemplateRequestSchema)) body: ReplyTemplateRequest,
  ): Promise<ReplyTemplateResponse> {
    return this.templates.create(p, body);
  }

  @Get()
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({
    summary: '检索答复模板 (q: any words or a whole sentence; matched by two-character pieces)',
  })
  search(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(knowledgeSearchQuerySchema)) query: KnowledgeSearchQuery,
  ): Promise<ReplyTemplateResponse[]> {
    return this.templates.search(p, query);
  }

  @Get(':id')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<ReplyTemplateResponse> {
    return this.templates.get(p, id);
  }

  @Put(':id')
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '修改答复模板' })
  @ApiBody({ schema: openApiSchema(replyTemplateRequestSchema) })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(replyTemplateRequestSchema)) body: ReplyTemplateRequest,
  ): Promise<ReplyTemplateResponse> {
    return this.templates.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '删除答复模板' })
  remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.templates.remove(p, id);
  }
}

/** 政策知识库: kept by the leader's office's supervisors; read by everyone drafting. */
@ApiTags('policy knowledge base')
@ApiBearerAuth()
@Controller('api/v1/policies')
export class PolicyArticlesHttpController {
  constructor(private readonly policies: PolicyArticles) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: '新增政策文件' })
  @ApiBody({ schema: openApiSchema(policyArticleRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(policyArticleResponseSchema) })
  create(
    @CurrentPrincipal() p: Principal,
    @Body(new ZodValidationPipe(policyArticleRequestSchema)) body: PolicyArticleRequest,
  ): Promise<PolicyArticleResponse> {
    return this.policies.create(p, body);
  }

  @Get()
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({
    summary: '检索政策知识库 (q: any words or a whole sentence; matched by two-character pieces)',
  })
  search(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(knowledgeSearchQuerySchema)) query: KnowledgeSearchQuery,
  ): Promise<PolicyArticleResponse[]> {
    return this.policies.search(p, query);
  }

  @Get(':id')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<PolicyArticleResponse> {
    return this.policies.get(p, id);
  }

  @Put(':id')
  @Roles('supervisor')
  @ApiOperation({ summary: '修改政策文件' })
  @ApiBody({ schema: openApiSchema(policyArticleRequestSchema) })
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(policyArticleRequestSchema)) body: PolicyArticleRequest,
  ): Promise<PolicyArticleResponse> {
    return this.policies.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('supervisor')
  @ApiOperation({ summary: '删除政策文件' })
  remove(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.policies.remove(p, id);
  }
}
