/** Intake's defaults (ATTACHMENT_MAX_FILES, ATTACHMENT_MAX_FILE_BYTES, ATTACHMENT_MAX_TOTAL_BYTES). */
export const ACCEPT = '.jpg,.jpeg,.png,.webp,.gif,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.wps';
export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_BYTES = 20 * 1024 * 1024;
const EXTENSIONS = new Set(ACCEPT.split(',').map((e) => e.slice(1)));

export type AttachmentProblem =
  | { kind: 'too-large'; name: string }
  | { kind: 'too-many' }
  | { kind: 'total-too-large' }
  | { kind: 'type'; name: string };

/** Adds the chosen files that intake would take; says why any were left out. */
export function addFiles(
  existing: readonly File[],
  chosen: readonly File[],
): { files: File[]; problems: AttachmentProblem[] } {
  const files = [...existing];
  const problems: AttachmentProblem[] = [];
  let total = files.reduce((sum, f) => sum + f.size, 0);
  for (const file of chosen) {
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    if (!EXTENSIONS.has(extension)) problems.push({ kind: 'type', name: file.name });
    else if (file.size > MAX_FILE_BYTES) problems.push({ kind: 'too-large', name: file.name });
    else if (files.length >= MAX_FILES) {
      problems.push({ kind: 'too-many' });
      break;
    } else if (total + file.size > MAX_TOTAL_BYTES) problems.push({ kind: 'total-too-large' });
    else {
      files.push(file);
      total += file.size;
    }
  }
  return { files, problems };
}
