import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * 统筹实地督查: campaigns, the cases they cover, invited participants' grants (campaign-scoped,
 * time-bound, read-only), site visits, and accountability records (约谈、通报、倒查、责任追究).
 */
export class CreateSupervisionCampaigns1764420200000 implements MigrationInterface {
  name = 'CreateSupervisionCampaigns1764420200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.supervision_campaign (
        id                  uuid PRIMARY KEY,
        title               text NOT NULL,
        description         text NOT NULL,
        division_code       char(6) NOT NULL,
        status              text NOT NULL CHECK (status IN ('open', 'closed')),
        ends_on             date NOT NULL,
        participant_fields  text[] NOT NULL,
        created_by          text NOT NULL,
        created_at          timestamptz NOT NULL,
        closed_by           text,
        closed_at           timestamptz,
        report              jsonb,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX supervision_campaign_division_idx ON ${s}.supervision_campaign (division_code, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.campaign_case (
        campaign_id  uuid NOT NULL REFERENCES ${s}.supervision_campaign (id),
        case_id      uuid NOT NULL REFERENCES ${s}.petition_case (id),
        added_at     timestamptz NOT NULL,
        added_by     text NOT NULL,
        PRIMARY KEY (campaign_id, case_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.campaign_participant (
        id            uuid PRIMARY KEY,
        campaign_id   uuid NOT NULL REFERENCES ${s}.supervision_campaign (id),
        account_id    text NOT NULL,
        name          text NOT NULL,
        affiliation   text NOT NULL CHECK (affiliation IN ('deputy', 'cppcc-member', 'journalist')),
        organisation  text NOT NULL,
        fields        text[] NOT NULL,
        valid_until   timestamptz NOT NULL,
        invited_by    text NOT NULL,
        invited_at    timestamptz NOT NULL,
        UNIQUE (campaign_id, account_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_participant_account_idx ON ${s}.campaign_participant (account_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.campaign_visit (
        id           uuid PRIMARY KEY,
        campaign_id  uuid NOT NULL REFERENCES ${s}.supervision_campaign (id),
        case_id      uuid NOT NULL REFERENCES ${s}.petition_case (id),
        visited_at   timestamptz NOT NULL,
        place        text NOT NULL,
        findings     text NOT NULL,
        recorded_by  text NOT NULL,
        recorded_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX campaign_visit_campaign_idx ON ${s}.campaign_visit (campaign_id, case_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.accountability_record (
        id                uuid PRIMARY KEY,
        campaign_id       uuid NOT NULL REFERENCES ${s}.supervision_campaign (id),
        case_id           uuid NOT NULL REFERENCES ${s}.petition_case (id),
        division_code     char(6) NOT NULL,
        organ_id          text NOT NULL REFERENCES ${s}.organ (id),
        kind              text NOT NULL CHECK (kind IN ('interview', 'circular', 'trace-back', 'accountability')),
        responsible_post  text,
        content           text NOT NULL,
        recorded_by       text NOT NULL,
        recorded_at       timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX accountability_record_case_idx ON ${s}.accountability_record (case_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX accountability_record_organ_idx ON ${s}.accountability_record (organ_id, recorded_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.accountability_record`);
    await queryRunner.query(`DROP TABLE ${s}.campaign_visit`);
    await queryRunner.query(`DROP TABLE ${s}.campaign_participant`);
    await queryRunner.query(`DROP TABLE ${s}.campaign_case`);
    await queryRunner.query(`DROP TABLE ${s}.supervision_campaign`);
  }
}
