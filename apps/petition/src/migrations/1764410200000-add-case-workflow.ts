import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';
import {
  DeadlineCalendar,
  PETITION_STATUSES,
  computeDeadlines,
  currentDeadline,
  parseCalendarOverrides,
  type DayCountMode,
} from '@minsheng/domain';
import { readFileSync } from 'node:fs';

/** Statuses in which a case is still open (积案 candidates). */
export const OPEN_STATUSES = [
  'registered',
  'transferred',
  'assigned',
  'returned',
  'accepted',
  'extension-requested',
  'replied',
  'under-review',
  'under-reexamination',
  'hearing',
];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The deployment's calendar, as the service builds it, for computing deadlines of existing rows. */
function calendarFromEnv(): DeadlineCalendar {
  const file = process.env.CALENDAR_OVERRIDES_FILE;
  return new DeadlineCalendar({
    mode: (process.env.DEADLINE_MODE as DayCountMode | undefined) ?? 'working-day',
    overrides: file ? parseCalendarOverrides(readFileSync(file, 'utf8')) : undefined,
  });
}

/**
 * The workflow state of a case (the domain's `PetitionCaseState`), its deadlines, and what the
 * worklists and supervision index: the current deadline, when supervision next looks, who the
 * case is waiting for. Cases registered before this have only been registered; they get the
 * registering office of their division and their deadlines from the deployment's calendar.
 */
