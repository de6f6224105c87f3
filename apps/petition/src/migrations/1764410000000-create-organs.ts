import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** Responsible organs (责任单位) as a tree; ids are stable (`510104-zjj`) because cases keep them. */
export class CreateOrgans1764410000000 implements MigrationInterface {
  name = 'CreateOrgans1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.organ (
        id            text PRIMARY KEY,
        name          text NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('government', 'petition-office', 'department')),
        division_code char(6) NOT NULL,
        parent_id     text REFERENCES ${s}.organ (id),
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await queryRunner.query(`CREATE INDEX organ_division_idx ON ${s}.organ (division_code, kind)`);
    await queryRunner.query(`CREATE INDEX organ_parent_idx ON ${s}.organ (parent_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.organ`);
  }
}
