import { Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import multipart from '@fastify/multipart';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { AttachmentStore } from './attachment-store.js';
import { FilesystemAttachmentStore } from './filesystem-attachment.store.js';

/**
 * The attachment store (S3 when configured, else the filesystem) and the multipart parser. The
 * runtime registers only the JSON parser; `multipart/form-data` is added here, before Fastify
 * starts, for the complaint form with attachments.
 */
@Module({
  providers: [
    {
      provide: AttachmentStore,
      inject: [INTAKE_CONFIG],
      // The AWS SDK is loaded only where S3 is configured: in a bare process it takes ≈ 25 MB of
      // resident memory and 120 ms to load, for a client the filesystem store never uses.
      useFactory: async (config: IntakeConfig): Promise<AttachmentStore> => {
        if (!config.s3) return new FilesystemAttachmentStore(config.ATTACHMENT_DIR);
        const { S3AttachmentStore } = await import('./s3-attachment.store.js');
        return new S3AttachmentStore(config.s3);
      },
    },
  ],
  exports: [AttachmentStore],
})
export class AttachmentStorageModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly store: AttachmentStore,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  onModuleInit(): void {
    this.adapterHost.httpAdapter?.getInstance().register(multipart, {
      // Limits per request are set where the form is read; these are the outer bounds.
      limits: {
        fileSize: this.config.ATTACHMENT_MAX_FILE_BYTES + 1,
        files: this.config.ATTACHMENT_MAX_FILES,
        fields: 1,
        fieldSize: 64 * 1024,
        parts: this.config.ATTACHMENT_MAX_FILES + 2,
      },
    });
  }

  onApplicationShutdown(): void {
    this.store.close();
  }
}
