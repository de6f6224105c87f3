import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CASE_WORKFLOW_EVENTS,
  type CaseChange,
  type EventDefinition,
  type WrittenNoticeType,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR, actorOf, type AuditActor } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import {
  DEADLINE_LABELS,
  DeadlineCalendar,
  PETITION_ACTION_LABELS,
  currentDeadline,
  transition,
  type PetitionAction,
  type PetitionActionType,
  type PetitionCaseState,
  type WorkflowActor,
  type WorkflowEffect,
} from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';
import { NoticeIssuer } from '../notice/notice-issuer.js';
import type { WrittenNoticeEntity } from '../notice/written-notice.entity.js';
import { toWrittenNotice } from '../notice/written-notice.mapper.js';
import { OrganDirectory } from '../organ/organ-directory.js';
import { canSeeCase, lockCase } from './case-access.js';
import { caseNotFound, WorkflowRefusedException } from './case.errors.js';
import { alertColumns, toCaseState, toStoredDeadlines, workflowColumns } from './case-state.js';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** Who acts: a staff member, or the case's own petitioner (through intake). */
export type CaseActor = { kind: 'staff'; principal: Principal } | { kind: 'petitioner' };

/** What the action's builder may look up once the case is locked. */
export interface ActionContext {
  tx: EntityManager;
  state: PetitionCaseState;
  entity: PetitionCaseEntity;
  organs: OrganDirectory;
}

/** One workflow action as a request: how to build it and the texts that go with it. */
export interface CaseActionInput {
  type: PetitionActionType;
  build: (context: ActionContext) => Promise<PetitionAction> | PetitionAction;
  /** Checks that need the action to be legal first (the organs named exist and are in use). */
  validate?: (context: ActionContext, action: PetitionAction) => Promise<void>;
  /** For the timeline: the note, reason or opinion given. */
  note?: string | null;
  reason?: string | null;
  /** The written opinion (处理/复查/复核意见), rendered into the notice. */
  opinion?: string | null;
  summary?: string | null;
}

export interface CaseActionOutcome {
  entity: PetitionCaseEntity;
  notices: WrittenNoticeEntity[];
}

const NOTICE_OF_EFFECT = (effect: WorkflowEffect): WrittenNoticeType | null =>
  effect.type === 'notify-petitioner' ? effect.notice : null;

/**
 * Applies one workflow action: the case row is locked (so concurrent actions on a case serialise),
 * the domain's `transition` decides, and the new state, a timeline entry, the written notices, the
 * audit record and the `petition.case.*` event are written in one transaction.
 */
@Injectable()
export class CaseWorkflow {
  private readonly logger = new Logger(CaseWorkflow.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: DeadlineCalendar,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly organs: OrganDirectory,
    private readonly notices: NoticeIssuer,
    @Inject(PETITION_SETTINGS) private readonly settings: PetitionSettings,
  ) {}

  async act(
    actor: CaseActor,
    where: { petitionNumber: string } | { id: string },
    input: CaseActionInput,
    /** The caller's transaction (an event handler's, with its inbox row); a new one otherwise. */
    within?: EntityManager,
  ): Promise<CaseActionOutcome> {
    let found: PetitionCaseEntity | null = null;
    const work = async (tx: EntityManager) => {
      const entity = await lockCase(tx, where);
      found = entity;
      if (!entity) throw caseNotFound();
      if (actor.kind === 'staff' && !canSeeCase(actor.principal, entity)) throw caseNotFound();
      return this.apply(tx, actor, entity, input);
    };
    try {
      return within ? await work(within) : await inTransaction(this.dataSource, work);
    } catch (error) {
      await this.recordRefusal(actor, found, input.type, error);
      throw error;
    }
  }

