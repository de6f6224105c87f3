import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

type Seed = [id: string, division: string, post: string, title: string, teamOrganId: string];

/**
 * The demo deployment's leaders' mailboxes (领导信箱): the party secretary and the head of
 * government of the province, Chengdu and Jinjiang. Each is handled by the petition office of its
 * tier (the leader's team); the system administrator names the leaders and changes the team.
 */
const SEEDS: Seed[] = [
  ['510000-party-secretary', '510000', 'party-secretary', '四川省委书记信箱', '510000-xfj'],
  ['510000-government-head', '510000', 'government-head', '四川省省长信箱', '510000-xfj'],
  ['510100-party-secretary', '510100', 'party-secretary', '成都市委书记信箱', '510100-xfj'],
  ['510100-government-head', '510100', 'government-head', '成都市市长信箱', '510100-xfj'],
  ['510104-party-secretary', '510104', 'party-secretary', '锦江区委书记信箱', '510104-xfj'],
  ['510104-government-head', '510104', 'government-head', '锦江区区长信箱', '510104-xfj'],
];

/**
 * Leaders' mailboxes, and a complaint's door: `leader-mailbox` matters record the leader they are
 * addressed to (a snapshot, so a later change of the mailbox does not rewrite the record).
 */
export class CreateLeaderMailboxes1764402000000 implements MigrationInterface {
  name = 'CreateLeaderMailboxes1764402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.leader_mailbox (
        id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{2,63}$'),
        division_code  char(6) NOT NULL,
        post           text NOT NULL CHECK (post IN ('party-secretary', 'government-head')),
        title          text NOT NULL,
        leader_name    text,
        team_organ_id  text NOT NULL,
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [id, division, post, title, team] of SEEDS) {
      await queryRunner.query(
        `INSERT INTO ${s}.leader_mailbox (id, division_code, post, title, team_organ_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        [id, division, post, title, team],
      );
    }
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        ADD COLUMN channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'leader-mailbox')),
        ADD COLUMN addressee jsonb,
        ADD CONSTRAINT complaint_addressee_of_mailbox CHECK ((channel = 'leader-mailbox') = (addressee IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        DROP CONSTRAINT complaint_addressee_of_mailbox,
        DROP COLUMN addressee,
        DROP COLUMN channel`);
    await queryRunner.query(`DROP TABLE ${s}.leader_mailbox`);
  }
}
