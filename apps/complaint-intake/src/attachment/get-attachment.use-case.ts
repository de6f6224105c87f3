import type { Readable } from 'node:stream';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { ComplaintLookup } from '../complaint/complaint-lookup.js';
import { ComplaintAttachmentEntity } from './attachment.entity.js';
import { AttachmentMissingError, AttachmentStore } from './attachment-store.js';

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  content: Readable;
}

const notFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该附件' });

/** An attachment for the holder of its complaint's tracking and query codes (staff: later, via petition). */
@Injectable()
export class GetAttachmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: ComplaintLookup,
    private readonly store: AttachmentStore,
  ) {}

  async execute(
    trackingCode: string,
    queryCode: string,
    attachmentId: string,
  ): Promise<AttachmentDownload> {
    const complaint = await this.lookup.byCodes(trackingCode, queryCode);
    const attachment = /^[0-9a-f-]{36}$/i.test(attachmentId)
      ? await this.dataSource
          .getRepository(ComplaintAttachmentEntity)
          .findOneBy({ id: attachmentId.toLowerCase(), complaintId: complaint.id })
      : null;
    if (!attachment) throw notFound();
    try {
      return {
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        sizeBytes: attachment.sizeBytes,
        content: await this.store.open(attachment.storageKey),
      };
    } catch (error) {
      if (error instanceof AttachmentMissingError) throw notFound();
      throw error;
    }
  }
}
