import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  caseBacklogFlaggedEvent,
  caseDeadlineApproachingEvent,
  caseOverdueEvent,
  instructionOverdueEvent,
  supervisionOrderOverdueEvent,
} from '@minsheng/contracts';
import { DEADLINE_LABELS, type DeadlineKind } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { PeriodicTask } from '@minsheng/persistence';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';
import { CaseTimelineEntryEntity } from '../case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { OPEN_STATUSES } from '../migrations/1764410200000-add-case-workflow.js';
import { caseRef } from '../repeat/repeat-detector.js';

const DAY_MS = 86_400_000;

export interface ScanReport {
  deadlineApproaching: number;
  overdue: number;
  backlogFlagged: number;
  ordersOverdue: number;
  instructionsOverdue: number;
}

/** The columns a scan needs; the fingerprint and the texts stay on disk. */
const SCAN_COLUMNS: Array<keyof PetitionCaseEntity> = [
  'id',
  'petitionNumber',
  'sourceComplaintId',
  'divisionCode',
  'status',
  'registeredAt',
  'registeringOrganId',
  'leadOrganId',
  'reviewOrganId',
  'reexaminationOrganId',
  'nextDeadlineKind',
  'nextDeadlineAt',
  'warnedFor',
  'overdueFor',
];

/** The organ that owes the next act, for whom the warning is meant. */
function holderOrganId(entity: PetitionCaseEntity): string | null {
  switch (entity.status) {
    case 'registered':
    case 'returned':
      return entity.registeringOrganId;
    case 'under-review':
      return entity.reviewOrganId;
    case 'under-reexamination':
    case 'hearing':
      return entity.reexaminationOrganId;
    default:
      return entity.leadOrganId ?? entity.registeringOrganId;
  }
}

/**
 * 督办 scan: deadline warnings (预警) and overdue reports (超期), once per case and deadline;
 * backlog cases (积案); supervision orders and leaders' instructions past their deadline. Each
 * kind is read through a partial index of what is due, so a scan costs the due rows, not the open
 * ones. Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas scanning at once share the work
 * and never report a case twice; the event and the bookkeeping commit together.
 */
