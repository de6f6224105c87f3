import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '@minsheng/auth';
import { isWithinJurisdiction, parentDivisionCode } from '@minsheng/domain';
import { OrganEntity } from './organ.entity.js';
import { organInactive, unknownOrgan } from './organ.errors.js';

/** The divisions above `code`, nearest first (`510104` → `510100`, `510000`). */
export function ancestorDivisions(code: string): string[] {
  const result: string[] = [];
  for (let p = parentDivisionCode(code); p !== null; p = parentDivisionCode(p)) result.push(p);
  return result;
}

/**
 * Staff see the organs of their own jurisdiction and those above it (the organs they transfer to
 * and name for review), never a neighbouring county's.
 */
export function organVisibleTo(principal: Principal, organDivision: string): boolean {
  return (
    isWithinJurisdiction(principal.divisionCode, organDivision) ||
    isWithinJurisdiction(organDivision, principal.divisionCode)
  );
}

/** Lookups in the organ tree, for the workflow and the organ API. */
@Injectable()
export class OrganDirectory {
  private readonly logger = new Logger(OrganDirectory.name);

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The office that registers what arrives from another service (intake, the message boards):
   * the nearest petition office, or — never lose a matter for want of an organ — the division's
   * conventional office id, which the system administrator can create with that id.
   */
  async registeringOfficeFor(divisionCode: string, manager?: EntityManager): Promise<string> {
    const office = await this.petitionOfficeFor(divisionCode, manager);
    if (office) return office;
    const conventional = `${divisionCode}-xfj`;
    this.logger.warn(
      { divisionCode, office: conventional },
      'no petition office for the division: registered to its conventional id',
    );
    return conventional;
  }

  find(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganEntity | null> {
    return manager.findOneBy(OrganEntity, { id });
  }

  /** The organ, which must exist and be in use (400 otherwise: it came from the request). */
  async requireActive(id: string, manager?: EntityManager): Promise<OrganEntity> {
    const organ = await this.find(id, manager);
    if (!organ) throw unknownOrgan(id);
    if (!organ.active) throw organInactive(id);
    return organ;
  }

  /** The nearest petition office (信访工作机构) at or above a division, or `null`. */
  async petitionOfficeFor(
    divisionCode: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | null> {
    const divisions = [divisionCode, ...ancestorDivisions(divisionCode)];
    const [row] = await manager.query(
      `SELECT id FROM organ WHERE kind = 'petition-office' AND active AND division_code = ANY($1)
        ORDER BY division_code DESC, id LIMIT 1`,
      [divisions],
    );
    return (row?.id as string | undefined) ?? null;
  }

  /** The organ above (上一级), which reviews; `null` for an unknown organ or the top. */
  async parentOf(id: string, manager?: EntityManager): Promise<string | null> {
    return (await this.find(id, manager))?.parentId ?? null;
  }

  /** Names by id, for notices; unknown ids are left out. */
  async names(
    ids: Array<string | null>,
    manager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return new Map();
    const organs = await manager.findBy(OrganEntity, { id: In(wanted) });
    return new Map(organs.map((o) => [o.id, o.name]));
  }
}
