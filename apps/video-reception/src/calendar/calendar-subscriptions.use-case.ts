import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import type {
  CalendarSubscriptionListResponse,
  CalendarSubscriptionResponse,
  CreateCalendarSubscriptionRequest,
  CreatedCalendarSubscriptionResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { LookupHasher } from '@minsheng/crypto';
import { Clock } from '../clock.js';
import { notFound } from '../video-reception.errors.js';
import { CalendarFeedsUseCase } from './calendar-feeds.use-case.js';
import { CalendarSubscriptionEntity } from './calendar-subscription.entity.js';

const TOKEN_PURPOSE = 'calendar-subscription';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;

/**
 * Subscription URLs for calendar clients, which cannot send a bearer token. The URL's secret is
 * 256 random bits shown once; only its keyed hash is kept. Reading the feed through it is reading
 * as its owner, with the jurisdiction they had when subscribing — so it expires (90 days unless
 * said otherwise) and its owner can revoke it.
 */
@Injectable()
export class CalendarSubscriptionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feeds: CalendarFeedsUseCase,
    private readonly hasher: LookupHasher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(
    principal: Principal,
    request: CreateCalendarSubscriptionRequest,
  ): Promise<CreatedCalendarSubscriptionResponse> {
    // Refuses (404) a feed the caller may not read now, before any URL exists for it.
    await this.render(principal, request.feed, request.targetId);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const subscription: CalendarSubscriptionEntity = {
      id: randomUUID(),
      tokenHash: this.hasher.hash(TOKEN_PURPOSE, token),
      feed: request.feed,
      targetId: request.targetId,
      userId: principal.userId,
      roles: principal.roles,
      divisionCode: principal.divisionCode,
      organId: principal.organId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + request.validDays * DAY_MS),
      revokedAt: null,
      lastReadAt: null,
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(CalendarSubscriptionEntity, subscription);
      await this.audit.record(
        {
          action: 'calendar-subscription.created',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'calendar-subscription', id: subscription.id },
          divisionCode: principal.divisionCode,
          details: { feed: request.feed, targetId: request.targetId, validDays: request.validDays },
        },
        tx,
      );
    });
    return {
      ...toResponse(subscription),
      path: `/api/v1/public/calendar-subscriptions/${token}/calendar.ics`,
    };
  }

  async list(principal: Principal): Promise<CalendarSubscriptionListResponse> {
    const rows = await this.dataSource.manager.find(CalendarSubscriptionEntity, {
      where: { userId: principal.userId },
      order: { createdAt: 'DESC' },
    });
    return { items: rows.map(toResponse) };
  }

  /** Only its owner revokes a subscription; anyone else's is not found. */
  async revoke(principal: Principal, id: string): Promise<CalendarSubscriptionResponse> {
    return this.dataSource.transaction(async (tx) => {
      const isUuid = /^[0-9a-f-]{36}$/i.test(id);
      const row = isUuid
        ? await tx.findOneBy(CalendarSubscriptionEntity, { id, userId: principal.userId })
        : null;
      if (!row) throw notFound('未找到该日历订阅');
      if (!row.revokedAt) {
        row.revokedAt = this.clock.now();
        await tx.update(CalendarSubscriptionEntity, { id }, { revokedAt: row.revokedAt });
        await this.audit.record(
          {
            action: 'calendar-subscription.revoked',
            outcome: 'success',
            actor: actorOf(principal),
            target: { type: 'calendar-subscription', id },
            divisionCode: principal.divisionCode,
          },
          tx,
        );
      }
      return toResponse(row);
    });
  }

  /** The feed behind a subscription URL; every failure looks the same, so secrets can't be probed. */
  async read(token: string): Promise<string> {
    const gone = () => notFound('订阅链接无效、已过期或已撤销');
    if (!TOKEN.test(token)) throw gone();
    const row = await this.dataSource.manager.findOneBy(CalendarSubscriptionEntity, {
      tokenHash: this.hasher.hash(TOKEN_PURPOSE, token),
      revokedAt: IsNull(),
    });
    const now = this.clock.now();
    if (!row || row.expiresAt <= now) throw gone();
    const owner: Principal = {
      userId: row.userId,
      roles: row.roles,
      divisionCode: row.divisionCode,
      organId: row.organId,
    };
    const feed = await this.render(owner, row.feed, row.targetId);
    await this.dataSource.manager.update(
      CalendarSubscriptionEntity,
      { id: row.id },
      { lastReadAt: now },
    );
    return feed;
  }

  private render(principal: Principal, feed: 'leader' | 'hall', targetId: string) {
    return feed === 'leader'
      ? this.feeds.leader(principal, targetId)
      : this.feeds.hall(principal, targetId);
  }
}

function toResponse(row: CalendarSubscriptionEntity): CalendarSubscriptionResponse {
  return {
    id: row.id,
    feed: row.feed,
    targetId: row.targetId,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastReadAt: row.lastReadAt?.toISOString() ?? null,
  };
}
