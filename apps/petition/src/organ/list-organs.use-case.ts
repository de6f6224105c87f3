import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListOrgansQuery, OrganListResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { OrganEntity } from './organ.entity.js';
import { organVisibleTo } from './organ-directory.js';
import { toOrganResponse } from './organ.mapper.js';

/** The organs a staff member may see and route to, as a flat list that forms a tree. */
@Injectable()
export class ListOrgansUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, query: ListOrgansQuery): Promise<OrganListResponse> {
    const builder = this.dataSource
      .getRepository(OrganEntity)
      .createQueryBuilder('o')
      .orderBy('o.divisionCode')
      .addOrderBy('o.id');
    if (!query.includeInactive) builder.andWhere('o.active');
    if (query.divisionCode) builder.andWhere('o.divisionCode = :d', { d: query.divisionCode });
    if (query.kind) builder.andWhere('o.kind = :k', { k: query.kind });
    // An instance has hundreds of organs at most: filtering visibility here keeps the SQL simple.
    const organs = (await builder.getMany()).filter((o) =>
      organVisibleTo(principal, o.divisionCode),
    );
    return { items: organs.map(toOrganResponse) };
  }
}
