import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { wireNames } from '@minsheng/messaging';
import { CITY, COUNTY, PROVINCE, type ThreeTierNetwork } from '@minsheng/service-harness';
import { NO_FAULTS, faults, type InvariantReport } from './invariants.js';
import { sleep } from './load.js';

/**
 * What the province's public timeline shows after its own routing, per status of the county's
 * case (the load only transfers and accepts), and the status it leaves the complaint in.
 */
const REPORTED: Record<string, { steps: string[]; status: string }> = {
  registered: { steps: ['registered'], status: 'registered' },
  transferred: { steps: ['registered', 'routed'], status: 'registered' },
  accepted: { steps: ['registered', 'routed', 'accepted'], status: 'accepted' },
};
// As complaint-intake's forwarded-status handler ranks them: a report never moves one back.
const PROGRESS: Record<string, number> = {
  'awaiting-exchange': -1,
  submitted: 0,
  registered: 1,
  accepted: 2,
  declined: 2,
  replied: 3,
  concluded: 4,
};

export interface NetworkReport extends InvariantReport {
  /** Acknowledged complaints whose county progress has not (all) reached the province. */
  statusNotBack: string[];
  /** Open dead letters: the exchange's (per instance) and the messaging dead-letter streams'. */
  deadLetters: string[];
  /** Envelopes still held for a predecessor, unpublished or waiting for a match at the end. */
  stuck: string[];
  /** Complaints whose reports arrived at the province in another order than they happened. */
  crossed: number;
  /** Envelopes the receivers refused (a redelivery the inbox caught is refused as REPLAYED). */
  refusals: Record<string, number>;
  /** Complaints whose progress at the province matched the county's when the wait ended. */
  settled: number;
  /** How long the network took, from the check's start, to settle (or to give up). */
  caughtUpMs: number;
}

interface CountyRow {
  tracking_code: string;
  complaints: number;
  cases: number;
  status: string | null;
}
interface ProvinceRow {
  tracking_code: string;
  complaints: number;
  status: string;
  steps: string[];
  statuses: string[];
  forwarded_status: string | null;
  reports: number;
  distinct_reports: number;
}

/**
 * After a cut in the network: every complaint the province acknowledged reached the county once
 * (one complaint, one case, one inbox row — waiting while the network is still catching up), its
 * progress came back to the province once each (one step per county event, the complaint's status
 * the one the county's case is in, never moved back), and nothing is dead-lettered or left stuck.
 */
