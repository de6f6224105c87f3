import type { Readable } from 'node:stream';

export interface StoredObject {
  /** A staged file on local disk. */
  path: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where attachment content lives. Keys are built from ids only (`<complaint>/<attachment>`),
 * never from anything a citizen sent. Abstract class so it doubles as the injection token.
 */
export abstract class AttachmentStore {
  abstract readonly kind: 'filesystem' | 's3';
  abstract put(key: string, object: StoredObject): Promise<void>;
  /** Throws {@link AttachmentMissingError} when there is no such object. */
  abstract open(key: string): Promise<Readable>;
  /** Removing what is not there is not an error. */
  abstract delete(key: string): Promise<void>;
  /** Lets go of connections at shutdown; nothing to do for most stores. */
  close(): void {}
}

export class AttachmentMissingError extends Error {
  constructor(key: string) {
    super(`No stored attachment ${key}`);
    this.name = 'AttachmentMissingError';
  }
}
