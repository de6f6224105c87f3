import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CreateOrganRequest, OrganResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { assertManagesDivision, assertValidParent } from './organ-admin.js';
import { OrganAnnouncer } from './organ-announcer.js';
import { OrganEntity } from './organ.entity.js';
import { organIdTaken } from './organ.errors.js';
import { toOrganResponse } from './organ.mapper.js';

/** The system administrator adds an organ to the tree (三员分立: their work, no one else's). */
@Injectable()
export class CreateOrganUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly announcer: OrganAnnouncer,
  ) {}

  async execute(administrator: Principal, request: CreateOrganRequest): Promise<OrganResponse> {
    assertManagesDivision(administrator, request.divisionCode);
    const now = new Date();
    const organ: OrganEntity = {
      id: request.id ?? `${request.divisionCode}-org-${randomBytes(3).toString('hex')}`,
      name: request.name,
      kind: request.kind,
      divisionCode: request.divisionCode,
      parentId: request.parentId,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await inTransaction(this.dataSource, async (tx) => {
        await assertValidParent(tx, organ, organ.parentId);
        await tx.insert(OrganEntity, organ);
        await this.audit.record(
          {
            action: 'organ.created',
            outcome: 'success',
            actor: actorOf(administrator),
            target: { type: 'organ', id: organ.id },
            divisionCode: organ.divisionCode,
            details: { after: toOrganResponse(organ) },
          },
          tx,
        );
        await this.announcer.changed(tx, organ);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw organIdTaken(organ.id);
      throw error;
    }
    return toOrganResponse(organ);
  }
}
