import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  acceptCaseRequestSchema,
  approveExtensionRequestSchema,
  assignCaseRequestSchema,
  caseDetailResponseSchema,
  concludeCaseRequestSchema,
  decideReexaminationRequestSchema,
  decideReviewRequestSchema,
  declineCaseRequestSchema,
  endHearingRequestSchema,
  linkFinalCaseRequestSchema,
  objectCaseRequestSchema,
  recordReexaminationRequestSchema,
  recordReviewRequestSchema,
  rejectExtensionRequestSchema,
  replyCaseRequestSchema,
  requestExtensionRequestSchema,
  routeToLitigationRequestSchema,
  startHearingRequestSchema,
  transferCaseRequestSchema,
  type CaseDetailResponse,
  type Role,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { PETITION_TRANSITIONS, type PetitionActionType } from '@minsheng/domain';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { ApplyCaseActionUseCase } from './apply-case-action.use-case.js';
import { caseActions } from './case-actions.js';

/** The roles the workflow lets take an action: the route admits them, the workflow decides. */
const rolesFor = (action: PetitionActionType): Role[] => [
  ...new Set(PETITION_TRANSITIONS[action].staff.map((party) => party.role)),
];

const ValidBody = <S extends z.ZodType>(schema: S) => Body(new ZodValidationPipe(schema));

/** Documents one action endpoint: its body and the refusals the workflow may answer. */
function action(summary: string, schema: z.ZodType) {
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
    ApiOperation({ summary })(target, key, descriptor);
    ApiBody({ schema: openApiSchema(schema) })(target, key, descriptor);
    ApiResponse({ status: 200, schema: openApiSchema(caseDetailResponseSchema) })(
      target,
      key,
      descriptor,
    );
    ApiResponse({
      status: 400,
      description:
        'VALIDATION_FAILED, REASON_REQUIRED, INVALID_INPUT, UNKNOWN_ORGAN, ORGAN_INACTIVE',
    })(target, key, descriptor);
    ApiResponse({
      status: 403,
      description: 'FORBIDDEN (role); NOT_PERMITTED (not of the organ that has to act)',
    })(target, key, descriptor);
    ApiResponse({
      status: 404,
      description: 'NOT_FOUND — unknown, or outside the caller’s jurisdiction',
    })(target, key, descriptor);
    ApiResponse({
      status: 409,
      description:
        'ILLEGAL_TRANSITION, DEADLINE_PASSED, EXTENSION_ALREADY_USED, EXTENSION_TOO_LONG, NOT_ACCEPTED_AGAIN',
    })(target, key, descriptor);
  };
}

/**
 * Every step of the statutory workflow, one endpoint each. The controller only validates and
 * hands over; the state machine in `@minsheng/domain` decides what is legal and who may do it.
 */
@ApiTags('case workflow')
@ApiBearerAuth()
@Controller('api/v1/cases/:petitionNumber')
export class CaseActionsHttpController {
  constructor(private readonly apply: ApplyCaseActionUseCase) {}

  private run(
    principal: Principal,
    petitionNumber: string,
    input: Parameters<ApplyCaseActionUseCase['execute']>[2],
  ) {
    return this.apply.execute(principal, petitionNumber, input);
  }

