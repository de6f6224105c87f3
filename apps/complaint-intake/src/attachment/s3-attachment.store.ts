import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { AttachmentMissingError, AttachmentStore, type StoredObject } from './attachment-store.js';

export interface S3StoreOptions {
  endpoint: string;
  bucket: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** S3-compatible object storage (MinIO in Kubernetes), used when S3_ENDPOINT and S3_BUCKET are set. */
export class S3AttachmentStore extends AttachmentStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    super();
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // The SDK's default CRC32 trailers (aws-chunked uploads) are not understood by every
      // S3-compatible server; the SHA-256 of the content is signed and sent instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // Into the service's structured log rather than the console.
      logger: sdkLogger(new Logger(S3AttachmentStore.name)),
    });
  }

  async put(key: string, object: StoredObject): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: key,
        Body: createReadStream(object.path),
        ContentLength: object.sizeBytes,
        ContentType: object.contentType,
        ChecksumSHA256: Buffer.from(object.sha256, 'hex').toString('base64'),
      }),
    );
  }

  async open(key: string): Promise<Readable> {
    try {
      const result = await this.client.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
      ) {
        throw new AttachmentMissingError(key);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  override close(): void {
    this.client.destroy();
  }
}

function sdkLogger(logger: Logger) {
  const text = (content: unknown[]) => content.map(String).join(' ');
  return {
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (...content: unknown[]) => logger.warn(text(content)),
    error: (...content: unknown[]) => logger.error(text(content)),
  };
}
