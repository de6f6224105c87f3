import type { QueryRunner } from 'typeorm';
import { FieldCipher, LookupHasher, keyringFromEnv } from '@minsheng/crypto';

interface Column {
  plain: string;
  purpose: 'id-number' | 'phone';
}

function protection(): { cipher: FieldCipher; hasher: LookupHasher } {
  const { FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_ACTIVE_KEY, LOOKUP_HASH_KEY } = process.env;
  if (!FIELD_ENCRYPTION_KEYS || !FIELD_ENCRYPTION_ACTIVE_KEY || !LOOKUP_HASH_KEY) {
    throw new Error(
      'Existing rows hold personal data: set FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_ACTIVE_KEY and LOOKUP_HASH_KEY to migrate them',
    );
  }
  return {
    cipher: new FieldCipher(keyringFromEnv(FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_ACTIVE_KEY)),
    hasher: new LookupHasher(Buffer.from(LOOKUP_HASH_KEY, 'base64')),
  };
}

const normalize = (purpose: Column['purpose'], value: string) =>
  purpose === 'id-number' ? value.trim().toUpperCase() : value.trim();

/**
 * Replaces plain personal-data columns by `<name>_encrypted` and `<name>_hash`, encrypting any
 * rows already there with the keys from the environment (the same ones the service uses).
 */
export async function protectColumns(
  queryRunner: QueryRunner,
  table: string,
  columns: readonly Column[],
): Promise<void> {
  for (const { plain } of columns) {
    await queryRunner.query(
      `ALTER TABLE ${table} ADD COLUMN ${plain}_encrypted text, ADD COLUMN ${plain}_hash text`,
    );
  }
  const rows: Array<Record<string, string>> = await queryRunner.query(
    `SELECT ctid::text AS row_ref, ${columns.map((c) => c.plain).join(', ')} FROM ${table}`,
  );
  if (rows.length > 0) {
    const { cipher, hasher } = protection();
    for (const row of rows) {
      const sets = columns.flatMap(({ plain, purpose }) => {
        const value = normalize(purpose, row[plain]);
        return [cipher.encrypt(value), hasher.hash(purpose, value)];
      });
      await queryRunner.query(
        `UPDATE ${table} SET ${columns.map((c, i) => `${c.plain}_encrypted = $${2 * i + 1}, ${c.plain}_hash = $${2 * i + 2}`).join(', ')}
          WHERE ctid = $${2 * columns.length + 1}::tid`,
        [...sets, row.row_ref],
      );
    }
  }
  for (const { plain } of columns) {
    await queryRunner.query(
      `ALTER TABLE ${table} ALTER COLUMN ${plain}_encrypted SET NOT NULL, ALTER COLUMN ${plain}_hash SET NOT NULL, DROP COLUMN ${plain}`,
    );
    await queryRunner.query(`CREATE INDEX ON ${table} (${plain}_hash)`);
  }
}

/** The reverse of protectColumns, for `migrate down`. */
export async function revealColumns(
  queryRunner: QueryRunner,
  table: string,
  columns: readonly Column[],
): Promise<void> {
  for (const { plain } of columns)
    await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN ${plain} text`);
  const rows: Array<Record<string, string>> = await queryRunner.query(
    `SELECT ctid::text AS row_ref, ${columns.map((c) => `${c.plain}_encrypted`).join(', ')} FROM ${table}`,
  );
  if (rows.length > 0) {
    const { cipher } = protection();
    for (const row of rows) {
      await queryRunner.query(
        `UPDATE ${table} SET ${columns.map((c, i) => `${c.plain} = $${i + 1}`).join(', ')} WHERE ctid = $${columns.length + 1}::tid`,
        [...columns.map((c) => cipher.decrypt(row[`${c.plain}_encrypted`])), row.row_ref],
      );
    }
  }
  for (const { plain } of columns) {
    await queryRunner.query(
      `ALTER TABLE ${table} ALTER COLUMN ${plain} SET NOT NULL, DROP COLUMN ${plain}_encrypted, DROP COLUMN ${plain}_hash`,
    );
  }
}
