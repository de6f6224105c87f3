import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AttachmentMissingError, AttachmentStore, type StoredObject } from './attachment-store.js';

/** The default store: one file per attachment under a directory (a mounted volume in Kubernetes). */
export class FilesystemAttachmentStore extends AttachmentStore {
  readonly kind = 'filesystem';
  private readonly root: string;

  constructor(directory: string) {
    super();
    this.root = resolve(directory);
  }

  async put(key: string, object: StoredObject): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    // Copy beside the target, then rename: a reader never sees half a file.
    const partial = `${target}.${randomUUID()}.part`;
    try {
      await copyFile(object.path, partial);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async open(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first, so a missing file is reported here and not as a stream error mid-response.
    const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new AttachmentMissingError(key) : error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, key);
    const inside = relative(this.root, path);
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`Attachment key outside the store: ${key}`);
    }
    return path;
  }
}
