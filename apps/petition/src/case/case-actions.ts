import type {
  AcceptCaseRequest,
  ApproveExtensionRequest,
  AssignCaseRequest,
  ConcludeCaseRequest,
  DeclineCaseRequest,
  DecideReexaminationRequest,
  DecideReviewRequest,
  EndHearingRequest,
  LinkFinalCaseRequest,
  ObjectCaseRequest,
  RecordReexaminationRequest,
  RecordReviewRequest,
  RejectExtensionRequest,
  ReplyCaseRequest,
  RequestExtensionRequest,
  RouteToLitigationRequest,
  StartHearingRequest,
  TransferCaseRequest,
} from '@minsheng/contracts';
import { PetitionCaseEntity } from './petition-case.entity.js';
import type { ActionContext, CaseActionInput } from './case-workflow.js';
import { WorkflowRefusedException } from './case.errors.js';

/** Routing to organs that exist and are in use (a typo must not send a case nowhere). */
async function activeOrgans({ organs, tx }: ActionContext, ids: string[]): Promise<void> {
  for (const id of ids) await organs.requireActive(id, tx);
}

const invalidInput = (message: string) =>
  new WorkflowRefusedException({ ok: false, code: 'INVALID_INPUT', message });

/**
 * Each HTTP body turned into a workflow action. The builders run after the case is locked, so
 * lookups (organs, the final case, the default reviewing organ) see the state the action applies to.
 */
export const caseActions = {
  transfer: (body: TransferCaseRequest): CaseActionInput => ({
    type: 'transfer',
    note: body.note,
    build: () => ({
      type: 'transfer',
      leadOrganId: body.leadOrganId,
      coHandlingOrganIds: body.coHandlingOrganIds,
    }),
    validate: (ctx) => activeOrgans(ctx, [body.leadOrganId, ...body.coHandlingOrganIds]),
  }),

  assign: (body: AssignCaseRequest): CaseActionInput => ({
    type: 'assign',
    note: body.note,
    build: () => ({
      type: 'assign',
      leadOrganId: body.leadOrganId,
      coHandlingOrganIds: body.coHandlingOrganIds,
      reportWithinDays: body.reportWithinDays,
    }),
    validate: (ctx) => activeOrgans(ctx, [body.leadOrganId, ...body.coHandlingOrganIds]),
  }),

  object: (body: ObjectCaseRequest): CaseActionInput => ({
    type: 'object',
    reason: body.reason,
    build: () => ({ type: 'object', reason: body.reason }),
  }),

  accept: (body: AcceptCaseRequest): CaseActionInput => ({
    type: 'accept',
    note: body.note,
    build: () => ({ type: 'accept' }),
  }),

  decline: (body: DeclineCaseRequest): CaseActionInput => ({
    type: 'decline',
    reason: body.reason,
    build: () => ({ type: 'decline', reason: body.reason }),
  }),

  routeToLitigation: (body: RouteToLitigationRequest): CaseActionInput => ({
    type: 'route-to-litigation',
    reason: body.reason,
    build: () => ({
      type: 'route-to-litigation',
      legalRoute: body.legalRoute,
      reason: body.reason,
    }),
  }),

  linkFinalCase: (body: LinkFinalCaseRequest): CaseActionInput => ({
    type: 'link-final-case',
    note: body.finalPetitionNumber,
    build: async ({ tx }) => {
      if (body.finalPetitionNumber === null) return { type: 'link-final-case', finalCase: null };
      const final = await tx.findOneBy(PetitionCaseEntity, {
        petitionNumber: body.finalPetitionNumber,
      });
      if (!final) throw invalidInput(`没有编号为 ${body.finalPetitionNumber} 的信访事项`);
      return { type: 'link-final-case', finalCase: { id: final.id, status: final.status } };
    },
  }),

  requestExtension: (body: RequestExtensionRequest): CaseActionInput => ({
    type: 'request-extension',
    reason: body.reason,
    build: () => ({ type: 'request-extension', days: body.days, reason: body.reason }),
  }),

  approveExtension: (body: ApproveExtensionRequest): CaseActionInput => ({
    type: 'approve-extension',
    note: body.comment,
    build: () => ({ type: 'approve-extension' }),
  }),

  rejectExtension: (body: RejectExtensionRequest): CaseActionInput => ({
    type: 'reject-extension',
    reason: body.reason,
    build: () => ({ type: 'reject-extension' }),
  }),

  reply: (body: ReplyCaseRequest): CaseActionInput => ({
    type: 'reply',
    opinion: body.opinion,
    build: () => ({ type: 'reply' }),
  }),

  conclude: (body: ConcludeCaseRequest): CaseActionInput => ({
    type: 'conclude',
    summary: body.summary,
    build: () => ({ type: 'conclude' }),
  }),

  /** By a clerk of the reviewing organ, or (without an organ named) the lead organ's parent. */
  requestReview: (
    body: Partial<RecordReviewRequest> & { reason: string | null },
  ): CaseActionInput => ({
    type: 'request-review',
    reason: body.reason,
    build: async (ctx) => {
      const reviewOrganId =
        body.reviewOrganId ??
        (ctx.state.responsibleOrganId
          ? await ctx.organs.parentOf(ctx.state.responsibleOrganId, ctx.tx)
          : null);
      // Unknown stays empty: the workflow refuses it after checking the action is legal at all.
      return { type: 'request-review', reviewOrganId: reviewOrganId ?? '' };
    },
    validate: (ctx, action) =>
      activeOrgans(ctx, action.type === 'request-review' ? [action.reviewOrganId] : []),
  }),

  decideReview: (body: DecideReviewRequest): CaseActionInput => ({
    type: 'decide-review',
    opinion: body.opinion,
    build: () => ({ type: 'decide-review' }),
  }),

  requestReexamination: (
    body: Partial<RecordReexaminationRequest> & { reason: string | null },
  ): CaseActionInput => ({
    type: 'request-reexamination',
    reason: body.reason,
    build: async (ctx) => {
      const reexaminationOrganId =
        body.reexaminationOrganId ??
        (ctx.state.reviewOrganId
          ? await ctx.organs.parentOf(ctx.state.reviewOrganId, ctx.tx)
          : null);
      return { type: 'request-reexamination', reexaminationOrganId: reexaminationOrganId ?? '' };
    },
    validate: (ctx, action) =>
      activeOrgans(
        ctx,
        action.type === 'request-reexamination' ? [action.reexaminationOrganId] : [],
      ),
  }),

  startHearing: (body: StartHearingRequest): CaseActionInput => ({
    type: 'start-hearing',
    note: body.note,
    build: () => ({ type: 'start-hearing' }),
  }),

  endHearing: (body: EndHearingRequest): CaseActionInput => ({
    type: 'end-hearing',
    summary: body.summary,
    build: () => ({ type: 'end-hearing' }),
  }),

  decideReexamination: (body: DecideReexaminationRequest): CaseActionInput => ({
    type: 'decide-reexamination',
    opinion: body.opinion,
    build: () => ({ type: 'decide-reexamination' }),
  }),
};
