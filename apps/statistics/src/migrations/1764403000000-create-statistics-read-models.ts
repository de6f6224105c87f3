import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** Division ancestor columns: a subtree query is an equality on one of them. */
const ANCESTORS = `
  division_code char(6) NOT NULL,
  province_code char(6) NOT NULL,
  city_code char(6),
  county_code char(6)`;

/** Read models fed by other services' events, the event journal, warnings and theme rules. */
export class CreateStatisticsReadModels1764403000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.case_fact (
        case_id uuid PRIMARY KEY,
        petition_number text,
        source_complaint_id uuid,
        division_code char(6),
        province_code char(6),
        city_code char(6),
        county_code char(6),
        kind text,
        channel text,
        category_code text,
        registering_organ_id text,
        lead_organ_id text,
        status text,
        state_at timestamptz,
        state_event_id uuid,
        registered_at timestamptz,
        accept_by timestamptz,
        decided_at timestamptz,
        conclude_by timestamptz,
        closed_at timestamptz,
        overdue_flagged_at timestamptz,
        office_rating text,
        organ_rating text,
        rated_at timestamptz,
        theme_codes text[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      `CREATE INDEX case_fact_source_complaint ON ${s}.case_fact (source_complaint_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX case_fact_petition_number ON ${s}.case_fact (petition_number)`,
    );
    // For the naive baseline and ad-hoc analysis: the subtree and the registration day.
    await queryRunner.query(
      `CREATE INDEX case_fact_city_registered ON ${s}.case_fact (city_code, registered_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.case_rollup_daily (
        day date NOT NULL,
        ${ANCESTORS},
        dim text NOT NULL,
        dim_value text NOT NULL,
        registered int NOT NULL DEFAULT 0,
        online int NOT NULL DEFAULT 0,
        closed int NOT NULL DEFAULT 0,
        accept_decided int NOT NULL DEFAULT 0,
        accept_on_time int NOT NULL DEFAULT 0,
        accept_overdue_start int NOT NULL DEFAULT 0,
        accept_overdue_end int NOT NULL DEFAULT 0,
        concluded int NOT NULL DEFAULT 0,
        concluded_on_time int NOT NULL DEFAULT 0,
        conclude_overdue_start int NOT NULL DEFAULT 0,
        conclude_overdue_end int NOT NULL DEFAULT 0,
        concluded_rated int NOT NULL DEFAULT 0,
        office_rated int NOT NULL DEFAULT 0,
        office_satisfied int NOT NULL DEFAULT 0,
        organ_rated int NOT NULL DEFAULT 0,
        organ_satisfied int NOT NULL DEFAULT 0,
        PRIMARY KEY (dim, division_code, dim_value, day)
      )`);
    for (const level of ['province', 'city', 'county']) {
      await queryRunner.query(
        `CREATE INDEX case_rollup_${level} ON ${s}.case_rollup_daily (dim, ${level}_code, day)`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE ${s}.leader_message_fact (
        message_id uuid PRIMARY KEY,
        ${ANCESTORS},
        leader_id text NOT NULL,
        lead_organ_id text,
        posted_at timestamptz,
        reply_deadline timestamptz,
        published_at timestamptz,
        converted boolean NOT NULL DEFAULT false,
        state_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.reception_fact (
        record_id uuid PRIMARY KEY,
        ${ANCESTORS},
        leader_id text NOT NULL,
        leader_division_code char(6) NOT NULL,
        people_received int NOT NULL,
        outcome text NOT NULL,
        petition_number text,
        starts_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.case_ownership_fact (
        ownership_id uuid PRIMARY KEY,
        ${ANCESTORS},
        petition_number text NOT NULL,
        leader_id text NOT NULL,
        taken_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_doc (
        complaint_id uuid PRIMARY KEY,
        ${ANCESTORS},
        submitted_at timestamptz NOT NULL,
        day date NOT NULL,
        kind text NOT NULL,
        category_code text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        petitioner_hash text NOT NULL,
        keywords text[] NOT NULL,
        mobilisation boolean NOT NULL,
        theme_codes text[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      `CREATE INDEX complaint_doc_window ON ${s}.complaint_doc (division_code, submitted_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.topic_daily (
        day date NOT NULL,
        ${ANCESTORS},
        topic text NOT NULL,
        count int NOT NULL,
        weight double precision NOT NULL,
        PRIMARY KEY (topic, division_code, day)
      )`);
    for (const level of ['province', 'city', 'county']) {
      await queryRunner.query(
        `CREATE INDEX topic_daily_${level} ON ${s}.topic_daily (${level}_code, day)`,
      );
    }
    await queryRunner.query(`
      CREATE TABLE ${s}.warning (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        level text NOT NULL,
        classes text[] NOT NULL,
        ${ANCESTORS},
        topic text NOT NULL,
        summary text NOT NULL,
        petitioners int NOT NULL,
        p_value double precision,
        observed int NOT NULL,
        expected double precision,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        detected_at timestamptz NOT NULL,
        evidence uuid[] NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX warning_lookup ON ${s}.warning (kind, division_code, topic, window_end)`,
    );
    // Staff state of a warning lives apart from the detected part, so a rebuild keeps it.
    await queryRunner.query(`
      CREATE TABLE ${s}.warning_trail (
        id uuid PRIMARY KEY,
        warning_id uuid NOT NULL,
        at timestamptz NOT NULL,
        by text NOT NULL,
        action text NOT NULL,
        note text
      )`);
    await queryRunner.query(
      `CREATE INDEX warning_trail_warning ON ${s}.warning_trail (warning_id, at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.theme_rule (
        id uuid PRIMARY KEY,
        theme_code text NOT NULL UNIQUE,
        theme_name text NOT NULL,
        keywords text[] NOT NULL,
        patterns text[] NOT NULL,
        category_codes text[] NOT NULL,
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.event_journal (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        occurred_at timestamptz NOT NULL,
        envelope jsonb NOT NULL
      )`);
    for (const [code, name, keywords] of SEED_THEMES) {
      await queryRunner.query(
        `INSERT INTO ${s}.theme_rule (id, theme_code, theme_name, keywords, patterns, category_codes,
           enabled, updated_at, updated_by)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, '{}', true, now(), 'seed')`,
        [code, name, keywords, keywords.map((k) => `%${k}%`)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'event_journal',
      'theme_rule',
      'warning_trail',
      'warning',
      'topic_daily',
      'complaint_doc',
      'case_ownership_fact',
      'reception_fact',
      'leader_message_fact',
      'case_rollup_daily',
      'case_fact',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}

/** The themes the source document studies, with starting keywords staff refine later. */
const SEED_THEMES: Array<[string, string, string[]]> = [
  ['poverty-alleviation', '脱贫攻坚', ['扶贫', '脱贫', '贫困户', '低保', '建档立卡', '易地搬迁']],
  ['disaster-reconstruction', '灾后重建', ['灾后', '重建', '地震', '洪灾', '泥石流', '安置房']],
  ['real-estate', '房地产', ['房产', '开发商', '物业', '烂尾', '购房', '交房', '房产证', '商品房']],
  ['investment-finance', '投资融资', ['集资', '理财', '非法吸收', 'p2p', '借贷', '投资', '融资']],
  ['land-acquisition', '征地拆迁', ['征地', '拆迁', '征收', '补偿款', '宅基地', '土地']],
  ['wages-owed', '拖欠工资', ['拖欠工资', '欠薪', '讨薪', '农民工工资', '工钱', '欠工资']],
  ['environment', '生态环境', ['污染', '噪音', '排放', '臭味', '垃圾']],
];
