import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganResponse, RenameOrganRequest } from '@minsheng/contracts';
import { AuditTrail } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { OrganAnnouncer } from './organ-announcer.js';
import { saveOrganChange } from './change-organ.js';
import { findManagedOrgan } from './organ-admin.js';
import { toOrganResponse } from './organ.mapper.js';

@Injectable()
export class RenameOrganUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly announcer: OrganAnnouncer,
  ) {}

  async execute(
    administrator: Principal,
    id: string,
    request: RenameOrganRequest,
  ): Promise<OrganResponse> {
    const saved = await inTransaction(this.dataSource, async (tx) => {
      const organ = await findManagedOrgan(tx, administrator, id);
      const after = { ...organ, name: request.name, updatedAt: new Date() };
      return saveOrganChange(
        tx,
        { audit: this.audit, announcer: this.announcer },
        administrator,
        'organ.renamed',
        organ,
        after,
      );
    });
    return toOrganResponse(saved);
  }
}
