import type {
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  QueryRunner,
} from 'typeorm';

/**
 * Runs after the batch's statement: with the transaction's query runner when the batch ran inside
 * one (its writes become visible at that commit), with `undefined` when the statement was its own
 * transaction and has already committed.
 */
export type AfterWrite = (transaction: QueryRunner | undefined) => void;

const PLACEHOLDER = /\$(\d+)/g;

/** `$n` → `$(n + offset)`: a statement's own parameters after the `offset` ones before it. */
const renumber = (sql: string, offset: number): string =>
  offset === 0 ? sql : sql.replace(PLACEHOLDER, (_, n: string) => `$${Number(n) + offset}`);

interface InsertShape {
  /** `INSERT INTO "schema"."table" ("a", "b", …) VALUES ` */
  head: string;
  columns: EntityMetadata['columns'];
}

// Per entity, what every insert of it shares: worked out once, not on every submission.
const shapes = new WeakMap<EntityMetadata, InsertShape>();

function insertShape(metadata: EntityMetadata): InsertShape {
  let shape = shapes.get(metadata);
  if (!shape) {
    if (metadata.versionColumn) {
      throw new Error(`${metadata.name}: versioned entities are not batched`);
    }
    const columns = metadata.columns.filter(
      (c) => c.isInsert && !c.isVirtual && !(c.isGenerated && c.generationStrategy === 'increment'),
    );
    const table = metadata.schema
      ? `"${metadata.schema}"."${metadata.tableName}"`
      : `"${metadata.tableName}"`;
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    shape = { head: `INSERT INTO ${table} (${names}) VALUES `, columns };
    shapes.set(metadata, shape);
  }
  return shape;
}

/**
 * Inserts whose results nobody reads, sent to Postgres as one statement of data-modifying CTEs.
 * One statement is atomic on its own, so a batch needs neither BEGIN nor COMMIT, and it costs one
 * round trip instead of one per row — on these machines every round trip is a system call that
 * dominated intake's CPU profile. Foreign keys are checked at the end of the statement, so the
 * order of the inserts does not matter. Run it inside a transaction when other work must commit
 * with it.
 */
export class WriteBatch {
  /** Each insert's text, its placeholders already numbered into {@link params}. */
  private readonly parts: string[] = [];
  private readonly params: unknown[] = [];
  private readonly hooks: AfterWrite[] = [];

  get size(): number {
    return this.parts.length;
  }

  /** An `INSERT` with its own `$1…` parameters; no other `$` may appear in the text. */
  add(sql: string, params: readonly unknown[]): this {
    if (!/^\s*INSERT\s/i.test(sql)) throw new Error('WriteBatch only takes INSERT statements');
    if (/\$(?!\d)/.test(sql)) throw new Error('WriteBatch cannot renumber dollar-quoted text');
    const offset = this.params.length;
    this.params.push(...params);
    this.parts.push(renumber(sql, offset));
    return this;
  }

  /**
   * An entity insert as TypeORM writes it — the entity's insertable columns, each value prepared by
   * the driver, `DEFAULT` where a value is undefined (a generated id) — without reading anything
   * back. Built from the entity's metadata directly: TypeORM's query builder cost 7 % of intake's
   * CPU per submission.
   */
  insert<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
    values: T | readonly T[],
  ): this {
    const list = Array.isArray(values) ? values : [values];
    if (list.length === 0) return this;
    const { head, columns } = insertShape(manager.connection.getMetadata(target));
    const driver = manager.connection.driver;
    const params = this.params;
    const rows = list.map(
      (row) =>
        `(${columns
          .map((column) => {
            const value: unknown = column.getEntityValue(row);
            if (value === undefined) return 'DEFAULT';
            params.push(driver.preparePersistentValue(value, column));
            return `$${params.length}`;
          })
          .join(', ')})`,
    );
    this.parts.push(head + rows.join(', '));
    return this;
  }

  /**
   * One batch holding the inserts and hooks of several, in order — written as one statement, so
   * all of them or none.
   */
  static combine(batches: readonly WriteBatch[]): WriteBatch {
    const combined = new WriteBatch();
    for (const batch of batches) {
      const offset = combined.params.length;
      combined.params.push(...batch.params);
      for (const part of batch.parts) combined.parts.push(renumber(part, offset));
      combined.hooks.push(...batch.hooks);
    }
    return combined;
  }

  get parameterCount(): number {
    return this.params.length;
  }

  afterWrite(hook: AfterWrite): this {
    this.hooks.push(hook);
    return this;
  }

  async run(manager: EntityManager): Promise<void> {
    if (this.parts.length === 0) return;
    const { sql, params } = this.statement();
    await manager.query(sql, params as unknown[]);
    const transaction = manager.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
    for (const hook of this.hooks) hook(transaction);
  }

  /** `WITH w1 AS (…), w2 AS (…) <last insert>` and its parameters. */
  statement(): { sql: string; params: readonly unknown[] } {
    const last = this.parts.length - 1;
    const ctes = this.parts.slice(0, last).map((part, i) => `w${i + 1} AS (${part})`);
    const sql = ctes.length ? `WITH ${ctes.join(', ')} ${this.parts[last]}` : this.parts[last];
    return { sql, params: this.params };
  }
}
