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

/**
 * An insert's text split at its placeholders: `texts[0] $refs[0] texts[1] … texts[n]`, each ref
 * an index into the batch's parameters after `base` of them. Combining batches only moves `base`;
 * the text is numbered once, when the statement is built (renumbering every submission's inserts
 * with a regular expression at each combine was 2 % of intake's CPU).
 */
interface Part {
  texts: string[];
  refs: number[];
  base: number;
  /**
   * `INSERT INTO … (…) VALUES ` when the part is only rows of values (then `texts` hold just the
   * rows): parts of one head are written as one multi-row insert.
   */
  head?: string;
}

/** An insert that is its head and one row of values, nothing after: it can share a multi-row insert. */
const SINGLE_ROW_INSERT = /^(\s*INSERT\s+INTO\s+[^()]+\([^()]*\)\s*VALUES\s*)(\([^()]*\))\s*$/i;

// Each text `add` was given, checked and split once: call sites pass the same text for every
// submission. Bounded, in case a caller builds its text per call.
const addedTexts = new Map<string, Part>();
const ADDED_TEXTS_KEPT = 1_000;

/** `add`'s text checked and split (the parts it returns are shared: never mutated). */
function parseAdded(sql: string): Part {
  let parsed = addedTexts.get(sql);
  if (parsed) return parsed;
  if (!/^\s*INSERT\s/i.test(sql)) throw new Error('WriteBatch only takes INSERT statements');
  if (/\$(?!\d)/.test(sql)) throw new Error('WriteBatch cannot renumber dollar-quoted text');
  const row = SINGLE_ROW_INSERT.exec(sql);
  parsed = splitAtPlaceholders(row ? row[2] : sql);
  if (row) parsed.head = row[1];
  if (addedTexts.size < ADDED_TEXTS_KEPT) addedTexts.set(sql, parsed);
  return parsed;
}

function splitAtPlaceholders(sql: string): Part {
  const texts: string[] = [];
  const refs: number[] = [];
  let last = 0;
  for (const match of sql.matchAll(PLACEHOLDER)) {
    texts.push(sql.slice(last, match.index));
    refs.push(Number(match[1]));
    last = match.index + match[0].length;
  }
  texts.push(sql.slice(last));
  return { texts, refs, base: 0 };
}

function renderValues({ texts, refs, base }: Part): string {
  let sql = texts[0];
  for (let i = 0; i < refs.length; i++) sql += `$${refs[i] + base}${texts[i + 1]}`;
  return sql;
}

interface InsertShape {
  /** `INSERT INTO "schema"."table" ("a", "b", …) VALUES ` */
  head: string;
  /** Per insertable column, its value in an entity as the driver writes it; undefined for DEFAULT. */
  writers: ((entity: ObjectLiteral) => unknown)[];
}

/**
 * Column types whose values the Postgres driver passes on unchanged when the column has no
 * transformer. Its `preparePersistentValue` walks a chain of type checks that builds a fresh array
 * on the way for every value — 5.7 KB of garbage per submission — to return these as they are.
 */
const PASSED_AS_IS: ReadonlySet<unknown> = new Set([
  'text',
  'char',
  'character',
  'varchar',
  'character varying',
  'uuid',
  'boolean',
  'smallint',
  'integer',
  'int',
  'bigint',
  'real',
  'double precision',
  'numeric',
  'bytea',
]);

const WITH_TIME_ZONE: ReadonlySet<unknown> = new Set(['timestamptz', 'timestamp with time zone']);

// Years 1 to 9999: where toISOString writes a form Postgres reads back as the same instant.
const ISO_FIRST = new Date(0).setUTCFullYear(1, 0, 1);
const ISO_LAST = new Date(0).setUTCFullYear(9999, 11, 31) + 86_399_999;

/**
 * A Date for a column with a time zone as ISO 8601 in UTC: the instant pg's own conversion sends
 * (local time and offset, built from a dozen padded pieces), as one string. Anything else: null.
 */
function isoInstant(value: unknown): string | null {
  if (!(value instanceof Date)) return null;
  const time = value.getTime();
  return time >= ISO_FIRST && time <= ISO_LAST ? value.toISOString() : null;
}

