import type { EntityManager } from 'typeorm';
import { WriteBatch } from './write-batch.js';

describe('WriteBatch statement', () => {
  it('sends a single insert as it is', () => {
    const batch = new WriteBatch().add('INSERT INTO a (x) VALUES ($1)', [1]);
    expect(batch.statement()).toEqual({ sql: 'INSERT INTO a (x) VALUES ($1)', params: [1] });
  });

  it('joins inserts as CTEs and renumbers each one’s parameters after the ones before', () => {
    const batch = new WriteBatch()
      .add('INSERT INTO a (x, y) VALUES ($1, $2)', ['a1', 'a2'])
      .add('INSERT INTO b (x) VALUES ($1)', ['b1'])
      .add('INSERT INTO c (x, y, z) VALUES ($2, $1, $3)', ['c1', 'c2', 'c3']);
    expect(batch.statement()).toEqual({
      sql:
        'WITH w1 AS (INSERT INTO a (x, y) VALUES ($1, $2)), w2 AS (INSERT INTO b (x) VALUES ($3)) ' +
        'INSERT INTO c (x, y, z) VALUES ($5, $4, $6)',
      params: ['a1', 'a2', 'b1', 'c1', 'c2', 'c3'],
    });
  });

  it('renumbers two-digit parameters without touching the digits after them', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `$${i + 1}`).join(', ');
    const batch = new WriteBatch().add('INSERT INTO a (x) VALUES ($1)', [0]).add(
      `INSERT INTO b VALUES (${ten})`,
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
    const { sql, params } = batch.statement();
    expect(sql).toContain('INSERT INTO b VALUES ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11)');
    expect(params).toHaveLength(11);
  });

  it('combines batches into one statement, each one’s parameters and hooks after the ones before', async () => {
    const calls: string[] = [];
    const first = new WriteBatch()
      .add('INSERT INTO a (x) VALUES ($1)', ['a1'])
      .add('INSERT INTO b (x, y) VALUES ($1, $2)', ['b1', 'b2'])
      .afterWrite(() => calls.push('first'));
    const second = new WriteBatch()
      .add('INSERT INTO a (x) VALUES ($1)', ['a2'])
      .afterWrite(() => calls.push('second'));
    const combined = WriteBatch.combine([first, second]);
    expect(combined.statement()).toEqual({
      sql: 'WITH w1 AS (INSERT INTO a (x) VALUES ($1), ($4)) INSERT INTO b (x, y) VALUES ($2, $3)',
      params: ['a1', 'b1', 'b2', 'a2'],
    });
    expect(combined.size).toBe(3);
    expect(combined.parameterCount).toBe(4);
    expect(first.statement().params).toEqual(['a1', 'b1', 'b2']);
    const sent: string[] = [];
    const manager = {
      query: async (sql: string) => void sent.push(sql),
    } as unknown as EntityManager;
    await combined.run(manager);
    expect(sent).toHaveLength(1);
    expect(calls).toEqual(['first', 'second']);
  });

  it('writes the rows of one table and column list as one multi-row insert, in the order added', () => {
    const batch = new WriteBatch()
      .add('INSERT INTO a (x, y) VALUES ($1, DEFAULT)', ['a1'])
      .add('INSERT INTO b (x) VALUES ($1)', ['b1'])
      .add('INSERT INTO a (x, y) VALUES ($2, $1::jsonb)', ['a2y', 'a2x'])
      .add('INSERT INTO a (y) VALUES ($1)', ['other columns']);
    expect(batch.statement()).toEqual({
      sql:
        'WITH w1 AS (INSERT INTO a (x, y) VALUES ($1, DEFAULT), ($4, $3::jsonb)), ' +
        'w2 AS (INSERT INTO b (x) VALUES ($2)) INSERT INTO a (y) VALUES ($5)',
      params: ['a1', 'b1', 'a2y', 'a2x', 'other columns'],
    });
    expect(batch.size).toBe(4);
  });

  it('keeps an insert with anything after its row, or several rows, as a statement of its own', () => {
    const batch = new WriteBatch()
      .add('INSERT INTO a (x) VALUES ($1) ON CONFLICT DO NOTHING', [1])
      .add('INSERT INTO a (x) VALUES ($1), ($2)', [2, 3])
      .add('INSERT INTO a (x) VALUES ($1)', [4])
      .add('INSERT INTO a (x) VALUES ($1::numeric(10, 2))', [5]);
    expect(batch.statement().sql).toBe(
      'WITH w1 AS (INSERT INTO a (x) VALUES ($1) ON CONFLICT DO NOTHING), ' +
        'w2 AS (INSERT INTO a (x) VALUES ($2), ($3)), w3 AS (INSERT INTO a (x) VALUES ($4)) ' +
        'INSERT INTO a (x) VALUES ($5::numeric(10, 2))',
    );
  });

  it('refuses anything but an insert, and dollar-quoted text it could not renumber', () => {
    expect(() => new WriteBatch().add('UPDATE a SET x = $1', [1])).toThrow(/only takes INSERT/);
    expect(() => new WriteBatch().add('INSERT INTO a VALUES ($$x$$)', [])).toThrow(/dollar-quoted/);
  });
});
