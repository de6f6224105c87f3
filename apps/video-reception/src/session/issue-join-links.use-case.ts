import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VideoReceptionErrorCodes as Codes, type JoinLinksResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { BookingAccess } from '../booking/booking-access.js';
import { BookingViews, maskName } from '../booking/booking-views.js';
import { BookingEntity } from '../booking/booking.entity.js';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { VideoProvider, type VideoParticipant } from '../video/video-provider.js';
import { conflict, invalidState } from '../video-reception.errors.js';

/**
 * One signed join link per participant — the petitioner, the official, each hall — valid from a
 * little before the slot to a little after it, and never issued once that window has closed.
 */
@Injectable()
export class IssueJoinLinksUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
    private readonly video: VideoProvider,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async execute(principal: Principal, id: string): Promise<JoinLinksResponse> {
    const booking = await this.access.load(principal, id);
    if (booking.status !== 'confirmed' && booking.status !== 'checked-in') {
      throw invalidState('只有审核通过的预约可以进入视频接访');
    }
    const validFrom = new Date(
      booking.startsAt.getTime() - this.config.JOIN_LINK_OPENS_MINUTES_BEFORE * 60_000,
    );
    const validUntil = new Date(
      booking.endsAt.getTime() + this.config.JOIN_LINK_CLOSES_MINUTES_AFTER * 60_000,
    );
    if (this.clock.now().getTime() >= validUntil.getTime()) {
      throw conflict(Codes.outsideSessionWindow, '接访时段已过，不再签发入会链接');
    }
    let room = booking.videoRoom;
    if (!room) {
      room = (await this.video.provisionRoom(booking)).room;
      await this.dataSource.manager.update(BookingEntity, { id: booking.id }, { videoRoom: room });
    }
    const manager = this.dataSource.manager;
    const [schedule, halls] = await Promise.all([
      this.views.schedule(manager, booking),
      this.views.halls(manager, booking.id),
    ]);
    const participants: Array<
      VideoParticipant & { participant: 'petitioner' | 'official' | 'hall'; hallId: string | null }
    > = [
      {
        participant: 'official',
        hallId: null,
        id: `official:${schedule.leaderId}`,
        displayName: `${schedule.leaderName}（${schedule.leaderTitle}）`,
        moderator: true,
        divisionCode: schedule.divisionCode,
      },
      {
        participant: 'petitioner',
        hallId: booking.hallId,
        id: `petitioner:${booking.bookingCode}`,
        displayName: `信访人 ${maskName(booking.petitionerName)}`,
        moderator: false,
        divisionCode: booking.hallDivisionCode,
      },
      ...halls.map((hall) => ({
        participant: 'hall' as const,
        hallId: hall.id,
        id: `hall:${hall.id}`,
        displayName: hall.name,
        moderator: false,
        divisionCode: hall.divisionCode,
      })),
    ];
    const links = [];
    for (const p of participants) {
      links.push({
        participant: p.participant,
        hallId: p.hallId,
        displayName: p.displayName,
        moderator: p.moderator,
        url: await this.video.joinLink({ room }, p, { validFrom, validUntil }),
      });
    }
    await this.audit.record({
      action: 'booking.join-links-issued',
      outcome: 'success',
      actor: actorOf(principal),
      target: { type: 'booking', id: booking.id },
      divisionCode: booking.hallDivisionCode,
      details: { bookingCode: booking.bookingCode, participants: links.length },
    });
    return {
      provider: this.video.name,
      room,
      validFrom: validFrom.toISOString(),
      validUntil: validUntil.toISOString(),
      links,
    };
  }
}
