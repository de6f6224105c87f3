import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { SnakeNamingStrategy } from '../src/index.js';
import { WriteBatch } from '../src/write-batch.js';

@Entity('parent')
class ParentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('jsonb', { nullable: true })
  details: { tags: string[] } | null;
}

@Entity('child')
class ChildEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  parentId: string;

  @Column('timestamptz')
  at: Date;
}

/** Columns the driver passes on as they are, beside one it must prepare (a transformer). */
@Entity('tagged')
class TaggedEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', {
    transformer: { to: (v: string) => v.trim().toUpperCase(), from: (v: string) => v },
  })
  code: string;

  @Column('boolean')
  urgent: boolean;

  @Column('integer')
  score: number;

  @Column('timestamptz')
  at: Date;
}

describe('WriteBatch against Postgres', () => {
  const schema = `persistence_batch_${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL must be set; run through the Jest config');
    dataSource = new DataSource({
      type: 'postgres',
      url,
      schema,
      entities: [ParentEntity, ChildEntity, TaggedEntity],
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.query(
      `CREATE TABLE "${schema}".parent (id uuid PRIMARY KEY, name text NOT NULL, details jsonb);
       CREATE TABLE "${schema}".child (id bigserial PRIMARY KEY,
         parent_id uuid NOT NULL REFERENCES "${schema}".parent (id), at timestamptz NOT NULL);
       CREATE TABLE "${schema}".tagged (id uuid PRIMARY KEY, code text NOT NULL,
         urgent boolean NOT NULL, score integer NOT NULL, at timestamptz NOT NULL)`,
    );
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  const count = async (table: string, parentId: string) =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM "${schema}".${table} WHERE ${table === 'parent' ? 'id' : 'parent_id'} = $1`,
          [parentId],
        )
      )[0].n,
    );

  it('writes entity and raw inserts in one statement, the child before its parent', async () => {
    const id = randomUUID();
    const at = new Date('2026-11-30T08:00:00.123Z');
    await new WriteBatch()
      .insert(dataSource.manager, ChildEntity, { parentId: id, at } as ChildEntity)
      .insert(dataSource.manager, ParentEntity, { id, name: '张三', details: { tags: ['急'] } })
      .add(`INSERT INTO "${schema}".child (parent_id, at) VALUES ($1, $2)`, [id, at])
      .run(dataSource.manager);
    const [parent] = await dataSource.query(`SELECT * FROM "${schema}".parent WHERE id = $1`, [id]);
    expect(parent).toEqual({ id, name: '张三', details: { tags: ['急'] } });
    const children = await dataSource.query(
      `SELECT at FROM "${schema}".child WHERE parent_id = $1`,
      [id],
    );
    expect(children.map((c: { at: Date }) => c.at.toISOString())).toEqual([
      at.toISOString(),
      at.toISOString(),
    ]);
  });

  it('writes a list of entities as one multi-row insert, numbered after the batches combined before it', async () => {
    const first = randomUUID();
    const second = randomUUID();
    const at = new Date('2026-11-30T09:30:00.000Z');
    const before = new WriteBatch().insert(dataSource.manager, ParentEntity, [
      { id: first, name: '甲', details: null },
      { id: second, name: '乙', details: { tags: ['复查'] } },
    ]);
    const after = new WriteBatch().insert(dataSource.manager, ChildEntity, [
      { parentId: second, at } as ChildEntity,
      { parentId: first, at } as ChildEntity,
      { parentId: second, at } as ChildEntity,
    ]);
    await WriteBatch.combine([before, after]).run(dataSource.manager);
    const parents = await dataSource.query(
      `SELECT id, name, details FROM "${schema}".parent WHERE id = ANY($1) ORDER BY array_position($1, id)`,
      [[first, second]],
    );
    expect(parents).toEqual([
      { id: first, name: '甲', details: null },
      { id: second, name: '乙', details: { tags: ['复查'] } },
    ]);
    expect(await count('child', first)).toBe(1);
    expect(await count('child', second)).toBe(2);
  });

  it('applies a column transformer, writes plain values as given and instants to the millisecond', async () => {
    const id = randomUUID();
    const at = new Date('2026-12-02T08:00:00.123Z');
    await new WriteBatch()
      .insert(dataSource.manager, TaggedEntity, {
        id,
        code: ' sc-51 ',
        urgent: false,
        score: 0,
        at,
      })
      .run(dataSource.manager);
    const rows = await dataSource.query(
      `SELECT code, urgent, score, at FROM "${schema}".tagged WHERE id = $1`,
      [id],
    );
    expect(rows).toEqual([{ code: 'SC-51', urgent: false, score: 0, at }]);
  });

  it('writes the rows of several batches to one table as one insert, in the order the batches came', async () => {
    const parents = [randomUUID(), randomUUID(), randomUUID()];
    const at = new Date('2026-11-30T10:00:00.000Z');
    const batches = parents.map((id, i) =>
      new WriteBatch()
        .insert(dataSource.manager, ChildEntity, { parentId: id, at } as ChildEntity)
        .insert(dataSource.manager, ParentEntity, {
          id,
          name: `第${i + 1}件`,
          details: i === 1 ? { tags: ['急'] } : null,
        }),
    );
    // One row with the column's default beside rows with values, under the same head.
    const later = new Date('2026-11-30T11:00:00.000Z');
    const explicitId = String(9_000_000_000 + Math.floor(Math.random() * 1_000_000));
    batches[2]
      .add(`INSERT INTO "${schema}".child (id, parent_id, at) VALUES (DEFAULT, $1, $2)`, [
        parents[0],
        later,
      ])
      .add(`INSERT INTO "${schema}".child (id, parent_id, at) VALUES ($1, $2, $3)`, [
        explicitId,
        parents[1],
        later,
      ]);
    const combined = WriteBatch.combine(batches);
    expect(combined.statement().sql.match(/INSERT INTO/g)).toHaveLength(3);
    await combined.run(dataSource.manager);

    // Ids follow the order of the rows within each insert (the inserts themselves run in no set order).
    const children = (when: Date) =>
      dataSource.query(
        `SELECT p.name, p.details, c.id::text AS child_id FROM "${schema}".parent p
           JOIN "${schema}".child c ON c.parent_id = p.id
          WHERE p.id = ANY($1) AND c.at = $2 ORDER BY c.id`,
        [parents, when],
      );
    const entityRows = await children(at);
    expect(entityRows.map((r: { name: string }) => r.name)).toEqual(['第1件', '第2件', '第3件']);
    expect(entityRows.map((r: { details: unknown }) => r.details)).toEqual([
      null,
      { tags: ['急'] },
      null,
    ]);
    const rawRows = await children(later);
    expect(rawRows.map((r: { name: string }) => r.name)).toEqual(['第1件', '第2件']);
    expect(rawRows[1].child_id).toBe(explicitId);
  });

  it('takes an empty list of entities as no write at all', async () => {
    const batch = new WriteBatch().insert(dataSource.manager, ChildEntity, []);
    expect(batch.size).toBe(0);
    await expect(batch.run(dataSource.manager)).resolves.toBeUndefined();
  });

  it('writes nothing when one of its inserts fails', async () => {
    const id = randomUUID();
    const batch = new WriteBatch()
      .insert(dataSource.manager, ParentEntity, { id, name: '李四', details: null })
      .add(`INSERT INTO "${schema}".child (parent_id, at) VALUES ($1, now())`, [randomUUID()]);
    await expect(batch.run(dataSource.manager)).rejects.toMatchObject({ code: '23503' });
    expect(await count('parent', id)).toBe(0);
  });

  it('tells its hooks the statement committed on its own, or hands them the open transaction', async () => {
    const seen: string[] = [];
    const hook = (transaction: unknown) => seen.push(transaction ? 'in transaction' : 'committed');
    const alone = randomUUID();
    await new WriteBatch()
      .insert(dataSource.manager, ParentEntity, { id: alone, name: '王五', details: null })
      .afterWrite(hook)
      .run(dataSource.manager);
    const inside = randomUUID();
    await dataSource
      .transaction(async (tx) => {
        await new WriteBatch()
          .insert(tx, ParentEntity, { id: inside, name: '赵六', details: null })
          .afterWrite(hook)
          .run(tx);
        throw Object.assign(new Error('caller rolls back'), { expected: true });
      })
      .catch((error: { expected?: boolean }) => {
        if (!error.expected) throw error;
      });
    expect(seen).toEqual(['committed', 'in transaction']);
    expect(await count('parent', alone)).toBe(1);
    expect(await count('parent', inside)).toBe(0);
  });

  it('does not call its hooks when the statement fails', async () => {
    let called = false;
    const batch = new WriteBatch()
      .add(`INSERT INTO "${schema}".child (parent_id, at) VALUES ($1, now())`, [randomUUID()])
      .afterWrite(() => (called = true));
    await expect(batch.run(dataSource.manager)).rejects.toMatchObject({ code: '23503' });
    expect(called).toBe(false);
  });
});
