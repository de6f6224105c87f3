import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The gateway's copy of its statistics service's subtree roll-up (fed by
 * `statistics.subtree-rollup.published`): what it reports up and what the integrator API's
 * aggregated figures are answered from — the gateway never reads statistics' tables.
 */
export class CreateFederationStatisticsCopy1765200200000 implements MigrationInterface {
  name = 'CreateFederationStatisticsCopy1765200200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.federation_statistics_day (
      division_code char(6) NOT NULL,
      day           date NOT NULL,
      reported_by   char(6) NOT NULL,
      revision      bigint NOT NULL,
      received_at   timestamptz NOT NULL,
      PRIMARY KEY (division_code, day))`);
    await queryRunner.query(`CREATE TABLE ${s}.federation_statistics_rollup (
      division_code char(6) NOT NULL,
      day           date NOT NULL,
      dim           text NOT NULL,
      dim_value     text NOT NULL,
      counters      jsonb NOT NULL,
      PRIMARY KEY (division_code, day, dim, dim_value))`);
    await queryRunner.query(
      `CREATE INDEX federation_statistics_rollup_dim_day ON ${s}.federation_statistics_rollup (dim, day)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.federation_statistics_rollup`);
    await queryRunner.query(`DROP TABLE ${s}.federation_statistics_day`);
  }
}
