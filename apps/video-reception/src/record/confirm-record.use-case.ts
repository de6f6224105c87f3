import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VideoReceptionErrorCodes as Codes,
  recordConfirmedEvent,
  type ConfirmRecordRequest,
  type ReceptionRecordResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { LookupHasher } from '@minsheng/crypto';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { BookingAccess } from '../booking/booking-access.js';
import { secretMatches } from '../booking/booking-codes.js';
import { Clock } from '../clock.js';
import { badRequest, conflict, notFound } from '../video-reception.errors.js';
import { CaseOwnershipEntity } from './case-ownership.entity.js';
import { ReceptionRecordEntity } from './reception-record.entity.js';
import { toRecordResponse } from './record.mapper.js';
import { CONFIRMATION_CODE_PURPOSE } from './write-record.use-case.js';

const MAX_SIGNATURE_BYTES = 128 * 1024;

function isPngOrJpeg(image: Buffer): boolean {
  const png = image
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff;
  return png || jpeg;
}

/** The petitioner confirms the record: the texted code, or a signature captured at the hall. */
@Injectable()
export class ConfirmRecordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly hasher: LookupHasher,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    bookingId: string,
    request: ConfirmRecordRequest,
  ): Promise<ReceptionRecordResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, bookingId, { tx });
      const record = await tx
        .getRepository(ReceptionRecordEntity)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where('r.bookingId = :bookingId', { bookingId: booking.id })
        .getOne();
      if (!record) throw notFound('该接访尚无笔录');
      if (record.confirmedAt) throw conflict(Codes.recordAlreadyConfirmed, '笔录已确认');
      const now = this.clock.now();
      const changes: Partial<ReceptionRecordEntity> = {
        confirmationMethod: request.method,
        confirmedAt: now,
      };
      if (request.method === 'code') {
        const ok =
          record.confirmationCodeHash !== null &&
          secretMatches(
            this.hasher,
            CONFIRMATION_CODE_PURPOSE,
            record.id,
            request.code,
            record.confirmationCodeHash,
          );
        if (!ok) {
          await this.audit.record({
            action: 'reception.record-confirmation-failed',
            outcome: 'failure',
            actor: actorOf(principal),
            target: { type: 'reception-record', id: record.id },
            divisionCode: booking.hallDivisionCode,
          });
          throw badRequest(Codes.confirmationCodeInvalid, '确认码不正确');
        }
        changes.confirmationCodeHash = null; // used once
      } else {
        const image = Buffer.from(request.imageBase64, 'base64');
        if (image.length === 0 || image.length > MAX_SIGNATURE_BYTES || !isPngOrJpeg(image)) {
          throw badRequest(
            Codes.invalidSignatureImage,
            '签名应为不超过 128 KB 的 PNG 或 JPEG 图片',
          );
        }
        changes.signatureImage = image;
        changes.signatureSha256 = createHash('sha256').update(image).digest('hex');
      }
      await tx.update(ReceptionRecordEntity, { id: record.id }, changes);
      Object.assign(record, changes);
      await this.events.publish(
        tx,
        recordConfirmedEvent,
        {
          recordId: record.id,
          bookingId: booking.id,
          method: request.method,
          confirmedAt: now.toISOString(),
        },
        { divisionCode: booking.hallDivisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'reception.record-confirmed',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'reception-record', id: record.id },
          divisionCode: booking.hallDivisionCode,
          details: { method: request.method, signatureSha256: record.signatureSha256 },
        },
        tx,
      );
      const ownership = await tx.findOneBy(CaseOwnershipEntity, { recordId: record.id });
      return toRecordResponse(record, ownership);
    });
  }
}
