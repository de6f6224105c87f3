import { CsvError, parse } from 'csv-parse/sync';
import {
  ImportFieldCodes as Codes,
  LEADER_MESSAGE_TYPES,
  type ImportFieldCode,
} from '@minsheng/contracts';
import type { BoardMessage, BoardRating } from '../connector/board-connector.js';

/** One data row of a board export, as the message (and, when rated, the citizen's stars). */
export interface ExportRow {
  /** The row as a spreadsheet shows it: the header is row 1. */
  row: number;
  message: BoardMessage;
  rating: BoardRating | null;
}

/** Why a row (or the file: `row` null) was refused. Never carries the value itself. */
export interface ImportFault {
  row: number | null;
  field: string;
  code: ImportFieldCode;
  message: string;
}

type Field = keyof typeof COLUMNS;

/** The board back office's column titles (and the English ones of the HTTP API) per field. */
const COLUMNS = {
  externalId: ['留言编号', '留言ID', '编号', 'messageId'],
  type: ['留言类型', '类型', 'type'],
  domain: ['留言领域', '领域', 'domain'],
  title: ['留言标题', '标题', 'title'],
  content: ['留言内容', '内容', 'content'],
  authorName: ['留言人', '网友', '网友昵称', 'authorName'],
  postedAt: ['留言时间', '发布时间', 'postedAt'],
  contactPhone: ['联系电话', '手机号码', 'contactPhone'],
  attitude: ['态度评价', '办理态度', 'attitude'],
  speed: ['速度评价', '办理速度', 'speed'],
  ratedAt: ['评价时间', 'ratedAt'],
} as const;
const REQUIRED: Field[] = [
  'externalId',
  'type',
  'domain',
  'title',
  'content',
  'authorName',
  'postedAt',
];
const MAX_LENGTH: Partial<Record<Field, number>> = {
  externalId: 200,
  domain: 100,
  title: 500,
  content: 20_000,
  authorName: 100,
};
const LABEL: Record<Field, string> = {
  externalId: '留言编号',
  type: '留言类型',
  domain: '留言领域',
  title: '留言标题',
  content: '留言内容',
  authorName: '留言人',
  postedAt: '留言时间',
  contactPhone: '联系电话',
  attitude: '态度评价',
  speed: '速度评价',
  ratedAt: '评价时间',
};

export const MAX_EXPORT_ROWS = 20_000;
const MAX_FAULTS = 200;
// Line breaks and tabs are text; other control characters (NUL above all) are a broken file.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const PHONE = /^[\d\-+ ()]{7,20}$/;
const NAIVE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Board times without a zone are Beijing time, as the back office shows them; ISO times with an
 * offset are taken as they are. Impossible dates (2月30日) are refused, not rolled over.
 */
