import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@minsheng/contracts';
import {
  CASE_COUNTERS,
  caseContributions,
  type CaseCounters,
  type CaseFactView,
} from '../measures/formulas.js';
import { divisionPath } from './division-path.js';

/** A row of case_fact as read back (timestamps as Date). */
export interface CaseFactRow {
  case_id: string;
  petition_number: string | null;
  source_complaint_id: string | null;
  division_code: string | null;
  province_code: string | null;
  city_code: string | null;
  county_code: string | null;
  kind: string | null;
  channel: string | null;
  category_code: string | null;
  registering_organ_id: string | null;
  lead_organ_id: string | null;
  status: string | null;
  state_at: Date | null;
  state_event_id: string | null;
  registered_at: Date | null;
  accept_by: Date | null;
  decided_at: Date | null;
  conclude_by: Date | null;
  closed_at: Date | null;
  overdue_flagged_at: Date | null;
  office_rating: string | null;
  organ_rating: string | null;
  rated_at: Date | null;
  addressee_mailbox_id: string | null;
  replied_at: Date | null;
}

const COLUMNS = [
  'petition_number',
  'source_complaint_id',
  'division_code',
  'province_code',
  'city_code',
  'county_code',
  'kind',
  'channel',
  'category_code',
  'registering_organ_id',
  'lead_organ_id',
  'status',
  'state_at',
  'state_event_id',
  'registered_at',
  'accept_by',
  'decided_at',
  'conclude_by',
  'closed_at',
  'overdue_flagged_at',
  'office_rating',
  'organ_rating',
  'rated_at',
  'addressee_mailbox_id',
  'replied_at',
] as const;

/** The dimensions each case is rolled up by; `all` is the plain division total. */
export const ROLLUP_DIMENSIONS = ['all', 'category', 'channel', 'organ', 'kind'] as const;
const NONE = '-';

type Patch = (fact: CaseFactRow) => void;
type Data = Record<string, unknown>;

const earliest = (a: Date | null, b: Date) => (a && a <= b ? a : b);
const instant = (value: unknown) => new Date(value as string);

/**
 * Folds petition's case events into one fact row per case and keeps the daily roll-ups equal to
 * the sum of every fact's contributions: each change removes the fact's old contributions and
 * adds its new ones in the same transaction. Every rule is order-free (earliest time wins, the
 * latest state wins), so live consumers — one per subject, in parallel — and a replay in stream
 * order end in the same rows.
 */
export class CaseFactProjector {
  async apply(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const data = envelope.data as Data;
    const caseId = data.caseId as string;
    await tx.query(`INSERT INTO case_fact (case_id) VALUES ($1) ON CONFLICT DO NOTHING`, [caseId]);
    const [row] = (await tx.query(`SELECT * FROM case_fact WHERE case_id = $1 FOR UPDATE`, [
      caseId,
    ])) as CaseFactRow[];
    const before = { ...row };
    this.patchFor(envelope)(row);
    if (COLUMNS.every((c) => sameValue(before[c], row[c]))) return;
    await tx.query(
      `UPDATE case_fact SET ${COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ')}
        WHERE case_id = $1`,
      [caseId, ...COLUMNS.map((c) => row[c])],
    );
    await applyRollupDelta(tx, before, row);
  }

