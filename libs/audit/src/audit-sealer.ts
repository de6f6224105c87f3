import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PLAIN_INDEX_SCAN } from '@minsheng/persistence';
import type { AuditRecordRow } from './audit-entry.js';
import { GENESIS_HASH, auditRecordHash } from './audit-hash.js';
import { AUDIT_OPTIONS, type AuditOptions } from './audit.options.js';

const BATCH = 500;

/**
 * Chains committed audit records with SM3, in batches, shortly after they are written. Sealing
 * apart from the audited transaction keeps business transactions from queueing on the chain's
 * single head; one sealer per schema works at a time (an advisory lock). Each tick seals the whole
 * backlog, a batch at a time, so the chain keeps up with any rate of writing.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditSealer.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sealBacklog()
        .catch((error) =>
          this.logger.warn({ err: (error as Error).message }, 'audit sealing failed'),
        )
        .finally(() => (this.running = undefined));
    }, this.options.sealIntervalMs ?? 1_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    // Seal what this process wrote, so a clean stop leaves nothing unchained.
    await this.sealBacklog().catch(() => undefined);
  }

  /** Seals batch after batch until one comes out short; returns how many records it chained. */
  async sealBacklog(batchSize = BATCH): Promise<number> {
    let sealed = 0;
    for (;;) {
      const n = await this.sealOnce(batchSize);
      sealed += n;
      if (n < batchSize) return sealed;
    }
  }

  /** Seals one batch; returns how many records it chained. */
  async sealOnce(batchSize = BATCH): Promise<number> {
    const table = `"${this.options.schema}".audit_record`;
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [`audit-seal:${this.options.schema}`],
      );
      if (!locked) return 0;
      await tx.query(PLAIN_INDEX_SCAN);
      const rows: AuditRecordRow[] = await tx.query(
        `SELECT * FROM ${table} WHERE hash IS NULL ORDER BY seq LIMIT $1 FOR UPDATE`,
        [batchSize],
      );
      if (rows.length === 0) return 0;
      const [head] = await tx.query(
        `SELECT chain_index, hash FROM ${table} WHERE chain_index IS NOT NULL ORDER BY chain_index DESC LIMIT 1`,
      );
      let index = head ? BigInt(head.chain_index) : 0n;
      let prev: string = head ? head.hash : GENESIS_HASH;
      const seqs: string[] = [];
      const indexes: string[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        index += 1n;
        const hash = auditRecordHash(row, index.toString(), prev);
        seqs.push(String(row.seq));
        indexes.push(index.toString());
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      // The seqs twice: as a condition on the table itself they lead the planner to the rows
      // through the primary key; joined only, it could hash the whole table for a batch.
      await tx.query(
        `UPDATE ${table} AS a SET chain_index = v.chain_index, prev_hash = v.prev_hash, hash = v.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS v(seq, chain_index, prev_hash, hash)
          WHERE a.seq = v.seq AND a.seq = ANY($1::bigint[])`,
        // As array literals: every element is digits or hex, nothing to quote, where pg's own
        // conversion quotes and escapes each of the batch's 2,000 elements.
        [seqs, indexes, prevs, hashes].map((list) => `{${list.join(',')}}`),
      );
      return rows.length;
    });
  }
}
