import type pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import copyStreams from 'pg-copy-streams';

export type CopyValue = string | number | boolean | Date | null | undefined | string[] | object;

/** One value in COPY's text format: `\N` for null, backslash escapes, Postgres array literals. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return escape(arrayLiteral(value));
  if (typeof value === 'object') return escape(JSON.stringify(value));
  return escape(value);
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A `tsvector` literal of already segmented words (what `to_tsvector('simple', …)` keeps). */
export function tsvectorLiteral(words: readonly string[]): string {
  return [...new Set(words.map((w) => w.toLowerCase()).filter(Boolean))]
    .map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`)
    .join(' ');
}

/** Rows of one table, written in COPY text format. */
export class CopyBuffer {
  private readonly lines: string[] = [];

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  get size(): number {
    return this.lines.length;
  }

  add(values: readonly CopyValue[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    }
    this.lines.push(values.map(copyField).join('\t'));
  }

  /** `COPY … FROM STDIN` on this client (the caller's transaction), then empties the buffer. */
  async flush(client: pg.PoolClient | pg.Client, schema: string): Promise<number> {
    if (this.lines.length === 0) return 0;
    const count = this.lines.length;
    const sql = `COPY "${schema}".${this.table} (${this.columns.join(', ')}) FROM STDIN`;
    const stream = client.query(copyStreams.from(sql));
    const chunks = this.lines.splice(0);
    await pipeline(Readable.from(chunked(chunks)), stream);
    return count;
  }
}

function* chunked(lines: string[]): Generator<string> {
  for (let i = 0; i < lines.length; i += 500) yield `${lines.slice(i, i + 500).join('\n')}\n`;
}
