import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { coversDivision, type Principal } from '@minsheng/auth';
import { notFound } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';

/** Loads a message the caller may see: unknown and out-of-jurisdiction alike answer 404. */
@Injectable()
export class MessageAccess {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    principal: Principal,
    id: string,
    { tx, lock = false }: { tx?: EntityManager; lock?: boolean } = {},
  ): Promise<BoardMessageEntity> {
    const manager = tx ?? this.dataSource.manager;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const message = uuid
      ? await manager.findOne(BoardMessageEntity, {
          where: { id },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!message || !coversDivision(principal, message.divisionCode)) {
      throw notFound('留言不存在');
    }
    return message;
  }
}
