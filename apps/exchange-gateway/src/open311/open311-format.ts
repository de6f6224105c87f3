import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, suppressEmptyNode: false });

/** `services.json` → json; anything but `.json`/`.xml` is no Open311 resource. */
export function formatOf(file: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match ? { name: match[1], format: match[2] as Open311Format } : null;
}

export const contentTypeOf = (format: Open311Format) =>
  format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';

/**
 * GeoReport v2's two encodings of one document: JSON as it is, XML with the list's element and
 * one child element per item (`<services><service>…</service></services>`).
 */
export function render(format: Open311Format, root: string, item: string, body: unknown): string {
  if (format === 'json') return JSON.stringify(body);
  const content = Array.isArray(body) ? { [item]: body } : body;
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    [root]: content,
  }) as string;
}

/** Open311's error document: `[{code, description}]` / `<errors><error>…</error></errors>`. */
export function renderErrors(format: Open311Format, status: number, description: string): string {
  return render(format, 'errors', 'error', [{ code: status, description }]);
}