  private async apply(
    tx: EntityManager,
    actor: CaseActor,
    entity: PetitionCaseEntity,
    input: CaseActionInput,
  ): Promise<CaseActionOutcome> {
    const before = toCaseState(entity, this.calendar);
    const context: ActionContext = { tx, state: before, entity, organs: this.organs };
    const action = await input.build(context);
    // A replica whose clock is a little behind must not be refused for acting "before" the last act.
    const at = new Date(Math.max(Date.now(), before.updatedAt.getTime()));
    const domainActor: WorkflowActor =
      actor.kind === 'staff' ? actor.principal : { kind: 'petitioner' };
    const result = transition(before, action, domainActor, at, this.calendar);
    if (!result.ok) throw new WorkflowRefusedException(result);
    await input.validate?.(context, action);
    const state = result.state;
    const actorOrganId = actor.kind === 'staff' ? actor.principal.organId : null;
    const actorId = actor.kind === 'staff' ? actor.principal.userId : 'petitioner';

    const changes: Partial<PetitionCaseEntity> = {
      ...workflowColumns(state),
      ...alertColumns(state, entity, this.settings.SUPERVISION_WARNING_DAYS),
    };
    await tx.update(PetitionCaseEntity, { id: entity.id }, changes);
    const after: PetitionCaseEntity = { ...entity, ...changes };

    await tx.insert(CaseTimelineEntryEntity, {
      caseId: entity.id,
      at,
      action: input.type,
      actorId,
      actorRoles: actor.kind === 'staff' ? actor.principal.roles : [],
      actorOrganId,
      fromStatus: before.status,
      toStatus: state.status,
      note: input.note ?? input.reason ?? input.opinion ?? input.summary ?? null,
      details: actionDetails(action) as never,
    });

    const issued: WrittenNoticeEntity[] = [];
    for (const effect of result.effects) {
      const type = NOTICE_OF_EFFECT(effect);
      if (!type) continue;
      issued.push(
        await this.notices.issue(tx, {
          type,
          state,
          petitionNumber: entity.petitionNumber,
          title: entity.title,
          petitionerName: entity.petitionerName,
          issuingOrganId: actorOrganId,
          issuedBy: actorId,
          issuedAt: at,
          reason:
            (effect.type === 'notify-petitioner' ? effect.reason : null) ?? input.reason ?? null,
          opinion: input.opinion ?? null,
        }),
      );
    }

    const change = this.caseChange(after, before, state, actorOrganId, issued, result.effects);
    await this.events.publish(
      tx,
      CASE_WORKFLOW_EVENTS[input.type] as EventDefinition,
      { ...change, ...eventExtras(action, state, input) } as never,
      { divisionCode: entity.divisionCode, occurredAt: at },
    );

    await this.audit.record(
      {
        action: `case.${input.type}`,
        outcome: 'success',
        actor: auditActor(actor),
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: {
          petitionNumber: entity.petitionNumber,
          before: { status: before.status, leadOrganId: before.responsibleOrganId },
          after: { status: state.status, leadOrganId: state.responsibleOrganId },
          action: actionDetails(action),
          notices: issued.map((n) => n.type),
        },
      },
      tx,
    );
    this.logger.log(
      { caseId: entity.id, action: input.type, from: before.status, to: state.status },
      'case action applied',
    );
    return { entity: after, notices: issued };
  }

  /** The common part of every `petition.case.*` workflow event. */
  caseChange(
    entity: PetitionCaseEntity,
    before: PetitionCaseState,
    state: PetitionCaseState,
    actorOrganId: string | null,
    notices: WrittenNoticeEntity[],
    effects: readonly WorkflowEffect[],
  ): CaseChange {
    const deadline = currentDeadline(state);
    return {
      caseId: entity.id,
      petitionNumber: entity.petitionNumber,
      sourceComplaintId: entity.sourceComplaintId,
      sourceMessageId: entity.sourceMessageId,
      divisionCode: entity.divisionCode,
      status: state.status,
      previousStatus: before.status,
      at: state.updatedAt.toISOString(),
      actorOrganId,
      leadOrganId: state.responsibleOrganId,
      coHandlingOrganIds: [...state.coHandlingOrganIds],
      deadlines: toStoredDeadlines(state.deadlines) as CaseChange['deadlines'],
      currentDeadline: deadline && {
        kind: deadline.kind,
        label: DEADLINE_LABELS[deadline.kind],
        dueAt: deadline.dueAt.toISOString(),
      },
      notices: notices.map(toWrittenNotice),
      missedDeadlines: effects.flatMap((e) => (e.type === 'deadline-missed' ? [e.deadline] : [])),
    };
  }

