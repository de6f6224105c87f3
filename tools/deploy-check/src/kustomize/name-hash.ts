import { createHash } from 'node:crypto';

/**
 * The suffix kustomize appends to a generated ConfigMap's name: the first ten hex digits of the
 * SHA-256 of `{"data":…,"kind":"ConfigMap","name":""}` as Go's encoding/json writes it (keys
 * sorted, <, > and & escaped), with 0, 1, 3, a and e replaced so the suffix never looks like a
 * number or a word (kustomize api/hasher). The name field is empty: that is what kustomize v5
 * hashes in practice (checked against `kubectl kustomize` 1.32 / kustomize v5.5), so two
 * generated ConfigMaps with the same data get the same suffix.
 */
export function configMapNameHash(data: Record<string, string>): string {
  const sortedData = Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
  const encoded = goJson({ data: sortedData, kind: 'ConfigMap', name: '' });
  const hex = createHash('sha256').update(encoded, 'utf8').digest('hex');
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** JSON.stringify plus the HTML-safe escapes encoding/json applies by default. */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
