import type { ResilientPlatform } from './resilient-platform.js';

export interface InvariantReport {
  acknowledged: number;
  inIntake: number;
  cases: number;
  lost: string[];
  duplicated: string[];
  notRegistered: string[];
  appliedTwice: string[];
  backwards: string[];
}

/**
 * After a fault: every acknowledged tracking code is in intake exactly once and became exactly
 * one petition case (waiting for the platform to catch up), every event was applied once (one
 * `registered` step per complaint and per case), and every case's timeline runs forward: each
 * step starts from the status the previous one left, and the case is in the last one's status.
 */
export async function checkInvariants(
  platform: ResilientPlatform,
  acknowledged: readonly string[],
  catchUpMs = 600_000,
): Promise<InvariantReport> {
  const codes = [...acknowledged];
  const stored = async () =>
    platform.query<{ tracking_code: string; n: string; cases: string }>(
      `SELECT c.tracking_code, count(DISTINCT c.id) AS n, count(p.id) AS cases
         FROM complaint_intake.complaint c
         LEFT JOIN petition.petition_case p ON p.source_complaint_id = c.id
        WHERE c.tracking_code = ANY($1) GROUP BY c.tracking_code`,
      [codes],
    );
  // Lag is not loss: wait while the platform is still registering (progress within the last
  // 30 s), up to `catchUpMs`; only what is still missing then counts against it.
  let rows = await stored();
  const registered = () => rows.filter((r) => Number(r.cases) >= 1).length;
  const deadline = Date.now() + catchUpMs;
  let lastProgress = Date.now();
  let best = registered();
  while (Date.now() < deadline && Date.now() - lastProgress < 30_000) {
    if (rows.length === codes.length && best === codes.length) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    rows = await stored();
    if (registered() > best) {
      best = registered();
      lastProgress = Date.now();
    }
  }
  const found = new Map(rows.map((r) => [r.tracking_code, r]));
  const appliedTwice = await platform.query<{ id: string }>(
    `SELECT complaint_id::text AS id FROM complaint_intake.complaint_timeline_entry
      WHERE step = 'registered' GROUP BY complaint_id HAVING count(*) > 1
     UNION ALL
     SELECT case_id::text FROM petition.case_timeline_entry
      WHERE action = 'registered' GROUP BY case_id HAVING count(*) > 1`,
  );
  const backwards = await platform.query<{ petition_number: string; chain: string }>(
    `WITH steps AS (
       SELECT case_id, seq, from_status, to_status,
              lag(to_status) OVER (PARTITION BY case_id ORDER BY seq) AS previous,
              row_number() OVER (PARTITION BY case_id ORDER BY seq DESC) AS from_end
         FROM petition.case_timeline_entry
        -- Status changes only: notes on a case (a repeat link, supervision) keep its status.
        WHERE from_status IS NULL OR from_status <> to_status)
     SELECT p.petition_number,
            p.status || ' ⇐ ' || (SELECT string_agg(coalesce(e.from_status, '∅') || '→' || e.to_status || '#' || e.seq, ', ' ORDER BY e.seq)
                                    FROM petition.case_timeline_entry e
                                   WHERE e.case_id = p.id) AS chain
       FROM petition.petition_case p
      WHERE p.id IN (SELECT s.case_id FROM steps s
                      WHERE (s.previous IS NOT NULL AND s.from_status IS DISTINCT FROM s.previous)
                         OR (s.from_end = 1 AND s.to_status IS DISTINCT FROM (SELECT status FROM petition.petition_case WHERE id = s.case_id)))`,
  );
  const [{ n: cases }] = await platform.query<{ n: string }>(
    'SELECT count(*) AS n FROM petition.petition_case',
  );
  return {
    acknowledged: codes.length,
    inIntake: rows.length,
    cases: Number(cases),
    lost: codes.filter((c) => !found.has(c)),
    duplicated: rows
      .filter((r) => Number(r.n) > 1 || Number(r.cases) > 1)
      .map((r) => r.tracking_code),
    notRegistered: rows.filter((r) => Number(r.cases) === 0).map((r) => r.tracking_code),
    appliedTwice: appliedTwice.map((r) => r.id),
    backwards: backwards.map((r) => `${r.petition_number} (${r.chain})`),
  };
}

/** What a scenario prints: what it did, the load's outcome and the invariant counts. */
export function describeScenario(
  name: string,
  did: string[],
  load: object,
  report: InvariantReport,
): void {
  const lines = [
    `── ${name}`,
    ...did.map((line) => `   did: ${line}`),
    `   load: ${JSON.stringify(load)}`,
    `   invariants: acknowledged ${report.acknowledged}, in intake ${report.inIntake}, cases ${report.cases}, ` +
      `lost ${report.lost.length}, duplicated ${report.duplicated.length}, not registered ${report.notRegistered.length}, ` +
      `applied twice ${report.appliedTwice.length}, went backwards ${report.backwards.length}`,
  ];
  for (const [label, ids] of [
    ['lost', report.lost],
    ['duplicated', report.duplicated],
    ['not registered', report.notRegistered],
    ['applied twice', report.appliedTwice],
    ['went backwards', report.backwards],
  ] as const) {
    if (ids.length > 0) lines.push(`   ${label}: ${ids.slice(0, 50).join(', ')}`);
  }
  // eslint-disable-next-line no-console -- the scenario report is the point of this suite
  console.log(lines.join('\n'));
}

/** The invariants as one value for `expect(…).toEqual(…)`, naming the ids at fault. */
export const faults = (r: InvariantReport) => ({
  lost: r.lost,
  duplicated: r.duplicated,
  notRegistered: r.notRegistered,
  appliedTwice: r.appliedTwice,
  backwards: r.backwards,
});

export const NO_FAULTS = {
  lost: [],
  duplicated: [],
  notRegistered: [],
  appliedTwice: [],
  backwards: [],
};