  /** Refused and out-of-reach attempts are audited too, outside the rolled-back transaction. */
  private async recordRefusal(
    actor: CaseActor,
    entity: PetitionCaseEntity | null,
    type: PetitionActionType,
    error: unknown,
  ): Promise<void> {
    if (!entity) return;
    const code =
      error instanceof WorkflowRefusedException
        ? error.failure.code
        : ((error as { response?: { code?: string } }).response?.code ?? 'ERROR');
    const denied = code === 'NOT_FOUND' || code === 'NOT_PERMITTED';
    await this.audit
      .record({
        action: `case.${type}`,
        outcome: denied ? 'denied' : 'failure',
        actor: auditActor(actor),
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: {
          petitionNumber: entity.petitionNumber,
          code,
          label: PETITION_ACTION_LABELS[type],
        },
      })
      .catch((auditError: Error) =>
        this.logger.error({ err: auditError.message }, 'could not audit a refused case action'),
      );
  }
}

export function auditActor(actor: CaseActor): AuditActor {
  return actor.kind === 'staff' ? actorOf(actor.principal) : { ...CITIZEN_ACTOR, id: 'petitioner' };
}

/** The action's own fields for the timeline and the audit trail; never personal data. */
function actionDetails(action: PetitionAction): Record<string, unknown> {
  if (action.type === 'link-final-case') return { finalCaseId: action.finalCase?.id ?? null };
  const { type: _type, ...rest } = action;
  return rest;
}

/** The fields each event adds to the common part. */
function eventExtras(
  action: PetitionAction,
  state: PetitionCaseState,
  input: CaseActionInput,
): Record<string, unknown> {
  switch (action.type) {
    case 'transfer':
    case 'assign':
      return { routing: action.type, reportWithinDays: state.reportWithinDays };
    case 'object':
      return { objectingOrganId: state.objections.at(-1)?.organId, reason: action.reason };
    case 'accept':
      return { acceptedAt: state.acceptedAt?.toISOString() };
    case 'decline':
      return { reason: action.reason };
    case 'route-to-litigation':
      return { legalRoute: action.legalRoute, reason: action.reason };
    case 'link-final-case':
      return { finalCaseId: action.finalCase?.id ?? null };
    case 'request-extension':
      return { days: action.days, reason: action.reason };
    case 'approve-extension':
      return { days: state.extension?.days, reason: state.extension?.reason };
    case 'reject-extension':
      return { reason: input.reason ?? null };
    case 'reply':
      return { repliedAt: state.repliedAt?.toISOString(), summary: summarize(input.opinion) };
    case 'conclude':
      return { concludedAt: state.concludedAt?.toISOString(), summary: input.summary ?? null };
    case 'request-review':
      return { reviewOrganId: action.reviewOrganId, reason: input.reason ?? null };
    case 'decide-review':
      return { reviewOrganId: state.reviewOrganId, summary: summarize(input.opinion) };
    case 'request-reexamination':
      return { reexaminationOrganId: action.reexaminationOrganId, reason: input.reason ?? null };
    case 'start-hearing':
      return { hearingStartedAt: state.hearingStartedAt?.toISOString() };
    case 'end-hearing': {
      const pause = state.hearingPauses.at(-1);
      return {
        hearingStartedAt: pause?.start.toISOString(),
        hearingEndedAt: pause?.end.toISOString(),
      };
    }
    case 'decide-reexamination':
      return {
        reexaminationOrganId: state.reexaminationOrganId,
        summary: summarize(input.opinion),
      };
  }
}

/** The first 200 characters of an opinion: the event's summary; the whole text is in the notice. */
function summarize(text: string | null | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
