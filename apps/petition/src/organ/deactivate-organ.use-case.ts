import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeactivateOrganRequest, OrganResponse } from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { OrganAnnouncer } from './organ-announcer.js';
import { saveOrganChange } from './change-organ.js';
import { findManagedOrgan } from './organ-admin.js';
import { OrganEntity } from './organ.entity.js';
import { organHasActiveChildren } from './organ.errors.js';
import { toOrganResponse } from './organ.mapper.js';

/**
 * Takes an organ out of use: nothing new is routed to it. Its cases stay where they are (the
 * record of who handled what must not change), so it is never deleted.
 */
@Injectable()
export class DeactivateOrganUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly announcer: OrganAnnouncer,
  ) {}

  async execute(
    administrator: Principal,
    id: string,
    request: DeactivateOrganRequest,
  ): Promise<OrganResponse> {
    const saved = await inTransaction(this.dataSource, async (tx) => {
      const organ = await findManagedOrgan(tx, administrator, id);
      if (!organ.active) return organ;
      if (await tx.existsBy(OrganEntity, { parentId: id, active: true })) {
        throw organHasActiveChildren();
      }
      const after = { ...organ, active: false, updatedAt: new Date() };
      return saveOrganChange(
        tx,
        { audit: this.audit, announcer: this.announcer },
        administrator,
        'organ.deactivated',
        organ,
        after,
        {
          reason: request.reason,
        },
      );
    });
    return toOrganResponse(saved);
  }
}
