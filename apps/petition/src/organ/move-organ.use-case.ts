import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MoveOrganRequest, OrganResponse } from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { OrganAnnouncer } from './organ-announcer.js';
import { saveOrganChange } from './change-organ.js';
import { assertValidParent, findManagedOrgan } from './organ-admin.js';
import { toOrganResponse } from './organ.mapper.js';

/** Puts an organ under another parent: this changes who reviews its decisions (复查). */
@Injectable()
export class MoveOrganUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly announcer: OrganAnnouncer,
  ) {}

  async execute(
    administrator: Principal,
    id: string,
    request: MoveOrganRequest,
  ): Promise<OrganResponse> {
    const saved = await inTransaction(this.dataSource, async (tx) => {
      const organ = await findManagedOrgan(tx, administrator, id);
      await assertValidParent(tx, organ, request.parentId);
      const after = { ...organ, parentId: request.parentId, updatedAt: new Date() };
      return saveOrganChange(
        tx,
        { audit: this.audit, announcer: this.announcer },
        administrator,
        'organ.moved',
        organ,
        after,
      );
    });
    return toOrganResponse(saved);
  }
}
