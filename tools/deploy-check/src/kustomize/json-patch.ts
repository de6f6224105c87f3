// RFC 6902 JSON Patch, the operations kustomize's `patches` accept in JSON6902 form that these
// manifests use: add, replace, remove (plus test). Pointers per RFC 6901.

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

type Container = Record<string, unknown> | unknown[];

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer "${pointer}" must start with /`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolveParent(document: unknown, path: string): { parent: Container; key: string } {
  const parts = tokens(path);
  if (parts.length === 0) throw new Error('patching the whole document is not supported');
  let node = document;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) node = node[index(node, part, false)];
    else if (node && typeof node === 'object') node = (node as Record<string, unknown>)[part];
    else node = undefined;
    if (node === undefined) throw new Error(`path ${path} does not exist`);
  }
  if (!node || typeof node !== 'object') throw new Error(`path ${path} does not exist`);
  return { parent: node as Container, key: parts[parts.length - 1] };
}

function index(array: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new Error(`"${token}" is not an array index`);
  const i = Number(token);
  if (i > array.length || (!forAdd && i === array.length)) {
    throw new Error(`index ${i} is out of range`);
  }
  return i;
}

const clone = <T>(value: T): T => structuredClone(value);

/** Applies the operations in order to a copy of the document and returns it. */
export function applyJsonPatch<T>(document: T, operations: PatchOperation[]): T {
  const result = clone(document);
  for (const operation of operations) {
    const { parent, key } = resolveParent(result, operation.path);
    const where = `${operation.op} ${operation.path}`;
    try {
      if (Array.isArray(parent)) {
        if (operation.op === 'add') {
          parent.splice(index(parent, key, true), 0, clone(operation.value));
        } else if (operation.op === 'replace') {
          parent[index(parent, key, false)] = clone(operation.value);
        } else if (operation.op === 'remove') {
          parent.splice(index(parent, key, false), 1);
        } else if (operation.op === 'test') {
          if (JSON.stringify(parent[index(parent, key, false)]) !== JSON.stringify(operation.value))
            throw new Error('test failed');
        } else {
          throw new Error(`unsupported operation`);
        }
      } else {
        const exists = Object.prototype.hasOwnProperty.call(parent, key);
        if (operation.op === 'add') {
          parent[key] = clone(operation.value);
        } else if (operation.op === 'replace' || operation.op === 'remove') {
          if (!exists) throw new Error(`path does not exist`);
          if (operation.op === 'replace') parent[key] = clone(operation.value);
          else delete parent[key];
        } else if (operation.op === 'test') {
          if (JSON.stringify(parent[key]) !== JSON.stringify(operation.value))
            throw new Error('test failed');
        } else {
          throw new Error(`unsupported operation`);
        }
      }
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
    }
  }
  return result;
}
