import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VideoReceptionErrorCodes as Codes,
  caseOwnershipTakenEvent,
  receptionCaseRequestedEvent,
  receptionHeldEvent,
  type ReceptionRecordResponse,
  type WriteRecordRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { LookupHasher } from '@minsheng/crypto';
import { divisionTier, type DivisionTier } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { BookingAccess } from '../booking/booking-access.js';
import { newConfirmationCode, secretHash } from '../booking/booking-codes.js';
import { BookingViews } from '../booking/booking-views.js';
import { BookingEntity } from '../booking/booking.entity.js';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { badRequest, invalidState } from '../video-reception.errors.js';
import { CaseOwnershipEntity } from './case-ownership.entity.js';
import { ReceptionRecordEntity } from './reception-record.entity.js';
import { toRecordResponse } from './record.mapper.js';

export const CONFIRMATION_CODE_PURPOSE = 'reception-record-code';

const TIER_ORDER: DivisionTier[] = ['province', 'city', 'county'];

/**
 * The reception record (电子笔录): what was raised, the official's response and the outcome. When
 * the leader takes the case on (包案) the follow-up deadline comes from the deadline calendar.
 * The booking is completed, statistics get `reception.held` (and `case-ownership.taken`), and
 * the petitioner is texted a code to confirm the record with — all in one transaction. A matter
 * turned into a new case goes to petition as `case.requested`.
 */
@Injectable()
export class WriteRecordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
    private readonly hasher: LookupHasher,
    private readonly events: EventPublisher,
    private readonly notices: BookingNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: WriteRecordRequest,
  ): Promise<ReceptionRecordResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, id, { tx });
      if (booking.status !== 'checked-in') throw invalidState('只有已签到的接访可以制作笔录');
      // A new case gets its number from petition later (see LinkRecordToCaseHandler).
      const petitionNumber =
        request.outcome === 'new-case' ? null : (request.petitionNumber ?? booking.petitionNumber);
      const needsCase = request.outcome === 'added-to-case' || request.outcome === 'case-ownership';
      if (needsCase && !petitionNumber) {
        throw badRequest(Codes.petitionNumberRequired, '该处理结果须关联信访事项编号');
      }
      const now = this.clock.now();
      const schedule = await this.views.schedule(tx, booking);
      const halls = await this.views.halls(tx, booking.id);
      const code = newConfirmationCode();
      const record: ReceptionRecordEntity = {
        id: randomUUID(),
        bookingId: booking.id,
        summary: request.summary,
        officialResponse: request.response,
        outcome: request.outcome,
        petitionNumber: petitionNumber ?? null,
        officials: request.officials,
        recordedBy: principal.userId,
        recordedAt: now,
        confirmationCodeHash: null,
        confirmationMethod: null,
        confirmedAt: null,
        signatureImage: null,
        signatureSha256: null,
      };
      record.confirmationCodeHash = secretHash(
        this.hasher,
        CONFIRMATION_CODE_PURPOSE,
        record.id,
        code,
      );
      await tx.insert(ReceptionRecordEntity, record);
      await tx.update(BookingEntity, { id: booking.id }, { status: 'completed' });

      let ownership: CaseOwnershipEntity | null = null;
      if (request.outcome === 'case-ownership' && petitionNumber) {
        const followUpDays = request.followUpDays ?? this.config.CASE_OWNERSHIP_FOLLOW_UP_DAYS;
        ownership = {
          id: randomUUID(),
          recordId: record.id,
          bookingId: booking.id,
          petitionNumber,
          leaderId: schedule.leaderId,
          leaderName: schedule.leaderName,
          divisionCode: schedule.divisionCode,
          takenAt: now,
          followUpDays,
          dayCountMode: this.config.calendar.mode,
          followUpDeadline: this.config.calendar.addDays(now, followUpDays),
        };
        await tx.insert(CaseOwnershipEntity, ownership);
        await this.events.publish(
          tx,
          caseOwnershipTakenEvent,
          {
            caseOwnershipId: ownership.id,
            petitionNumber,
            leaderId: ownership.leaderId,
            leaderName: ownership.leaderName,
            leaderTitle: schedule.leaderTitle,
            leaderDivisionCode: schedule.divisionCode,
            bookingId: booking.id,
            recordId: record.id,
            takenAt: now.toISOString(),
            followUpDeadline: ownership.followUpDeadline.toISOString(),
            followUpDays,
            dayCountMode: ownership.dayCountMode,
          },
          // The case's own division is in its number: the petition instance that holds it.
          { divisionCode: petitionNumber.slice(0, 6), occurredAt: now },
        );
      }

      if (request.outcome === 'new-case') {
        await this.events.publish(
          tx,
          receptionCaseRequestedEvent,
          {
            recordId: record.id,
            bookingId: booking.id,
            bookingCode: booking.bookingCode,
            divisionCode: booking.hallDivisionCode,
            kind: booking.matterKind ?? 'appeal',
            title: booking.matterTitle ?? `视频接访反映事项（${schedule.leaderName}接访）`,
            content: request.summary,
            leaderId: schedule.leaderId,
            leaderName: schedule.leaderName,
            recordedAt: now.toISOString(),
            petitioner: {
              name: booking.petitionerName,
              idNumberEncrypted: booking.petitionerIdNumberEncrypted,
              idNumberHash: booking.petitionerIdNumberHash,
              phoneEncrypted: booking.petitionerPhoneEncrypted,
              phoneHash: booking.petitionerPhoneHash,
            },
          },
          { divisionCode: booking.hallDivisionCode, occurredAt: now },
        );
      }

      const hallDivisions = [...new Set(halls.map((h) => h.divisionCode))];
      const tiers = new Set([schedule.divisionCode, ...hallDivisions].map((c) => divisionTier(c)));
      await this.events.publish(
        tx,
        receptionHeldEvent,
        {
          recordId: record.id,
          bookingId: booking.id,
          bookingCode: booking.bookingCode,
          leaderId: schedule.leaderId,
          leaderName: schedule.leaderName,
          leaderDivisionCode: schedule.divisionCode,
          hallDivisionCode: booking.hallDivisionCode,
          hallDivisionCodes: hallDivisions,
          tiers: TIER_ORDER.filter((t) => tiers.has(t)),
          peopleReceived: booking.attendees,
          outcome: record.outcome,
          petitionNumber: record.petitionNumber,
          kind: booking.matterKind,
          channel: booking.channel,
          startsAt: booking.startsAt.toISOString(),
          recordedAt: now.toISOString(),
        },
        { divisionCode: booking.hallDivisionCode, occurredAt: now },
      );
      await this.notices.add(
        tx,
        booking.id,
        'record-confirmation',
        noticeTexts.recordConfirmation(booking.bookingCode, code),
        now,
      );
      await this.audit.record(
        {
          action: 'reception.recorded',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'booking', id: booking.id },
          divisionCode: booking.hallDivisionCode,
          details: {
            bookingCode: booking.bookingCode,
            recordId: record.id,
            outcome: record.outcome,
            petitionNumber: record.petitionNumber,
            caseOwnershipId: ownership?.id ?? null,
          },
        },
        tx,
      );
      return toRecordResponse(record, ownership);
    });
  }
}
