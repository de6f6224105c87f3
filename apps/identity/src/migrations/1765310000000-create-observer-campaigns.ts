import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

export class CreateObserverCampaigns1765310000000 implements MigrationInterface {
  name = 'CreateObserverCampaigns1765310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // Text, not a reference: petition names accounts as it was given them, and a row may arrive
    // for an account this identity does not hold.
    await queryRunner.query(`
      CREATE TABLE ${s}.observer_campaign (
        account_id  text NOT NULL,
        campaign_id uuid NOT NULL,
        invited_at  timestamptz,
        closed_at   timestamptz,
        PRIMARY KEY (account_id, campaign_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.observer_campaign`);
  }
}
