import type { EntityManager } from 'typeorm';
import type { EventData, EventEnvelope, childStatisticsReceivedEvent } from '@minsheng/contracts';
import { isWithinJurisdiction } from '@minsheng/domain';
import { CASE_COUNTERS, emptyCounters } from '../measures/formulas.js';
import { markDaysChanged, upsertRollups, type RollupKey } from './case-fact.projector.js';
import { divisionPath } from './division-path.js';
import type { CaseCounters } from '../measures/formulas.js';

type Received = EventData<typeof childStatisticsReceivedEvent>;

/**
 * A child instance's roll-up of its subtree, kept apart from our own facts. Each (division, day)
 * is replaced whole by a report of a higher revision (ties broken by reporter), so reports
 * applied in any order — live or in a rebuild — leave the same rows. Changed days are marked for
 * our own report upward: a parent receives the whole subtree through us.
 */
export class ChildRollupProjector {
  async apply(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const data = envelope.data as Received;
    const days = [...data.days].sort((a, b) =>
      a.divisionCode === b.divisionCode
        ? a.day < b.day
          ? -1
          : 1
        : a.divisionCode < b.divisionCode
          ? -1
          : 1,
    );
    for (const day of days) {
      // A child speaks for its own subtree only (the gateway checked the hop; this checks the rows).
      if (!isWithinJurisdiction(data.fromInstance, day.divisionCode)) continue;
      const [newer] = (await tx.query(
        `INSERT INTO child_rollup_day (division_code, day, reported_by, revision)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (division_code, day) DO UPDATE
           SET reported_by = EXCLUDED.reported_by, revision = EXCLUDED.revision
         WHERE (child_rollup_day.revision, child_rollup_day.reported_by)
             < (EXCLUDED.revision, EXCLUDED.reported_by)
         RETURNING division_code`,
        [day.divisionCode, day.day, data.fromInstance, day.revision],
      )) as unknown[];
      if (!newer) continue;
      await tx.query(`DELETE FROM child_rollup_daily WHERE division_code = $1 AND day = $2`, [
        day.divisionCode,
        day.day,
      ]);
      const path = divisionPath(day.divisionCode);
      const entries: Array<[string, { key: RollupKey; counters: CaseCounters }]> = day.rows.map(
        (row) => {
          const counters = emptyCounters();
          for (const c of CASE_COUNTERS) counters[c] = row.counters[c] ?? 0;
          const key: RollupKey = {
            day: day.day,
            division: path.division,
            province: path.province,
            city: path.city,
            county: path.county,
            dim: row.dim,
            value: row.value,
          };
          return [`${row.dim}|${path.division}|${row.value}|${day.day}`, { key, counters }];
        },
      );
      await upsertRollups(tx, entries, 'child_rollup_daily');
      // An emptied day has no rows to mark through upsertRollups.
      await markDaysChanged(tx, [[day.divisionCode, day.day]]);
    }
  }
}
