import { makeMobileNumber, makeResidentIdNumber } from '@minsheng/testing';
import type { ResilientPlatform } from './resilient-platform.js';

const DIVISION = '510104';
const OFFICE = '510104-xfj';
const ORGAN = '510104-zjj';

export interface LoadSummary {
  sent: number;
  acknowledged: number;
  byStatus: Record<string, number>;
  actions: Record<string, number>;
  p99Ms: number;
  maxMs: number;
}

/**
 * Citizens submitting complaints (a few in flight, without pause) and staff moving the resulting
 * cases on (transfer, then accept), while a scenario injects its fault. Every 201 is remembered:
 * those are the submissions the platform promised to keep.
 */
export class Load {
  readonly acknowledged: string[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly actions = new Map<string, number>();
  private readonly latencies: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private sequence = 0;
  private tokens?: { clerk: string; handler: string };

  constructor(
    private readonly platform: ResilientPlatform,
    private readonly concurrency = 4,
    /** Submissions a second per loop; 0 = as fast as answers come. */
    private readonly perLoopPerSecond = 0,
  ) {}

  async start(): Promise<void> {
    this.tokens = {
      clerk: await this.platform.token('clerk', DIVISION, OFFICE),
      handler: await this.platform.token('handler', DIVISION, ORGAN),
    };
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
      acknowledged: this.acknowledged.length,
      byStatus: Object.fromEntries(this.statuses),
      actions: Object.fromEntries(this.actions),
      p99Ms: Math.round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
    };
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
      const response = await fetch(
        `${this.platform.process('complaint-intake').baseUrl}/api/v1/complaints`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            petitioner: {
              name: '赵六',
              idNumber: makeResidentIdNumber(DIVISION, '19750101', n % 997),
              phone: makeMobileNumber(60_000_000 + n),
            },
            divisionCode: DIVISION,
            kind: 'appeal',
            categoryCode: '0101',
            title: `小区道路破损 ${n}`,
            content: `锦江区某小区道路破损，雨天积水，请尽快维修（第 ${n} 件）。`,
          }),
          signal: AbortSignal.timeout(20_000),
        },
      );
      const body = (await response.json().catch(() => ({}))) as { trackingCode?: string };
      if (response.status === 201 && body.trackingCode) this.acknowledged.push(body.trackingCode);
      return String(response.status);
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  private async workflowLoop(): Promise<void> {
    while (this.running) {
      await sleep(300);
      const rows = await this.platform
        .query<{ petition_number: string; status: string }>(
          `SELECT petition_number, status FROM petition.petition_case
            WHERE status IN ('registered', 'transferred') ORDER BY random() LIMIT 4`,
        )
        .catch(() => []);
      await Promise.all(
        rows.map((row) =>
          row.status === 'registered'
            ? this.act(row.petition_number, 'transfer', this.tokens!.clerk, { leadOrganId: ORGAN })
            : this.act(row.petition_number, 'accept', this.tokens!.handler, {}),
        ),
      );
    }
  }

  private async act(number: string, action: string, token: string, body: object): Promise<void> {
    let outcome: string;
    try {
      const response = await fetch(
        `${this.platform.process('petition').baseUrl}/api/v1/cases/${number}/${action}`,
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
