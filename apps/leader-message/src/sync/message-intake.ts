import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { leaderMessageReceivedEvent } from '@minsheng/contracts';
import { EventPublisher } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import type { BoardEntity } from '../board/board.entity.js';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';
import type { BoardMessage } from '../connector/board-connector.js';
import type { BoardMessageEntity } from '../message/board-message.entity.js';
import { messageRef } from '../message/message-events.js';

const COLUMNS = [
  'id',
  'board_id',
  'external_id',
  'leader_id',
  'division_code',
  'type',
  'domain',
  'title',
  'content',
  'author_name',
  'contact_phone_encrypted',
  'contact_phone_hash',
  'posted_at',
  'received_at',
  'status',
  'urgent',
  'claim_deadline',
  'reply_deadline',
] as const;

/**
 * Stores new board messages in one statement per batch. The unique (board, external id) key
 * makes a message that arrives twice (a page re-read after a crash, a re-uploaded export) a
 * no-op; `received` is published only for rows actually inserted, in the same transaction.
 */
@Injectable()
export class MessageIntake {
  constructor(
    private readonly events: EventPublisher,
    private readonly personalData: PersonalData,
    @Inject(LEADER_MESSAGE_CONFIG) private readonly config: LeaderMessageConfig,
  ) {}

  async ingest(
    tx: EntityManager,
    board: BoardEntity,
    messages: BoardMessage[],
    receivedAt: Date,
  ): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = new Map<string, BoardMessageEntity>();
    for (const m of messages) {
      if (rows.has(m.externalId)) continue;
      const urgent = this.config.URGENT_MESSAGE_TYPES.includes(m.type);
      const phone = m.contactPhone ? this.personalData.phone(m.contactPhone) : null;
      rows.set(m.externalId, {
        id: randomUUID(),
        boardId: board.id,
        externalId: m.externalId,
        leaderId: board.leaderId,
        divisionCode: board.divisionCode,
        type: m.type,
        domain: m.domain,
        title: m.title,
        content: m.content,
        authorName: m.authorName,
        contactPhoneEncrypted: phone?.encrypted ?? null,
        contactPhoneHash: phone?.lookupHash ?? null,
        postedAt: m.postedAt,
        receivedAt,
        status: 'new',
        urgent,
        claimDeadline: this.config.calendar.addDays(m.postedAt, this.config.CLAIM_LIMIT_DAYS),
        replyDeadline: this.config.calendar.addDays(
          m.postedAt,
          urgent ? this.config.URGENT_REPLY_LIMIT_DAYS : this.config.REPLY_LIMIT_DAYS,
        ),
      } as BoardMessageEntity);
    }
    const list = [...rows.values()];
    const params: unknown[] = [];
    const tuples = list.map((r) => {
      const values = [
        r.id,
        r.boardId,
        r.externalId,
        r.leaderId,
        r.divisionCode,
        r.type,
        r.domain,
        r.title,
        r.content,
        r.authorName,
        r.contactPhoneEncrypted,
        r.contactPhoneHash,
        r.postedAt,
        r.receivedAt,
        r.status,
        r.urgent,
        r.claimDeadline,
        r.replyDeadline,
      ];
      const start = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    const inserted: Array<{ id: string }> = await tx.query(
      `INSERT INTO board_message (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (board_id, external_id) DO NOTHING RETURNING id`,
      params,
    );
    const ids = new Set(inserted.map((r) => r.id));
    for (const r of list) {
      if (!ids.has(r.id)) continue;
      await this.events.publish(
        tx,
        leaderMessageReceivedEvent,
        {
          ...messageRef({ ...r, leadOrganId: null }),
          postedAt: r.postedAt.toISOString(),
          receivedAt: receivedAt.toISOString(),
        },
        { divisionCode: r.divisionCode, occurredAt: receivedAt },
      );
    }
    return ids.size;
  }
}
