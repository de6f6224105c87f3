import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** A case's timeline, the written notices issued to the petitioner, and their satisfaction rating. */
export class CreateCaseTimelineNoticesRatings1764410300000 implements MigrationInterface {
  name = 'CreateCaseTimelineNoticesRatings1764410300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.case_timeline_entry (
        seq            bigserial PRIMARY KEY,
        case_id        uuid NOT NULL REFERENCES ${s}.petition_case (id),
        at             timestamptz NOT NULL,
        action         text NOT NULL,
        actor_id       text NOT NULL,
        actor_roles    text[] NOT NULL DEFAULT '{}',
        actor_organ_id text,
        from_status    text,
        to_status      text,
        note           text,
        details        jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query(
      `CREATE INDEX case_timeline_entry_case_idx ON ${s}.case_timeline_entry (case_id, seq)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.written_notice (
        id               uuid PRIMARY KEY,
        case_id          uuid NOT NULL REFERENCES ${s}.petition_case (id),
        type             text NOT NULL,
        title            text NOT NULL,
        text             text NOT NULL,
        issuing_organ_id text,
        issued_by        text NOT NULL,
        issued_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX written_notice_case_idx ON ${s}.written_notice (case_id, issued_at)`,
    );
    // One rating per case (the primary key): a redelivered or repeated rating is ignored.
    await queryRunner.query(`
      CREATE TABLE ${s}.case_rating (
        case_id        uuid PRIMARY KEY REFERENCES ${s}.petition_case (id),
        complaint_id   uuid NOT NULL,
        office         text NOT NULL CHECK (office IN ('satisfied', 'basically-satisfied', 'dissatisfied')),
        organ          text NOT NULL CHECK (organ IN ('satisfied', 'basically-satisfied', 'dissatisfied')),
        comment        text,
        rated_organ_id text,
        rated_at       timestamptz NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.case_rating`);
    await queryRunner.query(`DROP TABLE ${s}.written_notice`);
    await queryRunner.query(`DROP TABLE ${s}.case_timeline_entry`);
  }
}
