import type { Readable } from 'node:stream';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { ComplaintLookup } from '../complaint/complaint-lookup.js';
import { ComplaintEntity } from '../complaint/complaint.entity.js';
import { ComplaintAttachmentEntity } from './attachment.entity.js';
import { AttachmentMissingError, AttachmentStore } from './attachment-store.js';

export interface AttachmentDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  content: Readable;
}

const UUID = /^[0-9a-f-]{36}$/i;

const notFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该附件' });

/**
 * An attachment, for the holder of its complaint's tracking and query codes, or for staff whose
 * jurisdiction covers the complaint (every staff read is audited: attachments carry personal data).
 */
@Injectable()
export class GetAttachmentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: ComplaintLookup,
    private readonly store: AttachmentStore,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    trackingCode: string,
    queryCode: string,
    attachmentId: string,
  ): Promise<AttachmentDownload> {
    const complaint = await this.lookup.byCodes(trackingCode, queryCode);
    return this.open(complaint.id, attachmentId);
  }

  async forStaff(
    principal: Principal,
    complaintId: string,
    attachmentId: string,
  ): Promise<AttachmentDownload> {
    const complaint = UUID.test(complaintId)
      ? await this.dataSource
          .getRepository(ComplaintEntity)
          .findOneBy({ id: complaintId.toLowerCase() })
      : null;
    // Outside the caller's jurisdiction is the same answer as not there at all.
    if (!complaint || !coversDivision(principal, complaint.divisionCode)) throw notFound();
    const download = await this.open(complaint.id, attachmentId);
    await this.audit.record({
      action: 'complaint.attachment.read',
      outcome: 'success',
      actor: actorOf(principal),
      target: { type: 'complaint', id: complaint.id },
      divisionCode: complaint.divisionCode,
      details: { attachmentId: attachmentId.toLowerCase(), trackingCode: complaint.trackingCode },
    });
    return download;
  }

  private async open(complaintId: string, attachmentId: string): Promise<AttachmentDownload> {
    const attachment = UUID.test(attachmentId)
      ? await this.dataSource
          .getRepository(ComplaintAttachmentEntity)
          .findOneBy({ id: attachmentId.toLowerCase(), complaintId })
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
