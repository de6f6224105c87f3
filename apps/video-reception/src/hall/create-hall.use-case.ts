import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateHallRequest, HallResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { Clock } from '../clock.js';
import { forbidden } from '../video-reception.errors.js';
import { toHallResponse } from './hall.mapper.js';
import { ReceptionHallEntity } from './reception-hall.entity.js';

/** Registers a reception hall in the caller's jurisdiction. */
@Injectable()
export class CreateHallUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: CreateHallRequest): Promise<HallResponse> {
    if (!coversDivision(principal, request.divisionCode)) {
      throw forbidden('不能在管辖范围以外设立接访厅');
    }
    const hall: ReceptionHallEntity = {
      id: randomUUID(),
      name: request.name,
      divisionCode: request.divisionCode,
      address: request.address ?? null,
      active: true,
      createdBy: principal.userId,
      createdAt: this.clock.now(),
    };
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(ReceptionHallEntity, hall);
      await this.audit.record(
        {
          action: 'hall.created',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'reception-hall', id: hall.id },
          divisionCode: hall.divisionCode,
          details: { name: hall.name },
        },
        tx,
      );
    });
    return toHallResponse(hall);
  }
}
