import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * Boards and their sync cursors, messages (one row per board message: the unique key is what
 * makes the sync exactly-once), reply drafts with their reviews, and the browsing log (定期浏览).
 */
export class CreateLeaderMessageTables1764402000000 implements MigrationInterface {
  name = 'CreateLeaderMessageTables1764402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.board (
        id              uuid PRIMARY KEY,
        external_id     text NOT NULL UNIQUE,
        leader_id       text NOT NULL,
        leader_name     text NOT NULL,
        leader_title    text NOT NULL,
        division_code   char(6) NOT NULL,
        source          text NOT NULL CHECK (source IN ('http', 'import')),
        cursor          text,
        failures        int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until     timestamptz,
        last_synced_at  timestamptz,
        last_error      text,
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX board_division_idx ON ${s}.board (division_code)`);

    await queryRunner.query(`
      CREATE TABLE ${s}.board_message (
        id                      uuid PRIMARY KEY,
        board_id                uuid NOT NULL REFERENCES ${s}.board (id),
        external_id             text NOT NULL,
        leader_id               text NOT NULL,
        division_code           char(6) NOT NULL,
        type                    text NOT NULL,
        domain                  text NOT NULL,
        title                   text NOT NULL,
        content                 text NOT NULL,
        author_name             text NOT NULL,
        contact_phone_encrypted text,
        contact_phone_hash      text,
        posted_at               timestamptz NOT NULL,
        received_at             timestamptz NOT NULL,
        status                  text NOT NULL,
        urgent                  boolean NOT NULL DEFAULT false,
        claim_deadline          timestamptz NOT NULL,
        reply_deadline          timestamptz NOT NULL,
        extension_days          int NOT NULL DEFAULT 0,
        claimed_at              timestamptz,
        claimed_by              text,
        claim_pushed_at         timestamptz,
        lead_organ_id           text,
        lead_organ_name         text,
        co_organs               jsonb NOT NULL DEFAULT '[]'::jsonb,
        instructions            text,
        assigned_at             timestamptz,
        return_count            int NOT NULL DEFAULT 0,
        approved_text           text,
        approved_at             timestamptz,
        published_text          text,
        published_at            timestamptz,
        board_reply_id          text,
        rating_attitude         int CHECK (rating_attitude BETWEEN 1 AND 5),
        rating_speed            int CHECK (rating_speed BETWEEN 1 AND 5),
        rated_at                timestamptz,
        rating_checked_at       timestamptz,
        converted_at            timestamptz,
        petition_number         text,
        case_concluded_at       timestamptz,
        case_conclusion         text,
        warnings                text[] NOT NULL DEFAULT '{}',
        push_failures           int NOT NULL DEFAULT 0,
        next_push_at            timestamptz,
        UNIQUE (board_id, external_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX board_message_board_status_idx ON ${s}.board_message (board_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX board_message_leader_idx ON ${s}.board_message (leader_id, posted_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX board_message_petition_idx ON ${s}.board_message (petition_number)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.reply_draft (
        id            uuid PRIMARY KEY,
        message_id    uuid NOT NULL REFERENCES ${s}.board_message (id),
        version       int NOT NULL,
        text          text NOT NULL,
        organ_id      text,
        drafted_by    text NOT NULL,
        drafted_at    timestamptz NOT NULL,
        decision      text CHECK (decision IN ('approve', 'return')),
        comment       text,
        reviewed_by   text,
        reviewed_at   timestamptz,
        UNIQUE (message_id, version)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.board_browse (
        id          uuid PRIMARY KEY,
        board_id    uuid NOT NULL REFERENCES ${s}.board (id),
        user_id     text NOT NULL,
        browsed_at  timestamptz NOT NULL,
        unclaimed   int NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX board_browse_board_idx ON ${s}.board_browse (board_id, browsed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.board_browse`);
    await queryRunner.query(`DROP TABLE ${s}.reply_draft`);
    await queryRunner.query(`DROP TABLE ${s}.board_message`);
    await queryRunner.query(`DROP TABLE ${s}.board`);
  }
}
