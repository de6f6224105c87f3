import { readFile } from 'node:fs/promises';
import CFB from 'cfb';
import { fileTypeFromFile, supportedExtensions } from 'file-type';

export interface AllowedType {
  contentType: string;
  /** The extension a stored name gets. */
  extension: string;
  /** Extensions a file of this type may be named with. */
  names: readonly string[];
}

/** Images, PDF and office documents — what a petitioner needs to show; nothing executable. */
export const ALLOWED_TYPES: readonly AllowedType[] = [
  { contentType: 'image/jpeg', extension: 'jpg', names: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  { contentType: 'image/png', extension: 'png', names: ['png'] },
  { contentType: 'image/webp', extension: 'webp', names: ['webp'] },
  { contentType: 'image/gif', extension: 'gif', names: ['gif'] },
  { contentType: 'application/pdf', extension: 'pdf', names: ['pdf'] },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    names: ['docx'],
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    names: ['xlsx'],
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    names: ['pptx'],
  },
  { contentType: 'application/msword', extension: 'doc', names: ['doc'] },
  { contentType: 'application/vnd.ms-excel', extension: 'xls', names: ['xls'] },
];

const BY_CONTENT_TYPE = new Map(ALLOWED_TYPES.map((t) => [t.contentType, t]));

/**
 * Extensions that name a type: a file named with one of these must be of that type. A name
 * ending in anything else (`扫描件.2024.03`) is not a claim about the content and gets the true
 * extension appended instead.
 */
const MEANINGFUL_EXTENSIONS = new Set<string>([
  ...ALLOWED_TYPES.flatMap((t) => t.names),
  ...supportedExtensions,
  ...['txt', 'htm', 'html', 'svg', 'js', 'mjs', 'bat', 'cmd', 'com', 'sh', 'ps1', 'vbs', 'scr'],
  ...['msi', 'apk', 'jar', 'dll', 'lnk', 'hta', 'php', 'jsp', 'asp', 'aspx', 'docm', 'xlsm'],
]);

export function isMeaningfulExtension(extension: string): boolean {
  return MEANINGFUL_EXTENSIONS.has(extension);
}

/**
 * The type of a file by its content (magic bytes), or undefined when it is not allowed. Legacy
 * Office files share one container format (CFB) with installers (.msi) and mail (.msg), so for
 * those the container's directory decides; ones carrying VBA macros are refused.
 */
export async function detectAllowedType(path: string): Promise<AllowedType | undefined> {
  const detected = await fileTypeFromFile(path);
  if (!detected) return undefined;
  if (detected.ext !== 'cfb') return BY_CONTENT_TYPE.get(detected.mime);
  return legacyOfficeType(await readFile(path));
}

function legacyOfficeType(content: Buffer): AllowedType | undefined {
  let names: string[];
  try {
    names = CFB.read(content, { type: 'buffer' }).FullPaths.map((p) =>
      p.replace(/\/$/, '').split('/').pop()!,
    );
  } catch {
    return undefined;
  }
  if (names.some((n) => n === '_VBA_PROJECT_CUR' || n === 'Macros' || n === 'VBA')) {
    return undefined;
  }
  if (names.includes('WordDocument')) return BY_CONTENT_TYPE.get('application/msword');
  if (names.includes('Workbook') || names.includes('Book')) {
    return BY_CONTENT_TYPE.get('application/vnd.ms-excel');
  }
  return undefined;
}