  @Post('transfer')
  @HttpCode(200)
  @Roles(...rolesFor('transfer'))
  @action('转送 (transfer to the organ with authority)', transferCaseRequestSchema)
  transfer(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(transferCaseRequestSchema) b: z.output<typeof transferCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.transfer(b));
  }

  @Post('assign')
  @HttpCode(200)
  @Roles(...rolesFor('assign'))
  @action('交办 (assign, with a deadline for the result report)', assignCaseRequestSchema)
  assign(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(assignCaseRequestSchema) b: z.output<typeof assignCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.assign(b));
  }

  @Post('object')
  @HttpCode(200)
  @Roles(...rolesFor('object'))
  @action('异议退回 (object: not responsible, within 5 working days)', objectCaseRequestSchema)
  object(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(objectCaseRequestSchema) b: z.output<typeof objectCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.object(b));
  }

  @Post('accept')
  @HttpCode(200)
  @Roles(...rolesFor('accept'))
  @action('受理 (accept; issues the 受理告知书)', acceptCaseRequestSchema)
  accept(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(acceptCaseRequestSchema) b: z.output<typeof acceptCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.accept(b));
  }

  @Post('decline')
  @HttpCode(200)
  @Roles(...rolesFor('decline'))
  @action('不予受理 (decline; issues the 不予受理告知书)', declineCaseRequestSchema)
  decline(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(declineCaseRequestSchema) b: z.output<typeof declineCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.decline(b));
  }

  @Post('route-to-litigation')
  @HttpCode(200)
  @Roles(...rolesFor('route-to-litigation'))
  @action(
    '诉访分离 (route to litigation, arbitration or reconsideration)',
    routeToLitigationRequestSchema,
  )
  routeToLitigation(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(routeToLitigationRequestSchema) b: z.output<typeof routeToLitigationRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.routeToLitigation(b));
  }

  @Post('link-final-case')
  @HttpCode(200)
  @Roles(...rolesFor('link-final-case'))
  @action(
    '关联已终结事项 (same facts as a final case: not accepted again)',
    linkFinalCaseRequestSchema,
  )
  linkFinalCase(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(linkFinalCaseRequestSchema) b: z.output<typeof linkFinalCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.linkFinalCase(b));
  }

  @Post('request-extension')
  @HttpCode(200)
  @Roles(...rolesFor('request-extension'))
  @action('申请延期 (ask the organ head for the one extension)', requestExtensionRequestSchema)
  requestExtension(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(requestExtensionRequestSchema) b: z.output<typeof requestExtensionRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.requestExtension(b));
  }

  @Post('approve-extension')
  @HttpCode(200)
  @Roles(...rolesFor('approve-extension'))
  @action('批准延期 (approve; issues the 延期告知书)', approveExtensionRequestSchema)
  approveExtension(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(approveExtensionRequestSchema) b: z.output<typeof approveExtensionRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.approveExtension(b));
  }

  @Post('reject-extension')
  @HttpCode(200)
  @Roles(...rolesFor('reject-extension'))
  @action('不批准延期 (reject the extension)', rejectExtensionRequestSchema)
  rejectExtension(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(rejectExtensionRequestSchema) b: z.output<typeof rejectExtensionRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.rejectExtension(b));
  }

  @Post('reply')
  @HttpCode(200)
  @Roles(...rolesFor('reply'))
  @action('答复 (reply; issues the 处理意见书)', replyCaseRequestSchema)
  reply(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(replyCaseRequestSchema) b: z.output<typeof replyCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.reply(b));
  }

  @Post('conclude')
  @HttpCode(200)
  @Roles(...rolesFor('conclude'))
  @action('办结 (conclude)', concludeCaseRequestSchema)
  conclude(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(concludeCaseRequestSchema) b: z.output<typeof concludeCaseRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.conclude(b));
  }

  @Post('request-review')
  @HttpCode(200)
  @Roles(...rolesFor('request-review'))
  @action(
    '登记复查请求 (record a review request made by letter or in person)',
    recordReviewRequestSchema,
  )
  requestReview(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(recordReviewRequestSchema) b: z.output<typeof recordReviewRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.requestReview(b));
  }

  @Post('decide-review')
  @HttpCode(200)
  @Roles(...rolesFor('decide-review'))
  @action('作出复查意见 (decide the review; issues the 复查意见书)', decideReviewRequestSchema)
  decideReview(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(decideReviewRequestSchema) b: z.output<typeof decideReviewRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.decideReview(b));
  }

  @Post('request-reexamination')
  @HttpCode(200)
  @Roles(...rolesFor('request-reexamination'))
  @action('登记复核请求 (record a re-examination request)', recordReexaminationRequestSchema)
  requestReexamination(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(recordReexaminationRequestSchema)
    b: z.output<typeof recordReexaminationRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.requestReexamination(b));
  }

  @Post('start-hearing')
  @HttpCode(200)
  @Roles(...rolesFor('start-hearing'))
  @action('开始听证 (start a hearing: the re-examination clock stops)', startHearingRequestSchema)
  startHearing(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(startHearingRequestSchema) b: z.output<typeof startHearingRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.startHearing(b));
  }

  @Post('end-hearing')
  @HttpCode(200)
  @Roles(...rolesFor('end-hearing'))
  @action('结束听证 (end the hearing: the deadline moves by its days)', endHearingRequestSchema)
  endHearing(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(endHearingRequestSchema) b: z.output<typeof endHearingRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.endHearing(b));
  }

  @Post('decide-reexamination')
  @HttpCode(200)
  @Roles(...rolesFor('decide-reexamination'))
  @action(
    '作出复核意见 (decide; issues the 复核意见书, the case is final)',
    decideReexaminationRequestSchema,
  )
  decideReexamination(
    @CurrentPrincipal() p: Principal,
    @Param('petitionNumber') n: string,
    @ValidBody(decideReexaminationRequestSchema)
    b: z.output<typeof decideReexaminationRequestSchema>,
  ): Promise<CaseDetailResponse> {
    return this.run(p, n, caseActions.decideReexamination(b));
  }
}
