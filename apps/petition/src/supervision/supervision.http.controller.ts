import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  caseSupervisionResponseSchema,
  completeInstructionRequestSchema,
  escalateSupervisionOrderRequestSchema,
  instructionResponseSchema,
  issueCircularRequestSchema,
  issueInstructionRequestSchema,
  issueSupervisionOrderRequestSchema,
  listSupervisionOrdersQuerySchema,
  recordInterviewRequestSchema,
  replySupervisionOrderRequestSchema,
  supervisionOrderListResponseSchema,
  supervisionOrderResponseSchema,
  supervisionRecordResponseSchema,
  type CaseSupervisionResponse,
  type CompleteInstructionRequest,
  type EscalateSupervisionOrderRequest,
  type InstructionResponse,
  type IssueCircularRequest,
  type IssueInstructionRequest,
  type IssueSupervisionOrderRequest,
  type ListSupervisionOrdersQuery,
  type RecordInterviewRequest,
  type ReplySupervisionOrderRequest,
  type SupervisionOrderListResponse,
  type SupervisionOrderResponse,
  type SupervisionRecordResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CompleteInstructionUseCase } from './complete-instruction.use-case.js';
import { EscalateSupervisionOrderUseCase } from './escalate-supervision-order.use-case.js';
import { GetCaseSupervisionUseCase } from './get-case-supervision.use-case.js';
import { IssueCircularUseCase } from './issue-circular.use-case.js';
import { IssueInstructionUseCase } from './issue-instruction.use-case.js';
import { IssueSupervisionOrderUseCase } from './issue-supervision-order.use-case.js';
import { ListSupervisionOrdersUseCase } from './list-supervision-orders.use-case.js';
import { RecordInterviewUseCase } from './record-interview.use-case.js';
import { ReplySupervisionOrderUseCase } from './reply-supervision-order.use-case.js';

const NOT_FOUND = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** 督办: supervision of a case — orders, escalation, interviews, circulars, leaders' instructions. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api/v1')
export class SupervisionHttpController {
  constructor(
    private readonly issueOrder: IssueSupervisionOrderUseCase,
    private readonly escalateOrder: EscalateSupervisionOrderUseCase,
    private readonly replyOrder: ReplySupervisionOrderUseCase,
    private readonly listOrders: ListSupervisionOrdersUseCase,
    private readonly recordInterview: RecordInterviewUseCase,
    private readonly issueCircular: IssueCircularUseCase,
    private readonly issueInstruction: IssueInstructionUseCase,
    private readonly completeInstruction: CompleteInstructionUseCase,
    private readonly caseSupervision: GetCaseSupervisionUseCase,
  ) {}

  @Get('cases/:petitionNumber/supervision')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({ summary: '督办情况 (orders, interviews, circulars and instructions of a case)' })
  @ApiResponse({ status: 200, schema: openApiSchema(caseSupervisionResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  ofCase(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<CaseSupervisionResponse> {
    return this.caseSupervision.execute(principal, petitionNumber);
  }

  @Post('cases/:petitionNumber/supervision-orders')
  @Roles('supervisor')
  @ApiOperation({ summary: '下发督办单 (issue a supervision order with a reply deadline)' })
  @ApiBody({ schema: openApiSchema(issueSupervisionOrderRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(supervisionOrderResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  order(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(issueSupervisionOrderRequestSchema))
    body: IssueSupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    return this.issueOrder.execute(principal, petitionNumber, body);
  }

  @Get('supervision-orders')
  @Roles('supervisor', 'handler', 'leader')
  @ApiOperation({ summary: '督办单 (orders to my organ, or of my jurisdiction)' })
  @ApiResponse({ status: 200, schema: openApiSchema(supervisionOrderListResponseSchema) })
  orders(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listSupervisionOrdersQuerySchema))
    query: ListSupervisionOrdersQuery,
  ): Promise<SupervisionOrderListResponse> {
    return this.listOrders.execute(principal, query);
  }

  @Post('supervision-orders/:orderId/escalate')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '挂牌督办 (escalate an order)' })
  @ApiBody({ schema: openApiSchema(escalateSupervisionOrderRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(supervisionOrderResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: 'ALREADY_ESCALATED, ALREADY_CLOSED' })
  escalate(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
    @Body(new ZodValidationPipe(escalateSupervisionOrderRequestSchema))
    body: EscalateSupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    return this.escalateOrder.execute(principal, orderId, body);
  }

  @Post('supervision-orders/:orderId/reply')
  @HttpCode(200)
  @Roles('handler', 'leader')
  @ApiOperation({ summary: '回复督办单 (the supervised organ answers)' })
  @ApiBody({ schema: openApiSchema(replySupervisionOrderRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(supervisionOrderResponseSchema) })
  @ApiResponse({ status: 403, description: 'NOT_PERMITTED — not of the supervised organ' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: 'ALREADY_CLOSED' })
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId') orderId: string,
    @Body(new ZodValidationPipe(replySupervisionOrderRequestSchema))
    body: ReplySupervisionOrderRequest,
  ): Promise<SupervisionOrderResponse> {
    return this.replyOrder.execute(principal, orderId, body);
  }

  @Post('cases/:petitionNumber/interviews')
  @Roles('supervisor')
  @ApiOperation({ summary: '约谈记录 (record an interview)' })
  @ApiBody({ schema: openApiSchema(recordInterviewRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(supervisionRecordResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  interview(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(recordInterviewRequestSchema)) body: RecordInterviewRequest,
  ): Promise<SupervisionRecordResponse> {
    return this.recordInterview.execute(principal, petitionNumber, body);
  }

  @Post('cases/:petitionNumber/circulars')
  @Roles('supervisor')
  @ApiOperation({ summary: '通报 (issue a circular on an organ’s handling)' })
  @ApiBody({ schema: openApiSchema(issueCircularRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(supervisionRecordResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  circular(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(issueCircularRequestSchema)) body: IssueCircularRequest,
  ): Promise<SupervisionRecordResponse> {
    return this.issueCircular.execute(principal, petitionNumber, body);
  }

  @Post('cases/:petitionNumber/instructions')
  @Roles('leader')
  @ApiOperation({ summary: '领导批示 (an instruction, a task with a deadline for an organ)' })
  @ApiBody({ schema: openApiSchema(issueInstructionRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(instructionResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  instruct(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(issueInstructionRequestSchema)) body: IssueInstructionRequest,
  ): Promise<InstructionResponse> {
    return this.issueInstruction.execute(principal, petitionNumber, body);
  }

  @Post('instructions/:instructionId/complete')
  @HttpCode(200)
  @Roles('handler', 'leader')
  @ApiOperation({ summary: '报告批示办理结果 (the assignee organ reports)' })
  @ApiBody({ schema: openApiSchema(completeInstructionRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(instructionResponseSchema) })
  @ApiResponse({ status: 403, description: 'NOT_PERMITTED — not of the assignee organ' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: 'ALREADY_CLOSED' })
  complete(
    @CurrentPrincipal() principal: Principal,
    @Param('instructionId') instructionId: string,
    @Body(new ZodValidationPipe(completeInstructionRequestSchema)) body: CompleteInstructionRequest,
  ): Promise<InstructionResponse> {
    return this.completeInstruction.execute(principal, instructionId, body);
  }
}