export class AddCaseWorkflow1764410200000 implements MigrationInterface {
  name = 'AddCaseWorkflow1764410200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ADD COLUMN category_code              text,
        ADD COLUMN address                    text,
        ADD COLUMN attachments                jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN reply_public_consent       boolean NOT NULL DEFAULT false,
        ADD COLUMN registering_organ_id       text,
        ADD COLUMN registered_by              text NOT NULL DEFAULT 'system',
        ADD COLUMN routing                    text CHECK (routing IN ('transfer', 'assign')),
        ADD COLUMN lead_organ_id              text,
        ADD COLUMN co_handling_organ_ids      text[] NOT NULL DEFAULT '{}',
        ADD COLUMN report_within_days         int,
        ADD COLUMN review_organ_id            text,
        ADD COLUMN reexamination_organ_id     text,
        ADD COLUMN received_by_organ_at       timestamptz,
        ADD COLUMN accepted_at                timestamptz,
        ADD COLUMN replied_at                 timestamptz,
        ADD COLUMN concluded_at               timestamptz,
        ADD COLUMN review_requested_at        timestamptz,
        ADD COLUMN review_decided_at          timestamptz,
        ADD COLUMN reexamination_requested_at timestamptz,
        ADD COLUMN reexamination_decided_at   timestamptz,
        ADD COLUMN hearing_started_at         timestamptz,
        ADD COLUMN hearing_pauses             jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN pending_extension          jsonb,
        ADD COLUMN extension                  jsonb,
        ADD COLUMN objections                 jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN closed_at                  timestamptz,
        ADD COLUMN closing_reason             text,
        ADD COLUMN legal_route                text,
        ADD COLUMN same_facts_as_final_case_id uuid,
        ADD COLUMN updated_at                 timestamptz,
        ADD COLUMN deadlines                  jsonb,
        ADD COLUMN next_deadline_kind         text,
        ADD COLUMN next_deadline_at           timestamptz,
        ADD COLUMN next_alert_at              timestamptz,
        ADD COLUMN warned_for                 text,
        ADD COLUMN overdue_for                text,
        ADD COLUMN backlog_flagged_at         timestamptz,
        ADD COLUMN acting_parties             text[] NOT NULL DEFAULT '{}'`);

    const calendar = calendarFromEnv();
    const warningDays = Number(process.env.SUPERVISION_WARNING_DAYS ?? 3);
    const rows: Array<{ id: string; division_code: string; registered_at: Date }> =
      await queryRunner.query(`SELECT id, division_code, registered_at FROM ${s}.petition_case`);
    for (const row of rows) {
      const office = `${row.division_code}-xfj`;
      const base = {
        id: row.id,
        divisionCode: row.division_code,
        registeringOrganId: office,
        routing: null,
        responsibleOrganId: null,
        coHandlingOrganIds: [],
        reportWithinDays: null,
        reviewOrganId: null,
        reexaminationOrganId: null,
        registeredAt: row.registered_at,
        receivedByOrganAt: null,
        acceptedAt: null,
        repliedAt: null,
        concludedAt: null,
        reviewRequestedAt: null,
        reviewDecidedAt: null,
        reexaminationRequestedAt: null,
        reexaminationDecidedAt: null,
        hearingStartedAt: null,
        hearingPauses: [],
        pendingExtension: null,
        extension: null,
        objections: [],
        closedAt: null,
        closingReason: null,
        legalRoute: null,
        sameFactsAsFinalCaseId: null,
        updatedAt: row.registered_at,
      };
      const deadlines = computeDeadlines(base, calendar);
      const current = currentDeadline({ ...base, status: 'registered', deadlines });
      await queryRunner.query(
        `UPDATE ${s}.petition_case
            SET registering_organ_id = $2, updated_at = registered_at, deadlines = $3,
                next_deadline_kind = $4, next_deadline_at = $5, next_alert_at = $6,
                acting_parties = $7
          WHERE id = $1`,
        [
          row.id,
          office,
          JSON.stringify(deadlines),
          current?.kind ?? null,
          current?.dueAt ?? null,
          current ? new Date(current.dueAt.getTime() - warningDays * 86_400_000) : null,
          [`${office}:clerk`, `${office}:handler`],
        ],
      );
    }
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ALTER COLUMN registering_organ_id SET NOT NULL,
        ALTER COLUMN updated_at SET NOT NULL,
        ALTER COLUMN deadlines SET NOT NULL,
        ADD CONSTRAINT petition_case_status_check CHECK (status IN (${list(PETITION_STATUSES)}))`);

    await queryRunner.query(`DROP INDEX ${s}.petition_case_division_idx`);
    // A county's worklist: equality on the division, newest first, keyset on (registered_at, id).
    await queryRunner.query(
      `CREATE INDEX petition_case_division_registered_idx ON ${s}.petition_case (division_code, registered_at DESC, id DESC)`,
    );
    // A city's or the province's: a range of divisions, read in time order and filtered.
    await queryRunner.query(
      `CREATE INDEX petition_case_registered_idx ON ${s}.petition_case (registered_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_lead_organ_idx ON ${s}.petition_case (lead_organ_id, registered_at DESC, id DESC) WHERE lead_organ_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_division_deadline_idx ON ${s}.petition_case (division_code, next_deadline_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_deadline_idx ON ${s}.petition_case (next_deadline_at, id) WHERE next_deadline_at IS NOT NULL`,
    );
    // Supervision reads only the cases whose alert time has come.
    await queryRunner.query(
      `CREATE INDEX petition_case_next_alert_idx ON ${s}.petition_case (next_alert_at) WHERE next_alert_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_backlog_idx ON ${s}.petition_case (registered_at)
        WHERE backlog_flagged_at IS NULL AND status IN (${list(OPEN_STATUSES)})`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_acting_idx ON ${s}.petition_case USING gin (acting_parties)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_petitioner_idx ON ${s}.petition_case (petitioner_id_number_hash, registered_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_number_prefix_idx ON ${s}.petition_case (petition_number text_pattern_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const index of [
      'petition_case_division_registered_idx',
      'petition_case_registered_idx',
      'petition_case_lead_organ_idx',
      'petition_case_division_deadline_idx',
      'petition_case_deadline_idx',
      'petition_case_next_alert_idx',
      'petition_case_backlog_idx',
      'petition_case_acting_idx',
      'petition_case_petitioner_idx',
      'petition_case_number_prefix_idx',
    ]) {
      await queryRunner.query(`DROP INDEX ${s}.${index}`);
    }
    await queryRunner.query(
      `CREATE INDEX petition_case_division_idx ON ${s}.petition_case (division_code, registered_at DESC)`,
    );
    await queryRunner.query(
      `ALTER TABLE ${s}.petition_case DROP CONSTRAINT petition_case_status_check`,
    );
    // Cases that moved on cannot be represented by the earlier schema; they revert to registered.
    await queryRunner.query(`UPDATE ${s}.petition_case SET status = 'registered'`);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ${[
          'category_code',
          'address',
          'attachments',
          'reply_public_consent',
          'registering_organ_id',
          'registered_by',
          'routing',
          'lead_organ_id',
          'co_handling_organ_ids',
          'report_within_days',
          'review_organ_id',
          'reexamination_organ_id',
          'received_by_organ_at',
          'accepted_at',
          'replied_at',
          'concluded_at',
          'review_requested_at',
          'review_decided_at',
          'reexamination_requested_at',
          'reexamination_decided_at',
          'hearing_started_at',
          'hearing_pauses',
          'pending_extension',
          'extension',
          'objections',
          'closed_at',
          'closing_reason',
          'legal_route',
          'same_facts_as_final_case_id',
          'updated_at',
          'deadlines',
          'next_deadline_kind',
          'next_deadline_at',
          'next_alert_at',
          'warned_for',
          'overdue_for',
          'backlog_flagged_at',
          'acting_parties',
        ]
          .map((c) => `DROP COLUMN ${c}`)
          .join(', ')}`);
  }
}
