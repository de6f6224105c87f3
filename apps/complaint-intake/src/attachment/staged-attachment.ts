import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An uploaded file, checked and held on local disk until the complaint is stored. */
export interface StagedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  path: string;
}

/** A per-request temporary directory; removed whatever happens to the request. */
export class StagingArea {
  private constructor(readonly directory: string) {}

  static async create(parent = tmpdir()): Promise<StagingArea> {
    await mkdir(parent, { recursive: true });
    return new StagingArea(await mkdtemp(join(parent, 'minsheng-intake-')));
  }

  async remove(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true });
  }
}
