import type { AuditRecordResponse } from '@minsheng/contracts';

const COLUMNS = [
  'seq',
  'at',
  'actor',
  'roles',
  'actorDivision',
  'action',
  'outcome',
  'target',
  'divisionCode',
  'requestId',
  'details',
  'chainIndex',
  'hash',
];

function cell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  // Quote always; a leading formula character is neutralised so spreadsheets don't execute it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV with a UTF-8 BOM (so Excel reads the Chinese correctly), streamed row by row. */
export async function* toCsv(records: AsyncIterable<AuditRecordResponse>): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.join(',')}\r\n`;
  for await (const r of records) {
    yield (
      [
        r.seq,
        r.at,
        r.actor.id,
        r.actor.roles.join(' '),
        r.actor.divisionCode,
        r.action,
        r.outcome,
        r.target ? `${r.target.type}:${r.target.id}` : null,
        r.divisionCode,
        r.requestId,
        r.details,
        r.chainIndex,
        r.hash,
      ]
        .map(cell)
        .join(',') + '\r\n'
    );
  }
}
