import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In, Not, IsNull } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { TrackedCaseEntity } from '../feed/tracked-case.entity.js';
import { ComplaintSubmissionEntity } from '../integrator/complaint-submission.entity.js';
import type { IntegratorCaller } from '../integrator/integrator-client.js';
import { integratorError } from '../integrator/integrator.errors.js';
import { toOpen311Request } from './open311-request.mapper.js';

const notFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该服务请求' });

const badParameter = (name: string) =>
  integratorError(400, ErrorCodes.validationFailed, `参数 ${name} 无效`, [
    { path: name, code: ErrorCodes.validationFailed, message: '参数无效' },
  ]);

/** Service requests of the api_key's client — only its own, by tracking code. */
@Injectable()
export class Open311RequestsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async one(caller: IntegratorCaller, trackingCode: string) {
    if (trackingCode.length > 32) throw notFound();
    const submission = await this.dataSource
      .getRepository(ComplaintSubmissionEntity)
      .findOne({ where: { trackingCode, clientId: caller.clientId } });
    if (!submission) throw notFound();
    return [toOpen311Request(submission, await this.caseOf(submission))];
  }

  async list(caller: IntegratorCaller, query: Record<string, unknown>) {
    const param = (name: string) => {
      const value = query[name];
      if (value === undefined) return undefined;
      if (typeof value !== 'string' || value.length > 2_000) throw badParameter(name);
      return value;
    };
    const date = (name: string) => {
      const value = param(name);
      if (value === undefined) return undefined;
      const parsed = new Date(value);
      if (Number.isNaN(parsed.getTime())) throw badParameter(name);
      return parsed;
    };
    const ids = param('service_request_id')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const serviceCode = param('service_code');
    const status = param('status');
    if (status !== undefined && status !== 'open' && status !== 'closed') {
      throw badParameter('status');
    }
    const end = date('end_date') ?? new Date();
    // GeoReport v2: without dates, the last 90 days (and at most 1000 requests).
    const start = date('start_date') ?? new Date(end.getTime() - 90 * 86_400_000);
    const builder = this.dataSource
      .getRepository(ComplaintSubmissionEntity)
      .createQueryBuilder('s')
      .where('s.client_id = :clientId', { clientId: caller.clientId })
      .andWhere('s.tracking_code IS NOT NULL');
    if (ids?.length) builder.andWhere('s.tracking_code IN (:...ids)', { ids: ids.slice(0, 200) });
    else builder.andWhere('s.received_at BETWEEN :start AND :end', { start, end });
    if (serviceCode) builder.andWhere('s.category_code = :serviceCode', { serviceCode });
    const submissions = await builder.orderBy('s.received_at', 'DESC').limit(1000).getMany();
    const cases = await this.casesOf(submissions);
    return submissions
      .map((s) => toOpen311Request(s, (s.caseId && cases.get(s.caseId)) || null))
      .filter((r) => status === undefined || r.status === status);
  }

  private async caseOf(submission: ComplaintSubmissionEntity) {
    return submission.caseId
      ? this.dataSource
          .getRepository(TrackedCaseEntity)
          .findOne({ where: { caseId: submission.caseId } })
      : null;
  }

  private async casesOf(submissions: ComplaintSubmissionEntity[]) {
    const ids = submissions.map((s) => s.caseId).filter((id): id is string => id !== null);
    const cases = ids.length
      ? await this.dataSource
          .getRepository(TrackedCaseEntity)
          .find({ where: { caseId: In(ids), status: Not(IsNull()) } })
      : [];
    return new Map(cases.map((c) => [c.caseId, c]));
  }

  /** GeoReport's token → request id; the id is there once intake gave a tracking code. */
  async token(token: string) {
    const submission = /^[0-9a-f-]{36}$/i.test(token)
      ? await this.dataSource
          .getRepository(ComplaintSubmissionEntity)
          .findOne({ where: { reference: token, sourceKind: 'open311' } })
      : null;
    if (!submission) throw notFound();
    return [
      {
        token: submission.reference,
        ...(submission.trackingCode ? { service_request_id: submission.trackingCode } : {}),
      },
    ];
  }
}