export function parseBoardTime(text: string): Date | null {
  const naive = NAIVE_TIME.exec(text);
  if (naive) {
    const [y, mo, d, h, mi, s] = naive.slice(1).map((v) => Number(v ?? 0));
    const at = new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
    const back = new Date(at.getTime() + 8 * 3_600_000);
    const same =
      back.getUTCFullYear() === y &&
      back.getUTCMonth() === mo - 1 &&
      back.getUTCDate() === d &&
      back.getUTCHours() === h;
    return same && mi < 60 && s < 60 ? at : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = new Date(text);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}

/** The export's bytes as text: UTF-8 (with or without BOM), else GB18030 as Excel saves CSV in China. */
export function decodeExport(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Reads a board export (CSV, header row first). Every fault of every row is collected, so staff
 * can fix the file in one go; the caller stores nothing unless `faults` is empty.
 */
export function parseBoardExport(text: string): { rows: ExportRow[]; faults: ImportFault[] } {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const lines = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : null;
    return {
      rows: [],
      faults: [
        {
          row: lines ?? null,
          field: '(file)',
          code: Codes.malformedCsv,
          message: `文件不是有效的 CSV${lines ? `（第 ${lines} 行附近）` : ''}`,
        },
      ],
    };
  }
  return parseExportRecords(records);
}

/** The rows of an export already split into cells (from CSV, or a workbook's first sheet). */
export function parseExportRecords(records: string[][]): {
  rows: ExportRow[];
  faults: ImportFault[];
} {
  const [header, ...data] = records;
  if (!header) {
    return { rows: [], faults: [fault(null, '(file)', Codes.noRows, '文件没有内容')] };
  }
  const index = new Map<Field, number>();
  for (const [field, titles] of Object.entries(COLUMNS) as Array<[Field, readonly string[]]>) {
    const at = header.findIndex((h) => titles.includes(h));
    if (at >= 0) index.set(field, at);
  }
  const missing = REQUIRED.filter((f) => !index.has(f));
  if (missing.length > 0) {
    return {
      rows: [],
      faults: missing.map((f) => fault(1, f, Codes.missingColumn, `缺少“${LABEL[f]}”列`)),
    };
  }
  if (data.length === 0)
    return { rows: [], faults: [fault(null, '(file)', Codes.noRows, '文件没有数据行')] };
  if (data.length > MAX_EXPORT_ROWS) {
    return {
      rows: [],
      faults: [
        fault(null, '(file)', Codes.tooManyRows, `一次最多导入 ${MAX_EXPORT_ROWS} 条，请分批导出`),
      ],
    };
  }

  const rows: ExportRow[] = [];
  const faults: ImportFault[] = [];
  data.forEach((record, i) => {
    const row = i + 2;
    const cell = (f: Field) => (index.has(f) ? (record[index.get(f)!] ?? '').trim() : '');
    const rowFaults: ImportFault[] = [];
    const garbled = (Object.keys(COLUMNS) as Field[]).filter((f) => CONTROL.test(cell(f)));
    for (const f of garbled) {
      rowFaults.push(fault(row, f, Codes.invalidCharacter, `第 ${row} 行${LABEL[f]}含有无效字符`));
    }
    for (const f of REQUIRED) {
      if (!cell(f)) rowFaults.push(fault(row, f, Codes.required, `第 ${row} 行缺少${LABEL[f]}`));
    }
    for (const [f, max] of Object.entries(MAX_LENGTH) as Array<[Field, number]>) {
      if (cell(f).length > max) {
        rowFaults.push(fault(row, f, Codes.tooLong, `第 ${row} 行${LABEL[f]}超过 ${max} 字`));
      }
    }
    const type = cell('type');
    if (type && !(LEADER_MESSAGE_TYPES as readonly string[]).includes(type)) {
      rowFaults.push(
        fault(
          row,
          'type',
          Codes.unknownType,
          `第 ${row} 行留言类型应为${LEADER_MESSAGE_TYPES.join('/')}`,
        ),
      );
    }
    const postedAt = cell('postedAt') ? parseBoardTime(cell('postedAt')) : null;
    if (cell('postedAt') && !postedAt) {
      rowFaults.push(fault(row, 'postedAt', Codes.invalidDate, `第 ${row} 行留言时间无法识别`));
    }
    const phone = cell('contactPhone');
    if (phone && !PHONE.test(phone)) {
      rowFaults.push(
        fault(row, 'contactPhone', Codes.invalidPhone, `第 ${row} 行联系电话格式有误`),
      );
    }
    const rating = readRating(row, cell('attitude'), cell('speed'), cell('ratedAt'), rowFaults);
    if (rowFaults.length > 0) {
      faults.push(...rowFaults);
      return;
    }
    rows.push({
      row,
      message: {
        externalId: cell('externalId'),
        type,
        domain: cell('domain'),
        title: cell('title'),
        content: cell('content'),
        authorName: cell('authorName'),
        contactPhone: phone ? phone.replace(/[\s\-()]/g, '') : null,
        postedAt: postedAt!,
      },
      rating,
    });
  });
  return { rows, faults: faults.slice(0, MAX_FAULTS) };
}

function readRating(
  row: number,
  attitude: string,
  speed: string,
  ratedAt: string,
  faults: ImportFault[],
): BoardRating | null {
  if (!attitude && !speed) return null;
  const stars = (f: 'attitude' | 'speed', v: string) => {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1 && n <= 5) return n;
    faults.push(fault(row, f, Codes.invalidRating, `第 ${row} 行${LABEL[f]}应为 1–5 星`));
    return 0;
  };
  const a = stars('attitude', attitude);
  const s = stars('speed', speed);
  const at = ratedAt ? parseBoardTime(ratedAt) : null;
  if (!at)
    faults.push(fault(row, 'ratedAt', Codes.invalidDate, `第 ${row} 行评价时间缺失或无法识别`));
  return a && s && at ? { attitude: a, speed: s, ratedAt: at } : null;
}

function fault(
  row: number | null,
  field: string,
  code: ImportFieldCode,
  message: string,
): ImportFault {
  return { row, field, code, message };
}
