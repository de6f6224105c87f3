/** Path separators, `.`/`..` segments, C0/C1 control characters and bidirectional overrides. */
const FORBIDDEN = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
const MAX_LENGTH = 120;

export type FileNameCheck = { ok: true; name: string } | { ok: false };

/**
 * A name as the petitioner's browser sends it is a base name; one with a path (`../x`, `C:\x`),
 * control characters or direction overrides (`gpj.exe` shown as `exe.jpg`) was crafted, and is
 * refused. Otherwise characters other systems reserve are replaced, the name is trimmed and
 * shortened (keeping its extension), and Chinese is kept as it is.
 */
export function checkFileName(raw: string): FileNameCheck {
  const name = raw.normalize('NFC');
  if (FORBIDDEN.test(name) || name === '.' || name === '..') return { ok: false };
  let cleaned = name
    .replace(RESERVED, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_DEVICE.test(cleaned)) cleaned = `_${cleaned}`;
  if ([...cleaned].length > MAX_LENGTH) {
    const dot = cleaned.lastIndexOf('.');
    const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
    cleaned = [...cleaned].slice(0, MAX_LENGTH - extension.length).join('') + extension;
  }
  return { ok: true, name: cleaned || '附件' };
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 6266 `Content-Disposition` that any browser reads, with the UTF-8 name for those that can. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\u0020-\u007e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
