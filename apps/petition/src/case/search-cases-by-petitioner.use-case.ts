import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseSearchResult, SearchByPetitionerRequest } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { PersonalData } from '@minsheng/runtime';
import { CASE_LIST_COLUMNS, toCaseListItem, type CaseListRow } from './case.mapper.js';
import { divisionSubtree, SqlParams } from '@minsheng/persistence';

/**
 * A petitioner's cases, found by the keyed hash of the ID number staff typed. The number itself is
 * neither stored, logged nor audited: it only lives for the request.
 */
@Injectable()
export class SearchCasesByPetitionerUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly personalData: PersonalData,
  ) {}

  async execute(
    principal: Principal,
    request: SearchByPetitionerRequest,
  ): Promise<CaseSearchResult> {
    const params = new SqlParams();
    const hash = params.add(this.personalData.idNumberHash(request.idNumber));
    const visible = [divisionSubtree('division_code', principal.divisionCode, params)];
    if (principal.organId) visible.push(`lead_organ_id = ${params.add(principal.organId)}`);
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS} FROM petition_case
        WHERE petitioner_id_number_hash = ${hash} AND (${visible.join(' OR ')})
        ORDER BY registered_at DESC LIMIT ${request.limit}`,
      params.values,
    );
    const now = new Date();
    const items = rows.map((row) => toCaseListItem(row, now));
    await this.audit.record({
      action: 'case.searched',
      outcome: 'success',
      actor: actorOf(principal),
      details: { by: 'petitioner', caseIds: items.map((i) => i.id) },
    });
    return { items };
  }
}
