import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  suggestionDecidedEvent,
  suggestionMarkedForStudyEvent,
  suggestionStudiedEvent,
  suggestionStudyAssignedEvent,
  type SuggestionChange,
  type SuggestionStudyResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { canSeeCase, lockCase } from '../case/case-access.js';
import { caseNotFound } from '../case/case.errors.js';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { OrganDirectory } from '../organ/organ-directory.js';
import { notASuggestion, studyNotFound } from './suggestion.errors.js';
import { SuggestionStudyEntity } from './suggestion-study.entity.js';
import { toSuggestionStudyResponse } from './suggestion.mapper.js';

/** The events of a suggestion's way to adoption, by the step that publishes them. */
const EVENTS = {
  'marked-for-study': suggestionMarkedForStudyEvent,
  'study-assigned': suggestionStudyAssignedEvent,
  studied: suggestionStudiedEvent,
  decided: suggestionDecidedEvent,
} as const;
export type SuggestionStep = keyof typeof EVENTS;

export interface StepContext {
  tx: EntityManager;
  entity: PetitionCaseEntity;
  study: SuggestionStudyEntity | null;
}

export interface StepResult {
  study: SuggestionStudyEntity;
  step: SuggestionStep;
  note: string;
  /** What the step's event carries beyond the common fields. */
  extra: Record<string, unknown>;
}

/**
 * Runs one step of a suggestion's study in a transaction: the case locked and visible to the
 * caller (or to the organ studying it), of kind `suggestion`; then the step's change, a timeline
 * entry, an audit record and the step's event — which carries the text, category, organ and
 * outcome, so the statistics can count suggestions received, studied and adopted by theme and organ.
 */
@Injectable()
export class SuggestionTracker {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organs: OrganDirectory,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async step(
    principal: Principal,
    petitionNumber: string,
    apply: (context: StepContext) => Promise<StepResult>,
  ): Promise<SuggestionStudyResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const entity = await lockCase(tx, { petitionNumber });
      if (!entity) throw caseNotFound();
      const study = await tx.findOneBy(SuggestionStudyEntity, { caseId: entity.id });
      if (!visible(principal, entity, study)) throw caseNotFound();
      if (entity.kind !== 'suggestion') throw notASuggestion();
      const result = await apply({ tx, entity, study });
      await tx.save(SuggestionStudyEntity, result.study);
      const names = await this.organs.names([result.study.organId], tx);
      const organName = result.study.organId ? (names.get(result.study.organId) ?? null) : null;
      const at = new Date();
      await tx.insert(CaseTimelineEntryEntity, {
        caseId: entity.id,
        at,
        action: `suggestion-${result.step}`,
        actorId: principal.userId,
        actorRoles: principal.roles,
        actorOrganId: principal.organId,
        fromStatus: entity.status,
        toStatus: entity.status,
        note: result.note,
        details: { stage: result.study.stage, organId: result.study.organId } as never,
      });
      await this.audit.record(
        {
          action: `suggestion.${result.step}`,
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'petition-case', id: entity.id },
          divisionCode: entity.divisionCode,
          details: {
            petitionNumber: entity.petitionNumber,
            stage: result.study.stage,
            organId: result.study.organId,
            ...(result.study.outcome ? { outcome: result.study.outcome } : {}),
          },
        },
        tx,
      );
      const change: SuggestionChange = {
        caseId: entity.id,
        petitionNumber: entity.petitionNumber,
        sourceComplaintId: entity.sourceComplaintId,
        divisionCode: entity.divisionCode,
        categoryCode: entity.categoryCode,
        title: entity.title,
        content: entity.content,
        stage: result.study.stage,
        organId: result.study.organId,
        organName,
        registeredAt: entity.registeredAt.toISOString(),
        at: at.toISOString(),
      };
      await this.events.publish(tx, EVENTS[result.step], { ...change, ...result.extra } as never, {
        divisionCode: entity.divisionCode,
        occurredAt: at,
      });
      return toSuggestionStudyResponse(entity, result.study, organName);
    });
  }

  /** The study of a case, for reading. */
  async read(principal: Principal, petitionNumber: string): Promise<SuggestionStudyResponse> {
    const m = this.dataSource.manager;
    const entity = await m.findOneBy(PetitionCaseEntity, { petitionNumber });
    if (!entity) throw caseNotFound();
    const study = await m.findOneBy(SuggestionStudyEntity, { caseId: entity.id });
    if (!visible(principal, entity, study)) throw caseNotFound();
    if (entity.kind !== 'suggestion') throw notASuggestion();
    if (!study) throw studyNotFound();
    const names = await this.organs.names([study.organId]);
    return toSuggestionStudyResponse(
      entity,
      study,
      study.organId ? (names.get(study.organId) ?? null) : null,
    );
  }
}

/** Staff of the case's jurisdiction or organs see it; so does the organ studying it. */
function visible(
  principal: Principal,
  entity: PetitionCaseEntity,
  study: SuggestionStudyEntity | null,
): boolean {
  return (
    canSeeCase(principal, entity) ||
    (principal.organId !== null && study?.organId === principal.organId)
  );
}
