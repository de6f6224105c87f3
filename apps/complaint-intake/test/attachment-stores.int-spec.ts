import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  AttachmentMissingError,
  type AttachmentStore,
} from '../src/attachment/attachment-store.js';
import { FilesystemAttachmentStore } from '../src/attachment/filesystem-attachment.store.js';
import { S3AttachmentStore } from '../src/attachment/s3-attachment.store.js';
import { FakeS3Server } from './support/fake-s3-server.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('attachment stores', () => {
  let work: string;
  let s3: FakeS3Server;
  const stores: Record<string, () => AttachmentStore> = {};

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'intake-stores-'));
    s3 = await new FakeS3Server(['attachments']).start();
    stores.filesystem = () => new FilesystemAttachmentStore(join(work, 'store'));
    stores.s3 = () =>
      new S3AttachmentStore({
        endpoint: s3.endpoint,
        bucket: 'attachments',
        region: 'cn-southwest-1',
        forcePathStyle: true,
        credentials: s3.credentials,
      });
  });

  afterAll(async () => {
    await s3?.stop();
    await rm(work, { recursive: true, force: true });
  });

  async function staged(content: Buffer) {
    const path = join(work, `staged-${randomBytes(4).toString('hex')}`);
    await writeFile(path, content);
    return {
      path,
      contentType: 'image/png',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }

  describe.each(['filesystem', 's3'])('%s', (kind) => {
    it('stores content under a key, reads it back byte for byte, and deletes it', async () => {
      const store = stores[kind]();
      const content = randomBytes(300_000);
      const key = `complaints/${randomBytes(8).toString('hex')}/a`;
      await store.put(key, await staged(content));
      expect(await readAll(await store.open(key))).toEqual(content);
      await store.delete(key);
      await expect(store.open(key)).rejects.toBeInstanceOf(AttachmentMissingError);
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('reports a key it never stored as missing', async () => {
      await expect(stores[kind]().open('complaints/none/none')).rejects.toBeInstanceOf(
        AttachmentMissingError,
      );
    });
  });

  it('the filesystem store refuses keys that would leave its directory and leaves no partial files', async () => {
    const store = stores.filesystem();
    const file = await staged(Buffer.from('x'));
    await expect(store.put('../escape', file)).rejects.toThrow(/outside the store/);
    await store.put('complaints/c/d', file);
    expect(await readdir(join(work, 'store', 'complaints', 'c'))).toEqual(['d']);
  });

  it('the S3 store signs its requests and sends the content checksum, which the server verifies', async () => {
    const content = randomBytes(1024);
    await stores.s3().put('complaints/signed/x', await staged(content));
    expect(s3.objects.get('attachments/complaints/signed/x')).toMatchObject({
      body: content,
      contentType: 'image/png',
    });
    const wrongSecret = new S3AttachmentStore({
      endpoint: s3.endpoint,
      bucket: 'attachments',
      region: 'cn-southwest-1',
      forcePathStyle: true,
      credentials: { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: 'wrong' },
    });
    await expect(
      wrongSecret.put('complaints/forged/x', await staged(content)),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    const lying = await staged(content);
    lying.sha256 = createHash('sha256').update('something else').digest('hex');
    await expect(stores.s3().put('complaints/lying/x', lying)).rejects.toMatchObject({
      name: 'BadDigest',
    });
    expect(s3.keys('attachments')).not.toContain('complaints/forged/x');
    expect(s3.keys('attachments')).not.toContain('complaints/lying/x');
  });
});