// Per entity, what every insert of it shares: worked out once, not on every submission.
const shapes = new WeakMap<EntityMetadata, InsertShape>();

function insertShape(metadata: EntityMetadata): InsertShape {
  let shape = shapes.get(metadata);
  if (!shape) {
    if (metadata.versionColumn) {
      throw new Error(`${metadata.name}: versioned entities are not batched`);
    }
    const driver = metadata.connection.driver;
    const columns = metadata.columns.filter(
      (c) => c.isInsert && !c.isVirtual && !(c.isGenerated && c.generationStrategy === 'increment'),
    );
    const table = metadata.schema
      ? `"${metadata.schema}"."${metadata.tableName}"`
      : `"${metadata.tableName}"`;
    const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
    const writers = columns.map((column): InsertShape['writers'][number] => {
      const plain =
        !column.embeddedMetadata && !column.relationMetadata && !column.referencedColumn;
      const { propertyName } = column;
      const read = plain
        ? (entity: ObjectLiteral): unknown => entity[propertyName]
        : (entity: ObjectLiteral): unknown => column.getEntityValue(entity);
      if (!column.transformer && PASSED_AS_IS.has(column.type)) return read;
      const instant = !column.transformer && WITH_TIME_ZONE.has(column.type);
      return (entity) => {
        const value = read(entity);
        if (value === undefined) return undefined;
        return (instant ? isoInstant(value) : null) ?? driver.preparePersistentValue(value, column);
      };
    });
    shape = { head: `INSERT INTO ${table} (${names}) VALUES `, writers };
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
 *
 * Rows for one table with one column list go as one multi-row insert, in the order added: each
 * insert in a statement costs Postgres an executor node that opens the table and every index, so
 * a group commit of ten submissions took 5.0–5.6 ms as forty single-row CTEs and 2.6–3.4 ms as
 * four multi-row ones.
 */
export class WriteBatch {
  /** Each insert, its placeholders referring to {@link params}. */
  private readonly parts: Part[] = [];
  private readonly params: unknown[] = [];
  private readonly hooks: AfterWrite[] = [];

  get size(): number {
    return this.parts.length;
  }

  /** An `INSERT` with its own `$1…` parameters; no other `$` may appear in the text. */
  add(sql: string, params: readonly unknown[]): this {
    const { texts, refs, head } = parseAdded(sql);
    this.parts.push({ texts, refs, head, base: this.params.length });
    this.params.push(...params);
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
    const { head, writers } = insertShape(manager.connection.getMetadata(target));
    const params = this.params;
    const texts: string[] = [];
    const refs: number[] = [];
    let text = '';
    for (let r = 0; r < list.length; r++) {
      text += r === 0 ? '(' : '), (';
      for (let c = 0; c < writers.length; c++) {
        if (c > 0) text += ', ';
        const value = writers[c](list[r]);
        if (value === undefined) {
          text += 'DEFAULT';
          continue;
        }
        params.push(value);
        texts.push(text);
        refs.push(params.length);
        text = '';
      }
    }
    texts.push(`${text})`);
    this.parts.push({ texts, refs, base: 0, head });
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
      for (const part of batch.parts) combined.parts.push({ ...part, base: part.base + offset });
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
    // Each insert, or each head with all its rows, where its first part stood.
    const parts: string[] = [];
    const rowsOf = new Map<string, number>();
    for (const part of this.parts) {
      const values = renderValues(part);
      if (part.head === undefined) {
        parts.push(values);
        continue;
      }
      const at = rowsOf.get(part.head);
      if (at === undefined) {
        rowsOf.set(part.head, parts.length);
        parts.push(part.head + values);
      } else {
        parts[at] += `, ${values}`;
      }
    }
    const last = parts.length - 1;
    const ctes = parts.slice(0, last).map((part, i) => `w${i + 1} AS (${part})`);
    const sql = ctes.length ? `WITH ${ctes.join(', ')} ${parts[last]}` : parts[last];
    return { sql, params: this.params };
  }
}
