import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STANDARD_CATEGORY_TAXONOMY } from '@minsheng/domain';
import { migrationSchema } from '@minsheng/persistence';

/** The category table, seeded with the standard taxonomy (信访内容分类). */
export class CreateComplaintCategories1764400600000 implements MigrationInterface {
  name = 'CreateComplaintCategories1764400600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_category (
        code        text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2})?$'),
        parent_code text REFERENCES ${s}.complaint_category (code),
        name        text NOT NULL,
        sort_order  integer NOT NULL,
        active      boolean NOT NULL DEFAULT true,
        CHECK ((length(code) = 2 AND parent_code IS NULL)
            OR (length(code) = 4 AND parent_code = left(code, 2)))
      )`);
    let order = 0;
    for (const [code, name, topics] of STANDARD_CATEGORY_TAXONOMY) {
      await queryRunner.query(
        `INSERT INTO ${s}.complaint_category (code, parent_code, name, sort_order) VALUES ($1, NULL, $2, $3)`,
        [code, name, order++],
      );
      for (const [topic, topicName] of topics) {
        await queryRunner.query(
          `INSERT INTO ${s}.complaint_category (code, parent_code, name, sort_order) VALUES ($1, $2, $3, $4)`,
          [topic, code, topicName, order++],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.complaint_category`);
  }
}
