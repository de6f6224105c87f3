import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

export class CreatePetitionCases1764400200000 implements MigrationInterface {
  name = 'CreatePetitionCases1764400200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.petition_case (
        id                   uuid PRIMARY KEY,
        petition_number      text NOT NULL UNIQUE,
        source_complaint_id  uuid UNIQUE,
        kind                 text NOT NULL CHECK (kind IN ('suggestion', 'accusation', 'appeal')),
        channel              text NOT NULL,
        title                text NOT NULL,
        content              text NOT NULL,
        division_code        char(6) NOT NULL,
        petitioner_name      text NOT NULL,
        petitioner_id_number text NOT NULL,
        petitioner_phone     text NOT NULL,
        status               text NOT NULL,
        registered_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX petition_case_division_idx ON ${s}.petition_case (division_code, registered_at DESC)`,
    );
    // One counter row per division and year; numbers never repeat and never skip on rollback.
    await queryRunner.query(`
      CREATE TABLE ${s}.petition_number_counter (
        division_code char(6) NOT NULL,
        year          int NOT NULL,
        last_value    int NOT NULL,
        PRIMARY KEY (division_code, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.petition_number_counter`);
    await queryRunner.query(`DROP TABLE ${s}.petition_case`);
  }
}