  private patchFor(envelope: EventEnvelope): Patch {
    const d = envelope.data as Data;
    const type = envelope.type;
    const located: Patch = (f) => {
      f.petition_number ??= d.petitionNumber as string;
      f.source_complaint_id ??= (d.sourceComplaintId as string | null) ?? null;
      if (!f.division_code) setDivision(f, d.divisionCode as string);
    };
    if (type === 'petition.case.registered') {
      return (f) => {
        located(f);
        const path = divisionPath(d.divisionCode as string);
        setDivision(f, path.division);
        f.kind = d.kind as string;
        f.channel = d.channel as string;
        f.category_code = (d.categoryCode as string | null) ?? null;
        f.registering_organ_id = (d.registeringOrganId as string | null) ?? null;
        f.registered_at = instant(d.registeredAt);
        f.addressee_mailbox_id = (d.addresseeMailboxId as string | null | undefined) ?? null;
        const deadlines = d.deadlines as Data | null;
        if (!f.state_at) {
          f.status = d.status as string;
          f.accept_by = deadlines ? instant(deadlines.acceptBy) : null;
          f.conclude_by = deadlines?.concludeBy ? instant(deadlines.concludeBy) : null;
        }
      };
    }
    if (type === 'petition.case.rated') {
      return (f) => {
        located(f);
        const ratedAt = instant(d.ratedAt);
        if (!f.rated_at || ratedAt < f.rated_at) {
          f.rated_at = ratedAt;
          f.office_rating = d.office as string;
          f.organ_rating = d.organ as string;
        }
      };
    }
    if (type === 'petition.case.overdue') {
      return (f) => {
        located(f);
        f.overdue_flagged_at = earliest(f.overdue_flagged_at, instant(d.detectedAt));
      };
    }
    // Every workflow event (caseChangeSchema): the latest state wins, and its own milestone.
    return (f) => {
      located(f);
      const at = instant(d.at);
      const later =
        !f.state_at ||
        at > f.state_at ||
        (at.getTime() === f.state_at.getTime() && envelope.eventId > (f.state_event_id ?? ''));
      if (later) {
        const deadlines = d.deadlines as Data;
        f.status = d.status as string;
        f.lead_organ_id = (d.leadOrganId as string | null) ?? null;
        f.accept_by = instant(deadlines.acceptBy);
        f.conclude_by = deadlines.concludeBy ? instant(deadlines.concludeBy) : null;
        f.state_at = at;
        f.state_event_id = envelope.eventId;
      }
      switch (type) {
        case 'petition.case.accepted':
          f.decided_at = earliest(f.decided_at, instant(d.acceptedAt));
          break;
        case 'petition.case.declined':
        case 'petition.case.routed-to-litigation':
          f.decided_at = earliest(f.decided_at, at);
          f.closed_at = earliest(f.closed_at, at);
          break;
        case 'petition.case.concluded':
          f.closed_at = earliest(f.closed_at, instant(d.concludedAt));
          break;
        case 'petition.case.replied':
          // 答复: the leader-mailbox figures count the first reply.
          f.replied_at = earliest(f.replied_at, instant(d.repliedAt));
          break;
      }
    };
  }
}

