import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OnTimeRate, OnTimeRatesResponse } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { Clock } from '../clock.js';

interface Row {
  key: string;
  division_code: string;
  messages: string;
  claim_on_time: string;
  claim_late: string;
  claim_open_late: string;
  reply_on_time: string;
  reply_late: string;
  reply_open_late: string;
  rated: string;
  attitude_sum: string;
  speed_sum: string;
}

const REPLY_COUNTED = `status NOT IN ('converted', 'concluded')`;

const AGGREGATES = `
  count(*) AS messages,
  count(*) FILTER (WHERE claimed_at <= claim_deadline) AS claim_on_time,
  count(*) FILTER (WHERE claimed_at > claim_deadline) AS claim_late,
  count(*) FILTER (WHERE claimed_at IS NULL AND claim_deadline < $1) AS claim_open_late,
  count(*) FILTER (WHERE ${REPLY_COUNTED} AND published_at <= reply_deadline) AS reply_on_time,
  count(*) FILTER (WHERE ${REPLY_COUNTED} AND published_at > reply_deadline) AS reply_late,
  count(*) FILTER (WHERE ${REPLY_COUNTED} AND published_at IS NULL AND reply_deadline < $1)
    AS reply_open_late,
  count(rated_at) AS rated,
  coalesce(sum(rating_attitude), 0) AS attitude_sum,
  coalesce(sum(rating_speed), 0) AS speed_sum`;

interface Totals {
  messages: number;
  claim: [number, number, number];
  reply: [number, number, number];
  rated: number;
  attitude: number;
  speed: number;
}

function rate([onTime, late, openLate]: [number, number, number]): OnTimeRate {
  const denominator = onTime + late + openLate;
  return {
    onTime,
    late,
    openLate,
    rate: denominator === 0 ? null : Math.round((onTime / denominator) * 10_000) / 10_000,
  };
}

/**
 * On-time claim and reply rates per leader and per lead organ, the honest way: on time ÷
 * (closed + still open with the deadline already passed). Messages converted into petition cases
 * follow the petition deadlines and are left out of the reply rate (not the claim rate).
 */
@Injectable()
export class OnTimeRatesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    filter: { leaderId?: string; from?: string; to?: string },
  ): Promise<OnTimeRatesResponse> {
    const now = this.clock.now();
    const params: unknown[] = [now];
    const where: string[] = [];
    if (filter.leaderId) where.push(`leader_id = $${params.push(filter.leaderId)}`);
    if (filter.from) where.push(`posted_at >= $${params.push(new Date(filter.from))}`);
    if (filter.to) where.push(`posted_at < $${params.push(new Date(filter.to))}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const byLeader: Row[] = await this.dataSource.query(
      `SELECT leader_id AS key, division_code, ${AGGREGATES}
         FROM board_message ${clause} GROUP BY leader_id, division_code`,
      params,
    );
    const organClause = `${clause ? `${clause} AND` : 'WHERE'} lead_organ_id IS NOT NULL`;
    const byOrgan: Row[] = await this.dataSource.query(
      `SELECT lead_organ_id AS key, division_code, ${AGGREGATES}
         FROM board_message ${organClause} GROUP BY lead_organ_id, division_code`,
      params,
    );
    const leaders = merge(byLeader, principal);
    const organs = merge(byOrgan, principal);
    return {
      asOf: now.toISOString(),
      leaders: [...leaders].map(([leaderId, t]) => ({
        leaderId,
        messages: t.messages,
        claim: rate(t.claim),
        reply: rate(t.reply),
        ratings: ratings(t),
      })),
      organs: [...organs].map(([organId, t]) => ({
        organId,
        messages: t.messages,
        reply: rate(t.reply),
        ratings: ratings(t),
      })),
    };
  }
}

function ratings(t: Totals) {
  const avg = (sum: number) => (t.rated ? Math.round((sum / t.rated) * 100) / 100 : null);
  return { count: t.rated, attitude: avg(t.attitude), speed: avg(t.speed) };
}

function merge(rows: Row[], principal: Principal): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const r of rows) {
    if (!coversDivision(principal, r.division_code)) continue;
    const t = out.get(r.key) ?? {
      messages: 0,
      claim: [0, 0, 0],
      reply: [0, 0, 0],
      rated: 0,
      attitude: 0,
      speed: 0,
    };
    const n = Number;
    t.messages += n(r.messages);
    t.claim = [
      t.claim[0] + n(r.claim_on_time),
      t.claim[1] + n(r.claim_late),
      t.claim[2] + n(r.claim_open_late),
    ];
    t.reply = [
      t.reply[0] + n(r.reply_on_time),
      t.reply[1] + n(r.reply_late),
      t.reply[2] + n(r.reply_open_late),
    ];
    t.rated += n(r.rated);
    t.attitude += n(r.attitude_sum);
    t.speed += n(r.speed_sum);
    out.set(r.key, t);
  }
  return out;
}
