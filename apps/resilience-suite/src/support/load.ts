import { syntheticComplaint, type Matter } from '@minsheng/testing';
import type { ResilientPlatform } from './resilient-platform.js';

export interface LoadSummary {
  sent: number;
  acknowledged: number;
  byStatus: Record<string, number>;
  actions: Record<string, number>;
  p99Ms: number;
  maxMs: number;
}

interface OpenCase {
  petition_number: string;
  status: string;
}

/** Where a load's citizens submit and its staff work, and what they write. */
export interface LoadTarget {
  /** The county the complaints are about (and the staff work in). */
  divisionCode: string;
  intakeUrl(): string;
  petitionUrl(): string;
  staffTokens(): Promise<{ clerk: string; handler: string }>;
  /** Registered or transferred cases, a few at random, for the staff to move on. */
  openCases(limit: number): Promise<OpenCase[]>;
  /** The lead organ a clerk transfers to. */
  leadOrganId: string;
  workflowPauseMs: number;
  casesPerRound: number;
  matter(n: number): Matter;
}

/** The single-instance platform's county 510104. */
export function platformTarget(platform: ResilientPlatform): LoadTarget {
  const division = '510104';
  return {
    divisionCode: division,
    intakeUrl: () => platform.process('complaint-intake').baseUrl,
    petitionUrl: () => platform.process('petition').baseUrl,
    staffTokens: async () => ({
      clerk: await platform.token('clerk', division, `${division}-xfj`),
      handler: await platform.token('handler', division, `${division}-zjj`),
    }),
    openCases: (limit) =>
      platform.query<OpenCase>(
        `SELECT petition_number, status FROM petition.petition_case
          WHERE status IN ('registered', 'transferred') ORDER BY random() LIMIT ${limit}`,
      ),
    leadOrganId: `${division}-zjj`,
    workflowPauseMs: 300,
    casesPerRound: 4,
    matter: (n) => ({
      title: `小区道路破损 ${n}`,
      content: `锦江区某小区道路破损，雨天积水，请尽快维修（第 ${n} 件）。`,
    }),
  };
}

/**
 * Citizens submitting complaints (a few in flight, without pause) and staff moving the resulting
 * cases on (transfer, then accept), while a scenario injects its fault. Every 201 is remembered:
 * those are the submissions the platform promised to keep.
 */
export class Load {
  /** Every 201, with when it was acknowledged. */
  readonly acknowledgedAt: { trackingCode: string; at: number }[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly actions = new Map<string, number>();
  private readonly latencies: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private sequence = 0;
  private tokens?: { clerk: string; handler: string };

  constructor(
    private readonly target: LoadTarget,
    private readonly concurrency = 4,
    /** Submissions a second per loop; 0 = as fast as answers come. */
    private readonly perLoopPerSecond = 0,
  ) {}

  async start(): Promise<void> {
    this.tokens = await this.target.staffTokens();
    this.running = true;
    this.loops = [
      ...Array.from({ length: this.concurrency }, () => this.submitLoop()),
      this.workflowLoop(),
    ];
  }

  async stop(): Promise<LoadSummary> {
    this.running = false;
    await Promise.all(this.loops);
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      sent: this.latencies.length,
      acknowledged: this.acknowledgedAt.length,
      byStatus: Object.fromEntries(this.statuses),
      actions: Object.fromEntries(this.actions),
      p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
    };
  }

  /** Tracking codes of every submission acknowledged so far. */
  get acknowledged(): string[] {
    return this.acknowledgedAt.map((a) => a.trackingCode);
  }

  /** Tracking codes acknowledged between two instants. */
  acknowledgedBetween(from: number, to: number): string[] {
    return this.acknowledgedAt.filter((a) => a.at >= from && a.at < to).map((a) => a.trackingCode);
  }

  /** One submission, outside the load: its status and how long the answer took. */
  async probe(): Promise<{ status: string; ms: number }> {
    const started = performance.now();
    const status = await this.submit();
    return { status, ms: Math.round(performance.now() - started) };
  }

  private async submitLoop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      const status = await this.submit();
      this.latencies.push(performance.now() - started);
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      // Refused or failed: back off a little, as a browser's retry would.
      if (status !== '201') await sleep(200);
      else if (this.perLoopPerSecond > 0) {
        await sleep(Math.max(0, 1000 / this.perLoopPerSecond - (performance.now() - started)));
      }
    }
  }

  private async submit(): Promise<string> {
    const n = ++this.sequence;
    try {
      const response = await fetch(`${this.target.intakeUrl()}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          syntheticComplaint(n, this.target.divisionCode, this.target.matter(n)),
        ),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await response.json().catch(() => ({}))) as { trackingCode?: string };
      if (response.status === 201 && body.trackingCode) {
        this.acknowledgedAt.push({ trackingCode: body.trackingCode, at: Date.now() });
      }
      return String(response.status);
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  private async workflowLoop(): Promise<void> {
    while (this.running) {
      await sleep(this.target.workflowPauseMs);
      const rows = await this.target
        .openCases(this.target.casesPerRound)
        .catch(() => [] as OpenCase[]);
      await Promise.all(
        rows.map((row) =>
          row.status === 'registered'
            ? this.act(row.petition_number, 'transfer', this.tokens!.clerk, {
                leadOrganId: this.target.leadOrganId,
              })
            : this.act(row.petition_number, 'accept', this.tokens!.handler, {}),
        ),
      );
    }
  }

  private async act(number: string, action: string, token: string, body: object): Promise<void> {
    let outcome: string;
    try {
      const response = await fetch(
        `${this.target.petitionUrl()}/api/v1/cases/${number}/${action}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        },
      );
      outcome = `${action} ${response.status}`;
    } catch {
      outcome = `${action} failed`;
    }
    this.actions.set(outcome, (this.actions.get(outcome) ?? 0) + 1);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