function setDivision(f: CaseFactRow, code: string): void {
  const path = divisionPath(code);
  f.division_code = path.division;
  f.province_code = path.province;
  f.city_code = path.city;
  f.county_code = path.county;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function view(f: CaseFactRow): CaseFactView {
  return {
    registeredAt: f.registered_at,
    channel: f.channel,
    acceptBy: f.accept_by,
    decidedAt: f.decided_at,
    concludeBy: f.conclude_by,
    closedAt: f.closed_at,
    officeRating: f.office_rating,
    organRating: f.organ_rating,
    ratedAt: f.rated_at,
  };
}

function dimensionValues(f: CaseFactRow): Array<[string, string]> {
  return [
    ['all', NONE],
    ['category', f.category_code ?? NONE],
    ['channel', f.channel ?? NONE],
    ['organ', f.lead_organ_id ?? f.registering_organ_id ?? NONE],
    ['kind', f.kind ?? NONE],
  ];
}

export interface RollupKey {
  day: string;
  division: string;
  province: string;
  city: string | null;
  county: string | null;
  dim: string;
  value: string;
}

/** Adds (sign +1) or removes (−1) one fact's contributions into `into`. */
export function accumulateContributions(
  into: Map<string, { key: RollupKey; counters: CaseCounters }>,
  f: CaseFactRow,
  sign: 1 | -1,
): void {
  if (!f.division_code || !f.province_code) return;
  const days = caseContributions(view(f));
  for (const [dim, value] of dimensionValues(f)) {
    for (const [day, counters] of days) {
      const id = `${dim}|${f.division_code}|${value}|${day}`;
      let entry = into.get(id);
      if (!entry) {
        const key = {
          day,
          division: f.division_code,
          province: f.province_code,
          city: f.city_code,
          county: f.county_code,
          dim,
          value,
        };
        entry = {
          key,
          counters: Object.fromEntries(CASE_COUNTERS.map((c) => [c, 0])) as CaseCounters,
        };
        into.set(id, entry);
      }
      for (const [counter, n] of Object.entries(counters)) {
        entry.counters[counter as keyof CaseCounters] += sign * (n as number);
      }
    }
  }
}

async function applyRollupDelta(tx: EntityManager, before: CaseFactRow, after: CaseFactRow) {
  const deltas = new Map<string, { key: RollupKey; counters: CaseCounters }>();
  accumulateContributions(deltas, before, -1);
  accumulateContributions(deltas, after, 1);
  await upsertRollups(tx, [...deltas.entries()]);
}

/**
 * Adds counter deltas into case_rollup_daily (or, for a child's report, `table`), in key order
 * (no deadlocks between consumers), and marks the days changed for the report to the parent.
 */
export async function upsertRollups(
  tx: EntityManager,
  entries: Array<[string, { key: RollupKey; counters: CaseCounters }]>,
  table: 'case_rollup_daily' | 'child_rollup_daily' = 'case_rollup_daily',
): Promise<void> {
  const rows = entries
    .filter(([, e]) => CASE_COUNTERS.some((c) => e.counters[c] !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const params: unknown[] = [];
    const tuples = chunk.map(([, { key, counters }]) => {
      const values = [
        key.day,
        key.division,
        key.province,
        key.city,
        key.county,
        key.dim,
        key.value,
        ...CASE_COUNTERS.map((c) => counters[c]),
      ];
      const placeholders = values.map((v) => `$${params.push(v)}`);
      return `(${placeholders.join(', ')})`;
    });
    await tx.query(
      `INSERT INTO ${table} (day, division_code, province_code, city_code, county_code,
         dim, dim_value, ${CASE_COUNTERS.join(', ')})
       VALUES ${tuples.join(', ')}
       ON CONFLICT (dim, division_code, dim_value, day) DO UPDATE SET
         ${CASE_COUNTERS.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}`,
      params,
    );
  }
  await markDaysChanged(
    tx,
    rows.map(([, { key }]) => [key.division, key.day]),
  );
  // A fact that moved away leaves rows of zeros behind; drop them so a rebuild matches exactly.
  const emptied = rows.filter(([, e]) => CASE_COUNTERS.some((c) => e.counters[c] < 0));
  if (emptied.length === 0) return;
  const params: unknown[] = [];
  const keys = emptied.map(
    ([, { key }]) =>
      `($${params.push(key.dim)}, $${params.push(key.division)}, $${params.push(key.value)}, $${params.push(key.day)}::date)`,
  );
  await tx.query(
    `DELETE FROM ${table} WHERE (dim, division_code, dim_value, day) IN (${keys.join(', ')})
       AND ${CASE_COUNTERS.map((c) => `${c} = 0`).join(' AND ')}`,
    params,
  );
}

/**
 * Marks (division, day) pairs for the next report to the parent. DO UPDATE (not DO NOTHING)
 * takes the row lock, so the reporter — which locks what it publishes, SKIP LOCKED — cannot
 * publish and clear a day while a transaction that changed it is still open.
 */
export async function markDaysChanged(
  tx: EntityManager,
  pairs: Array<[string, string]>,
): Promise<void> {
  const unique = [...new Map(pairs.map(([d, day]) => [`${d}|${day}`, [d, day]])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, pair]) => pair);
  for (let start = 0; start < unique.length; start += 500) {
    const chunk = unique.slice(start, start + 500);
    await tx.query(
      `INSERT INTO rollup_report_pending (division_code, day)
       SELECT * FROM unnest($1::char(6)[], $2::date[])
       ON CONFLICT (division_code, day) DO UPDATE SET changes = rollup_report_pending.changes + 1`,
      [chunk.map(([d]) => d), chunk.map(([, day]) => day)],
    );
  }
}