export async function checkNetworkInvariants(
  network: ThreeTierNetwork,
  acknowledged: readonly string[],
  catchUpMs = 600_000,
): Promise<NetworkReport> {
  const codes = [...acknowledged];
  const county = {
    intake: network.quotedSchema(COUNTY, 'complaint-intake'),
    petition: network.quotedSchema(COUNTY, 'petition'),
    gateway: network.quotedSchema(COUNTY, 'exchange-gateway'),
  };
  const province = {
    intake: network.quotedSchema(PROVINCE, 'complaint-intake'),
    gateway: network.quotedSchema(PROVINCE, 'exchange-gateway'),
  };
  const read = async () => {
    const [atCounty, atProvince] = await Promise.all([
      network.query<CountyRow>(
        `SELECT c.tracking_code, count(DISTINCT c.id)::int AS complaints, count(p.id)::int AS cases,
                min(p.status) AS status
           FROM ${county.intake}.complaint c
           LEFT JOIN ${county.petition}.petition_case p ON p.source_complaint_id = c.id
          WHERE c.tracking_code = ANY($1) GROUP BY c.tracking_code`,
        [codes],
      ),
      network.query<ProvinceRow>(
        `SELECT c.tracking_code, count(*) OVER (PARTITION BY c.tracking_code)::int AS complaints,
                c.status,
                (SELECT array_agg(e.step ORDER BY e.id) FROM ${province.intake}.complaint_timeline_entry e
                  WHERE e.complaint_id = c.id) AS steps,
                (SELECT array_agg(e.status ORDER BY e.id) FROM ${province.intake}.complaint_timeline_entry e
                  WHERE e.complaint_id = c.id) AS statuses,
                f.status AS forwarded_status,
                (SELECT count(*) FROM ${province.gateway}.federation_case_status s
                  WHERE s.tracking_code = c.tracking_code)::int AS reports,
                (SELECT count(DISTINCT s.event) FROM ${province.gateway}.federation_case_status s
                  WHERE s.tracking_code = c.tracking_code)::int AS distinct_reports
           FROM ${province.intake}.complaint c
           LEFT JOIN ${province.gateway}.federation_forwarded_case f ON f.tracking_code = c.tracking_code
          WHERE c.tracking_code = ANY($1)`,
        [codes],
      ),
    ]);
    return {
      atCounty: new Map(atCounty.map((r) => [r.tracking_code, r])),
      atProvince: new Map(atProvince.map((r) => [r.tracking_code, r])),
    };
  };
  const settled = (state: Awaited<ReturnType<typeof read>>) =>
    codes.filter((code) => {
      const c = state.atCounty.get(code);
      const p = state.atProvince.get(code);
      const expected = c?.status ? REPORTED[c.status] : undefined;
      return expected && p && (p.steps?.length ?? 0) >= 1 + expected.steps.length;
    }).length;

  // Lag is not loss: wait while the network is still catching up (progress within the last 60 s),
  // up to `catchUpMs`; only what is still missing then counts against it.
  const started = Date.now();
  let state = await read();
  let best = settled(state);
  let lastProgress = Date.now();
  const deadline = Date.now() + catchUpMs;
  while (best < codes.length && Date.now() < deadline && Date.now() - lastProgress < 60_000) {
    await sleep(1_000);
    state = await read();
    const now = settled(state);
    if (now > best) {
      best = now;
      lastProgress = Date.now();
    }
  }

  const caughtUpMs = Date.now() - started;
  const lost: string[] = [];
  const duplicated: string[] = [];
  const notRegistered: string[] = [];
  const appliedTwice: string[] = [];
  const backwards: string[] = [];
  const statusNotBack: string[] = [];
  let crossed = 0;
  const inbox = new Map(
    (
      await network.query<{ case_key: string; n: number }>(
        `SELECT case_key, count(*)::int AS n FROM ${county.gateway}.federation_inbox
          WHERE type = 'complaint.forwarded' AND case_key = ANY($1) GROUP BY case_key`,
        [codes],
      )
    ).map((r) => [r.case_key, r.n]),
  );
  for (const code of codes) {
    const c = state.atCounty.get(code);
    const p = state.atProvince.get(code);
    if (!c) {
      lost.push(code);
      continue;
    }
    if (c.complaints > 1 || c.cases > 1 || (inbox.get(code) ?? 0) > 1 || (p?.complaints ?? 0) > 1) {
      duplicated.push(
        `${code} (county: ${c.complaints} complaints, ${c.cases} cases, ${inbox.get(code) ?? 0} inbox rows)`,
      );
    }
    if (c.cases === 0 || !c.status) {
      notRegistered.push(code);
      continue;
    }
    const expected = REPORTED[c.status];
    if (!p || !expected) {
      statusNotBack.push(`${code} (county ${c.status}, province ${p?.status ?? 'none'})`);
      continue;
    }
    // The province's own routing step first, then one step per report from the county.
    const [own, ...reported] = p.steps ?? [];
    const sorted = (steps: string[]) => [...steps].sort().join(',');
    if (own !== 'routed' || sorted(reported) !== sorted(expected.steps)) {
      const extra = reported.filter(
        (step, i) =>
          reported.slice(0, i + 1).filter((s) => s === step).length >
          expected.steps.filter((s) => s === step).length,
      );
      (extra.length > 0 ? appliedTwice : statusNotBack).push(
        `${code} (county ${c.status}, province timeline ${(p.steps ?? []).join('→')})`,
      );
    } else if (reported.join(',') !== expected.steps.join(',')) {
      crossed += 1;
    }
    if (p.reports !== p.distinct_reports) {
      appliedTwice.push(`${code} (${p.reports} status reports, ${p.distinct_reports} events)`);
    }
    const ranks = (p.statuses ?? []).map((s) => PROGRESS[s] ?? 99);
    const monotone = ranks.every((rank, i) => i === 0 || rank >= ranks[i - 1]!);
    if (p.status !== expected.status || p.forwarded_status !== c.status || !monotone) {
      backwards.push(
        `${code} (county ${c.status}; province ${p.status}, exchange ${p.forwarded_status}, timeline ${(p.statuses ?? []).join('→')})`,
      );
    }
  }
  const [cases] = await network.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${county.petition}.petition_case`,
  );
  return {
    acknowledged: codes.length,
    inIntake: state.atCounty.size,
    cases: cases!.n,
    lost,
    duplicated,
    notRegistered,
    appliedTwice,
    backwards,
    statusNotBack,
    deadLetters: await deadLetters(network),
    stuck: await stuck(network),
    crossed,
    refusals: await refusals(network),
    settled: best,
    caughtUpMs,
  };
}

const DIVISIONS = () => [PROVINCE, CITY, COUNTY];

async function deadLetters(network: ThreeTierNetwork): Promise<string[]> {
  const found: string[] = [];
  for (const division of DIVISIONS()) {
    const rows = await network.query<{ type: string; case_key: string; reason: string }>(
      `SELECT type, case_key, reason FROM ${network.quotedSchema(division, 'exchange-gateway')}.federation_dead_letter
        WHERE replayed_at IS NULL`,
    );
    found.push(...rows.map((r) => `${division} ${r.type} ${r.case_key}: ${r.reason}`));
    const nc = await connect({ servers: network.nats.url(division) });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = wireNames.deadLetterStream(`ms.${division}`);
      const messages = await jsm.streams.info(stream).then(
        (info) => info.state.messages,
        () => 0,
      );
      if (messages > 0) found.push(`${division} ${stream}: ${messages} events`);
    } finally {
      await nc.close();
    }
  }
  return found;
}

/** Held, unpublished or unmatched envelopes; given a little time, as relays poll. */
async function stuck(network: ThreeTierNetwork): Promise<string[]> {
  let found: string[] = [];
  for (let attempt = 0; attempt < 30; attempt++) {
    found = [];
    for (const division of DIVISIONS()) {
      const s = network.quotedSchema(division, 'exchange-gateway');
      const [row] = await network.query<{ held: number; unpublished: number; pending: number }>(
        `SELECT (SELECT count(*) FROM ${s}.federation_held)::int AS held,
                (SELECT count(*) FROM ${s}.federation_outbox WHERE published_at IS NULL)::int AS unpublished,
                (SELECT count(*) FROM ${s}.federation_pending_report)::int AS pending`,
      );
      for (const [what, n] of Object.entries(row!)) {
        if (n > 0) found.push(`${division}: ${n} ${what}`);
      }
    }
    if (found.length === 0) return found;
    await sleep(1_000);
  }
  return found;
}

async function refusals(network: ThreeTierNetwork): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const division of DIVISIONS()) {
    const rows = await network.query<{ code: string; n: number }>(
      `SELECT code, count(*)::int AS n FROM ${network.quotedSchema(division, 'exchange-gateway')}.federation_refusal
        GROUP BY code`,
    );
    for (const r of rows) out[`${division} ${r.code}`] = r.n;
  }
  return out;
}

/** The network's invariants as one value for `expect(…).toEqual(…)`, naming the ids at fault. */
export const networkFaults = (r: NetworkReport) => ({
  ...faults(r),
  statusNotBack: r.statusNotBack,
  deadLetters: r.deadLetters,
  stuck: r.stuck,
});

export const NO_NETWORK_FAULTS = { ...NO_FAULTS, statusNotBack: [], deadLetters: [], stuck: [] };

/** The lines the network's checks add to a scenario's report. */
export function describeNetworkChecks(r: NetworkReport): void {
  const lines = [
    `   network: settled ${r.settled} of ${r.acknowledged} after ${Math.round(r.caughtUpMs / 1000)} s; ` +
      `status not back ${r.statusNotBack.length}, dead letters ${r.deadLetters.length}, ` +
      `stuck ${r.stuck.length}, reports crossed on the way back ${r.crossed}, ` +
      `refusals ${JSON.stringify(r.refusals)}`,
  ];
  for (const [label, ids] of [
    ['status not back', r.statusNotBack],
    ['dead letters', r.deadLetters],
    ['stuck', r.stuck],
  ] as const) {
    if (ids.length > 0) lines.push(`   ${label}: ${ids.slice(0, 50).join(', ')}`);
  }
  // eslint-disable-next-line no-console -- the scenario report is the point of this suite
  console.log(lines.join('\n'));
}
