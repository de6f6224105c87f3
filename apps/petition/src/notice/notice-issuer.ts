import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WrittenNoticeType } from '@minsheng/contracts';
import type { PetitionCaseState } from '@minsheng/domain';
import { OrganDirectory } from '../organ/organ-directory.js';
import { NOTICE_TEMPLATES, maskName } from './notice-templates.js';
import { WrittenNoticeEntity } from './written-notice.entity.js';

export interface NoticeRequest {
  type: WrittenNoticeType;
  state: PetitionCaseState;
  petitionNumber: string;
  title: string;
  petitionerName: string;
  issuingOrganId: string | null;
  issuedBy: string;
  issuedAt: Date;
  reason?: string | null;
  opinion?: string | null;
}

/** Renders a notice with the case's data and keeps it with the case, in the caller's transaction. */
@Injectable()
export class NoticeIssuer {
  constructor(private readonly organs: OrganDirectory) {}

  async issue(tx: EntityManager, request: NoticeRequest): Promise<WrittenNoticeEntity> {
    const { state } = request;
    const names = await this.organs.names(
      [
        request.issuingOrganId,
        state.responsibleOrganId,
        state.reviewOrganId,
        ...state.coHandlingOrganIds,
      ],
      tx,
    );
    const name = (id: string | null) => (id ? (names.get(id) ?? id) : null);
    const rendered = NOTICE_TEMPLATES[request.type]({
      petitionerName: maskName(request.petitionerName),
      petitionNumber: request.petitionNumber,
      title: request.title,
      registeredAt: state.registeredAt,
      issuedAt: request.issuedAt,
      issuingOrganName: name(request.issuingOrganId) ?? '信访工作机构',
      routing: state.routing,
      leadOrganName: name(state.responsibleOrganId),
      coHandlingOrganNames: state.coHandlingOrganIds.map((id) => name(id) ?? id),
      reason: request.reason ?? null,
      opinion: request.opinion ?? null,
      extensionDays: state.extension?.days ?? null,
      legalRoute: state.legalRoute,
      concludeBy: state.deadlines.concludeBy,
      reviewRequestBy: state.deadlines.reviewRequestBy,
      reexaminationRequestBy: state.deadlines.reexaminationRequestBy,
      reviewRequestedAt: state.reviewRequestedAt,
      reexaminationRequestedAt: state.reexaminationRequestedAt,
      originalOrganName: name(state.responsibleOrganId),
      reviewOrganName: name(state.reviewOrganId),
    });
    const notice: WrittenNoticeEntity = {
      id: randomUUID(),
      caseId: state.id,
      type: request.type,
      title: rendered.title,
      text: rendered.text,
      issuingOrganId: request.issuingOrganId,
      issuedBy: request.issuedBy,
      issuedAt: request.issuedAt,
    };
    await tx.insert(WrittenNoticeEntity, notice);
    return notice;
  }
}
