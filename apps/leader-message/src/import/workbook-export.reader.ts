import ExcelJS from 'exceljs';
import { ImportFieldCodes as Codes } from '@minsheng/contracts';
import type { ImportFault } from './board-export.parser.js';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** An .xlsx file is a zip archive: its first bytes say so whatever the upload claimed to be. */
export function isWorkbook(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

/**
 * The first worksheet of a board export saved as Excel, as rows of cell text (what the cell shows:
 * dates as the board formats them, numbers as digits), so the same row checks as for CSV apply.
 */
export async function readWorkbook(
  bytes: Buffer,
): Promise<{ records: string[][] } | { faults: ImportFault[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { faults: [unreadable()] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { faults: [unreadable()] };
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      cells.push(cellText(row.getCell(column)).trim());
    }
    if (cells.some(Boolean)) records.push(cells);
  });
  return { records };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  // Excel keeps a wall-clock time with no zone, which exceljs hands back in the UTC fields: give
  // that wall clock as written (the board's times are China time).
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  return cell.text ?? '';
}

function unreadable(): ImportFault {
  return {
    row: null,
    field: '(file)',
    code: Codes.malformedWorkbook,
    message: '文件不是有效的 Excel 工作簿（.xlsx）',
  };
}
