import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * A BRIN index on the inbox's `processed_at`, for `MessagingRetention` to find the rows past the
 * streams' max age without reading the whole table. Rows are appended in time order, so block
 * ranges summarise well; unlike a B-tree it costs next to nothing per row each consumer inserts.
 * Part of `messagingMigrations`.
 */
export class IndexInboxByProcessedAt1764400010000 implements MigrationInterface {
  name = 'IndexInboxByProcessedAt1764400010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `CREATE INDEX inbox_processed_at_brin ON ${s}.inbox USING brin (processed_at)
         WITH (autosummarize = on)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.inbox_processed_at_brin`);
  }
}