@Injectable()
export class SupervisionScanner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SupervisionScanner.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    @Inject(PETITION_SETTINGS) private readonly settings: PetitionSettings,
  ) {
    this.task = new PeriodicTask({
      name: 'supervision scan',
      intervalMs: settings.SUPERVISION_SCAN_INTERVAL_MS,
      pass: () => this.scanOnce(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.SUPERVISION_SCAN_INTERVAL_MS > 0) this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One full pass; `now` is the scan's clock. */
  async scanOnce(now = new Date()): Promise<ScanReport> {
    const report: ScanReport = {
      deadlineApproaching: 0,
      overdue: 0,
      backlogFlagged: 0,
      ordersOverdue: 0,
      instructionsOverdue: 0,
    };
    await this.drain(() => this.deadlineBatch(now, report));
    await this.drain(() => this.backlogBatch(now, report));
    await this.drain(() => this.orderBatch(now, report));
    await this.drain(() => this.instructionBatch(now, report));
    if (Object.values(report).some((n) => n > 0)) this.logger.log(report, 'supervision scan');
    return report;
  }

  private async drain(batch: () => Promise<number>): Promise<void> {
    while ((await batch()) === this.settings.SUPERVISION_SCAN_BATCH);
  }

  private deadlineBatch(now: Date, report: ScanReport): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due = await tx
        .getRepository(PetitionCaseEntity)
        .createQueryBuilder('c')
        .select(SCAN_COLUMNS.map((column) => `c.${column}`))
        .where('c.nextAlertAt <= :now', { now })
        .orderBy('c.nextAlertAt')
        .limit(this.settings.SUPERVISION_SCAN_BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const warningMs = this.settings.SUPERVISION_WARNING_DAYS * DAY_MS;
      const updates = {
        ids: [] as string[],
        warned: [] as Array<string | null>,
        overdue: [] as Array<string | null>,
        next: [] as Array<Date | null>,
      };
      for (const entity of due) {
        let { warnedFor, overdueFor } = entity;
        let nextAlertAt: Date | null = null;
        const kind = entity.nextDeadlineKind as DeadlineKind | null;
        const dueAt = entity.nextDeadlineAt;
        if (kind && dueAt) {
          const key = `${kind}@${dueAt.toISOString()}`;
          const alert = {
            ...caseRef(entity),
            deadlineKind: kind,
            deadlineLabel: DEADLINE_LABELS[kind],
            dueAt: dueAt.toISOString(),
            actingOrganId: holderOrganId(entity),
            detectedAt: now.toISOString(),
          };
          if (now.getTime() > dueAt.getTime()) {
            // Past it: report once; a warning not yet sent would only be noise now.
            if (overdueFor !== key) {
              await this.events.publish(tx, caseOverdueEvent, alert, {
                divisionCode: entity.divisionCode,
                occurredAt: now,
              });
              report.overdue++;
            }
            warnedFor = key;
            overdueFor = key;
          } else if (now.getTime() >= dueAt.getTime() - warningMs) {
            if (warnedFor !== key) {
              await this.events.publish(
                tx,
                caseDeadlineApproachingEvent,
                { ...alert, warningDays: this.settings.SUPERVISION_WARNING_DAYS },
                { divisionCode: entity.divisionCode, occurredAt: now },
              );
              report.deadlineApproaching++;
            }
            warnedFor = key;
            nextAlertAt = new Date(dueAt.getTime() + 1);
          } else {
            // Claimed early (the warning period was shortened since): look again when it starts.
            nextAlertAt = new Date(dueAt.getTime() - warningMs);
          }
        }
        updates.ids.push(entity.id);
        updates.warned.push(warnedFor);
        updates.overdue.push(overdueFor);
        updates.next.push(nextAlertAt);
      }
      if (due.length > 0) {
        await tx.query(
          `UPDATE petition_case AS c
              SET warned_for = v.warned, overdue_for = v.overdue, next_alert_at = v.next
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS v(id, warned, overdue, next)
            WHERE c.id = v.id`,
          [updates.ids, updates.warned, updates.overdue, updates.next],
        );
      }
      return due.length;
    });
  }

  private backlogBatch(now: Date, report: ScanReport): Promise<number> {
    const threshold = this.settings.BACKLOG_THRESHOLD_DAYS;
    const cutoff = new Date(now.getTime() - threshold * DAY_MS);
    return this.dataSource.transaction(async (tx) => {
      const cases = await tx
        .getRepository(PetitionCaseEntity)
        .createQueryBuilder('c')
        .select(SCAN_COLUMNS.map((column) => `c.${column}`))
        .where('c.backlogFlaggedAt IS NULL')
        .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES })
        .andWhere('c.registeredAt <= :cutoff', { cutoff })
        .orderBy('c.registeredAt')
        .limit(this.settings.SUPERVISION_SCAN_BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (cases.length === 0) return 0;
      await tx.query(`UPDATE petition_case SET backlog_flagged_at = $1 WHERE id = ANY($2)`, [
        now,
        cases.map((c) => c.id),
      ]);
      for (const entity of cases) {
        await tx.insert(CaseTimelineEntryEntity, {
          caseId: entity.id,
          at: now,
          action: 'backlog-flagged',
          actorId: 'system',
          actorRoles: [],
          actorOrganId: null,
          fromStatus: entity.status,
          toStatus: entity.status,
          note: `登记已超过${threshold}日仍未办结，列为积案`,
          details: { thresholdDays: threshold } as never,
        });
        await this.events.publish(
          tx,
          caseBacklogFlaggedEvent,
          {
            ...caseRef(entity),
            registeredAt: entity.registeredAt.toISOString(),
            thresholdDays: threshold,
            flaggedAt: now.toISOString(),
          },
          { divisionCode: entity.divisionCode, occurredAt: now },
        );
      }
      report.backlogFlagged += cases.length;
      return cases.length;
    });
  }

  private orderBatch(now: Date, report: ScanReport): Promise<number> {
    return this.overdueTasks(
      'supervision_order',
      'reply_due_at',
      'replied_at',
      now,
      async (tx, row) => {
        await this.events.publish(
          tx,
          supervisionOrderOverdueEvent,
          {
            ...row.ref,
            orderId: row.id,
            orderNumber: String(row.order_number),
            organId: String(row.organ_id),
            replyDueAt: row.due.toISOString(),
            detectedAt: now.toISOString(),
          },
          { divisionCode: row.ref.divisionCode, occurredAt: now },
        );
        report.ordersOverdue++;
      },
    );
  }

  private instructionBatch(now: Date, report: ScanReport): Promise<number> {
    return this.overdueTasks(
      'leader_instruction',
      'due_at',
      'completed_at',
      now,
      async (tx, row) => {
        await this.events.publish(
          tx,
          instructionOverdueEvent,
          {
            ...row.ref,
            instructionId: row.id,
            assigneeOrganId: String(row.assignee_organ_id),
            dueAt: row.due.toISOString(),
            detectedAt: now.toISOString(),
          },
          { divisionCode: row.ref.divisionCode, occurredAt: now },
        );
        report.instructionsOverdue++;
      },
    );
  }

  /** Orders and instructions past their deadline and not yet reported: report each once. */
  private overdueTasks(
    table: 'supervision_order' | 'leader_instruction',
    dueColumn: string,
    doneColumn: string,
    now: Date,
    report: (
      tx: EntityManager,
      row: Record<string, unknown> & { id: string; due: Date; ref: ReturnType<typeof caseRef> },
    ) => Promise<void>,
  ): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<Record<string, unknown> & { id: string; due: Date; case_id: string }> =
        await tx.query(
          `SELECT t.*, t.${dueColumn} AS due FROM ${table} t
            WHERE t.${doneColumn} IS NULL AND t.overdue_notified_at IS NULL AND t.${dueColumn} < $1
            ORDER BY t.${dueColumn} LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, this.settings.SUPERVISION_SCAN_BATCH],
        );
      if (rows.length === 0) return 0;
      const cases = await tx
        .getRepository(PetitionCaseEntity)
        .createQueryBuilder('c')
        .select(SCAN_COLUMNS.map((column) => `c.${column}`))
        .where('c.id IN (:...ids)', { ids: [...new Set(rows.map((r) => r.case_id))] })
        .getMany();
      const byId = new Map(cases.map((c) => [c.id, c]));
      for (const row of rows) {
        const entity = byId.get(row.case_id);
        if (entity) await report(tx, { ...row, ref: caseRef(entity) });
      }
      await tx.query(`UPDATE ${table} SET overdue_notified_at = $1 WHERE id = ANY($2)`, [
        now,
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }
}
