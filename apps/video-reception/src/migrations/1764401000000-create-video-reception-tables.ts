import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

const HOLDING = `'booked', 'confirmed', 'checked-in', 'completed'`;

/**
 * Halls, schedules, reception days, bookings, notices, records and case ownership. Double
 * bookings are refused by Postgres itself, whatever the number of replicas: exclusion
 * constraints on time ranges for the leader, the petitioner (by the keyed hash of the ID number)
 * and every hall a session occupies, and a CHECK on each day's capacity kept by a trigger.
 */
export class CreateVideoReceptionTables1764401000000 implements MigrationInterface {
  name = 'CreateVideoReceptionTables1764401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // The extension is database-wide: it goes to `public` (on every service's search path), not to
    // this schema, so dropping one schema (a test's, say) never takes it from another. The lock
    // keeps two schemas migrating at once from racing to create it.
    await queryRunner.query(`SELECT pg_advisory_xact_lock(hashtext('minsheng:btree_gist'))`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`);

    await queryRunner.query(`
      CREATE TABLE ${s}.reception_hall (
        id            uuid PRIMARY KEY,
        name          text NOT NULL,
        division_code char(6) NOT NULL,
        address       text,
        active        boolean NOT NULL DEFAULT true,
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX reception_hall_division_idx ON ${s}.reception_hall (division_code)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.reception_schedule (
        id                   uuid PRIMARY KEY,
        leader_id            text NOT NULL,
        leader_name          text NOT NULL,
        leader_title         text NOT NULL,
        division_code        char(6) NOT NULL,
        title                text NOT NULL,
        start_time           text NOT NULL CHECK (start_time ~ '^\\d{2}:\\d{2}$'),
        end_time             text NOT NULL CHECK (end_time ~ '^\\d{2}:\\d{2}$'),
        slot_minutes         int NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
        capacity             int NOT NULL CHECK (capacity >= 1),
        hall_ids             uuid[] NOT NULL,
        official_hall_id     uuid REFERENCES ${s}.reception_hall (id),
        kinds                text[] NOT NULL,
        topics               text[] NOT NULL,
        start_date           date NOT NULL,
        recurrence_rule      text,
        until_date           date,
        occurrence_count     int,
        skip_public_holidays boolean NOT NULL,
        exceptions           jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_by           text NOT NULL,
        created_at           timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX reception_schedule_leader_idx ON ${s}.reception_schedule (leader_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.reception_day (
        id            uuid PRIMARY KEY,
        schedule_id   uuid NOT NULL REFERENCES ${s}.reception_schedule (id),
        day           date NOT NULL,
        starts_at     timestamptz NOT NULL,
        ends_at       timestamptz NOT NULL,
        leader_id     text NOT NULL,
        division_code char(6) NOT NULL,
        slot_minutes  int NOT NULL,
        capacity      int NOT NULL,
        held_count    int NOT NULL DEFAULT 0,
        status        text NOT NULL CHECK (status IN ('open', 'cancelled')),
        cancel_reason text,
        UNIQUE (schedule_id, day),
        CHECK (ends_at > starts_at),
        CONSTRAINT reception_day_capacity CHECK (held_count BETWEEN 0 AND capacity)
      )`);
    await queryRunner.query(
      `CREATE INDEX reception_day_starts_idx ON ${s}.reception_day (starts_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX reception_day_leader_idx ON ${s}.reception_day (leader_id, starts_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.booking (
        id                             uuid PRIMARY KEY,
        seq                            bigint GENERATED ALWAYS AS IDENTITY,
        booking_code                   text NOT NULL UNIQUE,
        query_code_hash                text NOT NULL,
        reception_day_id               uuid NOT NULL REFERENCES ${s}.reception_day (id),
        schedule_id                    uuid NOT NULL REFERENCES ${s}.reception_schedule (id),
        leader_id                      text NOT NULL,
        division_code                  char(6) NOT NULL,
        hall_id                        uuid NOT NULL REFERENCES ${s}.reception_hall (id),
        hall_division_code             char(6) NOT NULL,
        starts_at                      timestamptz NOT NULL,
        ends_at                        timestamptz NOT NULL,
        period                         tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        status                         text NOT NULL CHECK (status IN (${HOLDING}, 'waitlisted', 'cancelled', 'redirected', 'declined')),
        holds_slot                     boolean GENERATED ALWAYS AS (status IN (${HOLDING})) STORED,
        channel                        text NOT NULL CHECK (channel IN ('online', 'walk-in')),
        petitioner_name                text NOT NULL,
        petitioner_id_number_encrypted text NOT NULL,
        petitioner_id_number_hash      text NOT NULL,
        petitioner_phone_encrypted     text NOT NULL,
        petitioner_phone_hash          text NOT NULL,
        attendees                      int NOT NULL CHECK (attendees BETWEEN 1 AND 5),
        petition_number                text,
        matter_kind                    text CHECK (matter_kind IN ('suggestion', 'accusation', 'appeal')),
        matter_title                   text,
        matter_content                 text,
        review_decision                text CHECK (review_decision IN ('approve', 'redirect', 'decline')),
        review_note                    text,
        redirect_to                    text,
        reviewed_by                    text,
        reviewed_at                    timestamptz,
        cancel_reason                  text,
        cancelled_by                   text,
        cancelled_at                   timestamptz,
        video_room                     text,
        checked_in_at                  timestamptz,
        checked_in_by                  text,
        created_by                     text NOT NULL,
        created_at                     timestamptz NOT NULL,
        CHECK (ends_at > starts_at),
        CONSTRAINT booking_leader_no_overlap
          EXCLUDE USING gist (leader_id WITH =, period WITH &&) WHERE (holds_slot),
        CONSTRAINT booking_petitioner_no_overlap
          EXCLUDE USING gist (petitioner_id_number_hash WITH =, period WITH &&) WHERE (holds_slot)
      )`);
    await queryRunner.query(
      `CREATE INDEX booking_day_idx ON ${s}.booking (reception_day_id, status, seq)`,
    );
    // One place per petitioner in a slot's waiting list.
    await queryRunner.query(
      `CREATE UNIQUE INDEX booking_waitlist_once_idx ON ${s}.booking (reception_day_id, starts_at, petitioner_id_number_hash) WHERE status = 'waitlisted'`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.booking_hall (
        booking_id uuid NOT NULL REFERENCES ${s}.booking (id) ON DELETE CASCADE,
        hall_id    uuid NOT NULL REFERENCES ${s}.reception_hall (id),
        role       text NOT NULL CHECK (role IN ('petitioner', 'official', 'joining')),
        starts_at  timestamptz NOT NULL,
        ends_at    timestamptz NOT NULL,
        period     tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        holds_slot boolean NOT NULL,
        PRIMARY KEY (booking_id, hall_id),
        CONSTRAINT booking_hall_no_overlap
          EXCLUDE USING gist (hall_id WITH =, period WITH &&) WHERE (holds_slot)
      )`);

    // Keeps each day's count of held slots (checked against its capacity) and the halls' copy of
    // the booking's time and holding state, whatever statement changes a booking.
    await queryRunner.query(`
      CREATE FUNCTION ${s}.booking_holds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.holds_slot THEN
            UPDATE ${s}.reception_day SET held_count = held_count + 1 WHERE id = NEW.reception_day_id;
          END IF;
          RETURN NULL;
        END IF;
        IF OLD.holds_slot IS DISTINCT FROM NEW.holds_slot
           OR OLD.reception_day_id <> NEW.reception_day_id THEN
          IF OLD.holds_slot THEN
            UPDATE ${s}.reception_day SET held_count = held_count - 1 WHERE id = OLD.reception_day_id;
          END IF;
          IF NEW.holds_slot THEN
            UPDATE ${s}.reception_day SET held_count = held_count + 1 WHERE id = NEW.reception_day_id;
          END IF;
        END IF;
        UPDATE ${s}.booking_hall
           SET starts_at = NEW.starts_at, ends_at = NEW.ends_at, holds_slot = NEW.holds_slot
         WHERE booking_id = NEW.id
           AND (starts_at, ends_at, holds_slot) IS DISTINCT FROM (NEW.starts_at, NEW.ends_at, NEW.holds_slot);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER booking_holds_changed
        AFTER INSERT OR UPDATE OF status, reception_day_id, starts_at, ends_at ON ${s}.booking
        FOR EACH ROW EXECUTE FUNCTION ${s}.booking_holds_changed()`);

    // Notices to petitioners (reminders, changes, confirmation codes), sent by whichever replica
    // claims them first (FOR UPDATE SKIP LOCKED).
    await queryRunner.query(`
      CREATE TABLE ${s}.booking_notice (
        id         uuid PRIMARY KEY,
        seq        bigint GENERATED ALWAYS AS IDENTITY,
        booking_id uuid NOT NULL REFERENCES ${s}.booking (id) ON DELETE CASCADE,
        kind       text NOT NULL,
        text       text NOT NULL,
        due_at     timestamptz NOT NULL,
        sent_at    timestamptz,
        attempts   int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX booking_notice_due_idx ON ${s}.booking_notice (due_at) WHERE sent_at IS NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE ${s}.reception_record (
        id                     uuid PRIMARY KEY,
        booking_id             uuid NOT NULL UNIQUE REFERENCES ${s}.booking (id),
        summary                text NOT NULL,
        official_response      text NOT NULL,
        outcome                text NOT NULL CHECK (outcome IN ('resolved-on-spot', 'new-case', 'added-to-case', 'case-ownership')),
        petition_number        text,
        officials              jsonb NOT NULL DEFAULT '[]'::jsonb,
        recorded_by            text NOT NULL,
        recorded_at            timestamptz NOT NULL,
        confirmation_code_hash text,
        confirmation_method    text CHECK (confirmation_method IN ('code', 'signature')),
        confirmed_at           timestamptz,
        signature_image        bytea,
        signature_sha256       text,
        CHECK (outcome IN ('resolved-on-spot', 'new-case') OR petition_number IS NOT NULL)
      )`);

    await queryRunner.query(`
      CREATE TABLE ${s}.case_ownership (
        id                 uuid PRIMARY KEY,
        record_id          uuid NOT NULL UNIQUE REFERENCES ${s}.reception_record (id),
        booking_id         uuid NOT NULL REFERENCES ${s}.booking (id),
        petition_number    text NOT NULL,
        leader_id          text NOT NULL,
        leader_name        text NOT NULL,
        division_code      char(6) NOT NULL,
        taken_at           timestamptz NOT NULL,
        follow_up_days     int NOT NULL,
        day_count_mode     text NOT NULL,
        follow_up_deadline timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX case_ownership_leader_idx ON ${s}.case_ownership (leader_id, follow_up_deadline)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.case_ownership`);
    await queryRunner.query(`DROP TABLE ${s}.reception_record`);
    await queryRunner.query(`DROP TABLE ${s}.booking_notice`);
    await queryRunner.query(`DROP TRIGGER booking_holds_changed ON ${s}.booking`);
    await queryRunner.query(`DROP FUNCTION ${s}.booking_holds_changed()`);
    await queryRunner.query(`DROP TABLE ${s}.booking_hall`);
    await queryRunner.query(`DROP TABLE ${s}.booking`);
    await queryRunner.query(`DROP TABLE ${s}.reception_day`);
    await queryRunner.query(`DROP TABLE ${s}.reception_schedule`);
    await queryRunner.query(`DROP TABLE ${s}.reception_hall`);
    // btree_gist stays: other schemas of the database may use it.
  }
}
