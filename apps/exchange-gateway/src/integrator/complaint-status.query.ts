import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  type IntegratorCaseStatus,
  type IntegratorComplaintStatus,
} from '@minsheng/contracts';
import { ExchangeChangeEntity } from '../feed/exchange-change.entity.js';
import { TrackedCaseEntity } from '../feed/tracked-case.entity.js';
import { ComplaintSubmissionEntity } from './complaint-submission.entity.js';
import { allowsDivision, type IntegratorCaller } from './integrator-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Unknown and someone else's answer alike, so a client learns nothing of others' records. */
const notFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该投诉或信访事项' });

/** Status and timeline of what a client submitted, and of any case it may read. */
@Injectable()
export class ComplaintStatusQuery {
  constructor(private readonly dataSource: DataSource) {}

  async submission(
    caller: IntegratorCaller,
    reference: string,
  ): Promise<IntegratorComplaintStatus> {
    if (!UUID.test(reference)) throw notFound();
    const submission = await this.dataSource
      .getRepository(ComplaintSubmissionEntity)
      .findOne({ where: { reference, clientId: caller.clientId } });
    if (!submission) throw notFound();
    const trackedCase = submission.caseId
      ? await this.dataSource
          .getRepository(TrackedCaseEntity)
          .findOne({ where: { caseId: submission.caseId } })
      : null;
    const timeline = await this.timeline(submission.complaintId, submission.caseId);
    return {
      reference: submission.reference,
      source: submission.sourceKind,
      status: trackedCase?.status ?? submission.status,
      trackingCode: submission.trackingCode,
      petitionNumber: submission.petitionNumber,
      divisionCode: submission.divisionCode,
      categoryCode: submission.categoryCode,
      kind: submission.kind,
      receivedAt: submission.receivedAt.toISOString(),
      updatedAt: (trackedCase && trackedCase.updatedAt > submission.updatedAt
        ? trackedCase.updatedAt
        : submission.updatedAt
      ).toISOString(),
      timeline: [
        { type: 'complaint.received', status: 'received', at: submission.receivedAt.toISOString() },
        ...timeline,
      ],
    };
  }

  /** Scope `cases:read`: any case of the client's divisions. */
  async case(caller: IntegratorCaller, petitionNumber: string): Promise<IntegratorCaseStatus> {
    if (petitionNumber.length > 64) throw notFound();
    const trackedCase = await this.dataSource
      .getRepository(TrackedCaseEntity)
      .findOne({ where: { petitionNumber } });
    if (!trackedCase || !allowsDivision(caller, trackedCase.divisionCode)) throw notFound();
    const submission = trackedCase.complaintId
      ? await this.dataSource
          .getRepository(ComplaintSubmissionEntity)
          .findOne({ where: { complaintId: trackedCase.complaintId } })
      : null;
    const trackingCode =
      submission?.trackingCode ??
      (trackedCase.complaintId
        ? ((
            await this.dataSource.getRepository(ExchangeChangeEntity).findOne({
              where: { complaintId: trackedCase.complaintId, type: 'complaint.submitted' },
            })
          )?.trackingCode ?? null)
        : null);
    return {
      petitionNumber: trackedCase.petitionNumber,
      status: trackedCase.status,
      divisionCode: trackedCase.divisionCode,
      trackingCode,
      leadOrganId: trackedCase.leadOrganId,
      registeredAt: trackedCase.registeredAt?.toISOString() ?? null,
      updatedAt: trackedCase.updatedAt.toISOString(),
      timeline: await this.timeline(trackedCase.complaintId, trackedCase.caseId),
    };
  }

  private async timeline(complaintId: string | null, caseId: string | null) {
    if (!complaintId && !caseId) return [];
    const rows = await this.dataSource
      .getRepository(ExchangeChangeEntity)
      .createQueryBuilder('c')
      .where('(c.complaint_id = :complaintId OR c.case_id = :caseId)', {
        complaintId: complaintId ?? null,
        caseId: caseId ?? null,
      })
      .orderBy('c.occurred_at', 'ASC')
      .addOrderBy('c.seq', 'ASC')
      .getMany();
    return rows.map((r) => ({ type: r.type, status: r.status, at: r.occurredAt.toISOString() }));
  }
}
