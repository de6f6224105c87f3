import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  FederationDeadLetterResponse,
  FederationMessageType,
  ReplayDeadLettersResponse,
} from '@minsheng/contracts';
import { PeriodicTask } from '@minsheng/persistence';
import { EnvelopeReceiver } from './envelope-receiver.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';

interface DeadLetterRow {
  id: string;
  envelope_id: string | null;
  type: FederationMessageType | null;
  origin: string | null;
  case_key: string | null;
  raw: string;
  reason: string;
  attempts: number;
  dead_lettered_at: Date;
  replayed_at: Date | null;
}

// The replay CLI only marks rows; the running gateway picks them up this often.
const REQUEST_POLL_MS = 1_000;

/**
 * The operator's side of the dead letters: list them, and replay them after a fix — through the
 * whole receiving path again (signature, jurisdiction, inbox, order), so a replay is as safe as a
 * first delivery. A replay that fails again stays a dead letter with the new reason.
 */
@Injectable()
export class DeadLetters implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadLetters.name);
  private readonly task = new PeriodicTask({
    name: 'federation dead-letter replay',
    intervalMs: REQUEST_POLL_MS,
    pass: () => this.replay({ requestedOnly: true }),
    logger: this.logger,
  });

  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly receiver: EnvelopeReceiver,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async list(): Promise<FederationDeadLetterResponse[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM "${this.config.schema}".federation_dead_letter ORDER BY dead_lettered_at LIMIT 500`,
    );
    return rows.map((r) => ({
      id: r.id,
      envelopeId: r.envelope_id,
      type: r.type,
      originDivision: r.origin,
      caseKey: r.case_key,
      reason: r.reason,
      attempts: r.attempts,
      deadLetteredAt: new Date(r.dead_lettered_at).toISOString(),
      replayedAt: r.replayed_at ? new Date(r.replayed_at).toISOString() : null,
    }));
  }

  /** Replays open dead letters (all, one, or those the CLI marked), oldest first. */
  async replay(
    options: { id?: string; requestedOnly?: boolean } = {},
  ): Promise<ReplayDeadLettersResponse> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      `SELECT * FROM "${this.config.schema}".federation_dead_letter
        WHERE replayed_at IS NULL
          AND ($1::uuid IS NULL OR id = $1)
          AND (NOT $2 OR replay_requested_at IS NOT NULL)
        ORDER BY dead_lettered_at`,
      [options.id ?? null, options.requestedOnly ?? false],
    );
    let replayed = 0;
    for (const row of rows) {
      const outcome = await this.receiver.receive(row.raw, row.id);
      if (outcome === 'applied' || outcome === 'forwarded' || outcome === 'held') {
        replayed++;
        if (outcome === 'held') await this.markReplayed(row.id);
      } else if (outcome !== 'dead-lettered') {
        // Refused on replay (already applied, or not trusted): it is closed, with the reason.
        await this.markReplayed(row.id, `closed on replay: ${outcome}`);
      }
    }
    if (rows.length > 0) {
      this.logger.log({ replayed, failed: rows.length - replayed }, 'dead letters replayed');
    }
    return { replayed, failed: rows.length - replayed };
  }

  private async markReplayed(id: string, note?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "${this.config.schema}".federation_dead_letter
          SET replayed_at = now(), replay_requested_at = NULL,
              reason = CASE WHEN $2::text IS NULL THEN reason ELSE reason || ' — ' || $2 END
        WHERE id = $1`,
      [id, note ?? null],
    );
  }
}
