import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The desk's list (the deadline a message works to now, kept by Postgres), 会办 inputs of the lead
 * and co-organs, two-step extension requests, and the reply templates and policy knowledge base
 * (searched through jieba's words in a `simple` tsvector).
 */
export class AddOrganInputsExtensionsAndKnowledge1764402100000 implements MigrationInterface {
  name = 'AddOrganInputsExtensionsAndKnowledge1764402100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.board_message ADD COLUMN current_deadline timestamptz
        GENERATED ALWAYS AS (CASE
          WHEN status = 'new' THEN claim_deadline
          WHEN status IN ('claimed', 'assigned', 'drafted', 'approved') THEN reply_deadline
        END) STORED`);
    await queryRunner.query(
      `CREATE INDEX board_message_division_posted_idx
         ON ${s}.board_message (division_code, posted_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX board_message_division_deadline_idx
         ON ${s}.board_message (division_code, current_deadline, id)
         WHERE current_deadline IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.organ_input (
        id          uuid PRIMARY KEY,
        message_id  uuid NOT NULL REFERENCES ${s}.board_message (id),
        organ_id    text NOT NULL,
        organ_role  text NOT NULL CHECK (organ_role IN ('lead', 'co')),
        text        text NOT NULL,
        given_by    text NOT NULL,
        given_at    timestamptz NOT NULL,
        UNIQUE (message_id, organ_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.extension_request (
        id            uuid PRIMARY KEY,
        message_id    uuid NOT NULL REFERENCES ${s}.board_message (id),
        days          int NOT NULL CHECK (days > 0),
        reason        text NOT NULL,
        organ_id      text,
        requested_by  text NOT NULL,
        requested_at  timestamptz NOT NULL,
        decision      text CHECK (decision IN ('approve', 'reject')),
        comment       text,
        decided_by    text,
        decided_at    timestamptz
      )`);
    // One pending request per message at a time.
    await queryRunner.query(
      `CREATE UNIQUE INDEX extension_request_pending_idx
         ON ${s}.extension_request (message_id) WHERE decision IS NULL`,
    );

    for (const table of ['reply_template', 'policy_article']) {
      const extra =
        table === 'reply_template'
          ? `domain text, type text,`
          : `document_number text, issuer text NOT NULL, effective_on date, source_url text,`;
      await queryRunner.query(`
        CREATE TABLE ${s}.${table} (
          id             uuid PRIMARY KEY,
          division_code  char(6) NOT NULL,
          title          text NOT NULL,
          body           text NOT NULL,
          ${extra}
          search_vector  tsvector NOT NULL DEFAULT ''::tsvector,
          created_by     text NOT NULL,
          created_at     timestamptz NOT NULL,
          updated_by     text NOT NULL,
          updated_at     timestamptz NOT NULL
        )`);
      await queryRunner.query(
        `CREATE INDEX ${table}_search_idx ON ${s}.${table} USING gin (search_vector)`,
      );
      await queryRunner.query(
        `CREATE INDEX ${table}_division_idx ON ${s}.${table} (division_code, updated_at)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.policy_article`);
    await queryRunner.query(`DROP TABLE ${s}.reply_template`);
    await queryRunner.query(`DROP TABLE ${s}.extension_request`);
    await queryRunner.query(`DROP TABLE ${s}.organ_input`);
    await queryRunner.query(`DROP INDEX ${s}.board_message_division_deadline_idx`);
    await queryRunner.query(`DROP INDEX ${s}.board_message_division_posted_idx`);
    await queryRunner.query(`ALTER TABLE ${s}.board_message DROP COLUMN current_deadline`);
  }
}
