import { COUNTY, PROVINCE, type ThreeTierNetwork } from '@minsheng/service-harness';
import { makeMobileNumber, makeResidentIdNumber } from '@minsheng/testing';
import type { LoadSummary } from './load.js';
import { sleep } from './load.js';

const OFFICE = `${COUNTY}-xfj`;
const ORGAN = `${COUNTY}-zjj`;

/**
 * Citizens submitting at the province complaints about the county (each travels province → city
 * → county, its status back up), and county staff moving the resulting cases on (transfer, then
 * accept), so status reports queue on the county's side of a cut too. Every 201 is remembered,
 * with when it was acknowledged: those are the complaints the province promised to pass on.
 */
export class NetworkLoad {
  readonly acknowledged: { trackingCode: string; at: number }[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly actions = new Map<string, number>();
  private readonly latencies: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private sequence = 0;
  private tokens?: { clerk: string; handler: string };

  constructor(
    private readonly network: ThreeTierNetwork,
    private readonly concurrency: number,
    private readonly perLoopPerSecond: number,
  ) {}

  async start(): Promise<void> {
    this.tokens = {
      clerk: await this.network.token({ role: 'clerk', division: COUNTY, organ: OFFICE }),
      handler: await this.network.token({ role: 'handler', division: COUNTY, organ: ORGAN }),
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

  /** Tracking codes acknowledged between two instants. */
  acknowledgedBetween(from: number, to: number): string[] {
    return this.acknowledged.filter((a) => a.at >= from && a.at < to).map((a) => a.trackingCode);
  }

  private async submitLoop(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      const status = await this.submit();
      this.latencies.push(performance.now() - started);
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
      if (status !== '201') await sleep(200);
      else await sleep(Math.max(0, 1000 / this.perLoopPerSecond - (performance.now() - started)));
    }
  }

  private async submit(): Promise<string> {
    const n = ++this.sequence;
    try {
      const response = await fetch(
        `${this.network.url(PROVINCE, 'complaint-intake')}/api/v1/complaints`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            petitioner: {
              name: '赵六',
              idNumber: makeResidentIdNumber(COUNTY, '19750101', n % 997),
              phone: makeMobileNumber(60_000_000 + n),
            },
            divisionCode: COUNTY,
            kind: 'appeal',
            categoryCode: '0101',
            title: `锦江区道路坑洼 ${n}`,
            content: `锦江区某路段坑洼不平，雨天积水，请尽快修复（第 ${n} 件）。`,
          }),
          signal: AbortSignal.timeout(20_000),
        },
      );
      const body = (await response.json().catch(() => ({}))) as { trackingCode?: string };
      if (response.status === 201 && body.trackingCode) {
        this.acknowledged.push({ trackingCode: body.trackingCode, at: Date.now() });
      }
      return String(response.status);
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  private async workflowLoop(): Promise<void> {
    const cases = this.network.quotedSchema(COUNTY, 'petition');
    while (this.running) {
      await sleep(500);
      const rows = await this.network
        .query<{ petition_number: string; status: string }>(
          `SELECT petition_number, status FROM ${cases}.petition_case
            WHERE status IN ('registered', 'transferred') ORDER BY random() LIMIT 3`,
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
        `${this.network.url(COUNTY, 'petition')}/api/v1/cases/${number}/${action}`,
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
