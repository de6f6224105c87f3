import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/**
 * Runs `work` inside a savepoint of the caller's transaction: when it fails (a constraint said
 * no), only its own statements are undone and the transaction can go on.
 */
export async function withSavepoint<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  const name = `sp_${randomBytes(6).toString('hex')}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
