import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  MailboxErrorCodes,
  type CreateLeaderMailboxRequest,
  type LeaderMailboxAdminResponse,
  type UpdateLeaderMailboxRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { LeaderMailboxDirectory, mailboxNotFound } from './leader-mailbox-directory.js';
import { LeaderMailboxEntity } from './leader-mailbox.entity.js';
import { toLeaderMailboxAdminResponse } from './leader-mailbox.mapper.js';

/** The system administrator configures the leaders' mailboxes of the instance (audited). */
@Injectable()
export class ConfigureLeaderMailboxUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: LeaderMailboxDirectory,
    private readonly audit: AuditTrail,
  ) {}

  async create(
    principal: Principal,
    request: CreateLeaderMailboxRequest,
  ): Promise<LeaderMailboxAdminResponse> {
    if (!coversDivision(principal, request.divisionCode)) throw outsideJurisdiction();
    if (!this.directory.isHere(request.divisionCode)) {
      const message = '该行政区划的领导信箱由其自己的实例配置';
      throw new BadRequestException({
        code: MailboxErrorCodes.mailboxNotHere,
        message,
        fields: [{ path: 'divisionCode', code: MailboxErrorCodes.mailboxNotHere, message }],
      });
    }
    const now = new Date();
    const entity: LeaderMailboxEntity = {
      ...request,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await inTransaction(this.dataSource, async (tx) => {
        await tx.insert(LeaderMailboxEntity, entity);
        await this.record(tx, principal, entity, 'created', request);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException({
          code: MailboxErrorCodes.mailboxIdTaken,
          message: '已有相同标识的领导信箱',
        });
      }
      throw error;
    }
    return toLeaderMailboxAdminResponse(entity);
  }

  async update(
    principal: Principal,
    id: string,
    request: UpdateLeaderMailboxRequest,
  ): Promise<LeaderMailboxAdminResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const entity = await tx.findOne(LeaderMailboxEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entity || !coversDivision(principal, entity.divisionCode)) throw mailboxNotFound();
      const changes = Object.fromEntries(
        Object.entries(request).filter(([, value]) => value !== undefined),
      ) as Partial<LeaderMailboxEntity>;
      Object.assign(entity, changes, { updatedAt: new Date() });
      await tx.save(LeaderMailboxEntity, entity);
      await this.record(tx, principal, entity, 'updated', changes);
      return toLeaderMailboxAdminResponse(entity);
    });
  }

  private record(
    tx: Parameters<AuditTrail['record']>[1],
    principal: Principal,
    entity: LeaderMailboxEntity,
    verb: string,
    details: object,
  ) {
    return this.audit.record(
      {
        action: `leader-mailbox.${verb}`,
        outcome: 'success',
        actor: actorOf(principal),
        target: { type: 'leader-mailbox', id: entity.id },
        divisionCode: entity.divisionCode,
        details: { ...details },
      },
      tx,
    );
  }
}

const outsideJurisdiction = () =>
  new BadRequestException({
    code: ErrorCodes.validationFailed,
    message: '只能配置本辖区的领导信箱',
    fields: [
      { path: 'divisionCode', code: ErrorCodes.validationFailed, message: '不在你的辖区内' },
    ],
  });
