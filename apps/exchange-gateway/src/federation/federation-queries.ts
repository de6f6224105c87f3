import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  type FederatedReviewResponse,
  type ForwardedCaseResponse,
} from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/** Read side of what the exchange keeps, scoped to the caller's jurisdiction. */
@Injectable()
export class FederationQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
  ) {}

  private get s(): string {
    return `"${this.config.schema}"`;
  }

  async forwardedCase(principal: Principal, trackingCode: string): Promise<ForwardedCaseResponse> {
    const [row] = await this.dataSource.query(
      `SELECT * FROM ${this.s}.federation_forwarded_case WHERE tracking_code = $1`,
      [trackingCode],
    );
    if (!row || !coversDivision(principal, row.recipient)) {
      throw new NotFoundException({
        code: ErrorCodes.notFound,
        message: '没有从本级转交的该投诉',
      });
    }
    const history = await this.dataSource.query(
      `SELECT status, event, at, summary FROM ${this.s}.federation_case_status
        WHERE tracking_code = $1 ORDER BY at, envelope_id`,
      [trackingCode],
    );
    return {
      trackingCode: row.tracking_code,
      recipientDivision: row.recipient,
      forwardedAt: iso(row.forwarded_at)!,
      handlingDivision: row.handling_division,
      petitionNumber: row.petition_number,
      status: row.status,
      history: history.map((h: { status: string; event: string; at: Date; summary: string }) => ({
        status: h.status,
        event: h.event,
        at: iso(h.at)!,
        summary: h.summary,
      })),
    };
  }

  async reviewRequests(principal: Principal): Promise<FederatedReviewResponse[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM ${this.s}.federation_review_request ORDER BY received_at DESC LIMIT 500`,
    );
    return rows
      .filter((r: { division_code: string }) => coversDivision(principal, r.division_code))
      .map((r: Record<string, string>): FederatedReviewResponse => ({
        reviewRequestId: r.review_request_id,
        fromDivision: r.from_division,
        trackingCode: r.tracking_code,
        petitionNumber: r.petition_number,
        divisionCode: r.division_code,
        reason: r.reason,
        requestedAt: iso(r.requested_at)!,
        receivedAt: iso(r.received_at)!,
      }));
  }

  refusals(): Promise<unknown[]> {
    return this.dataSource
      .query(
        `SELECT envelope_id, sender, code, reason, refused_at FROM ${this.s}.federation_refusal
          ORDER BY seq DESC LIMIT 500`,
      )
      .then((rows: Record<string, string>[]) =>
        rows.map((r) => ({
          envelopeId: r.envelope_id,
          sender: r.sender,
          code: r.code,
          reason: r.reason,
          refusedAt: iso(r.refused_at),
        })),
      );
  }
}
