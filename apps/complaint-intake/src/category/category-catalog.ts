import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntakeErrorCodes } from '@minsheng/contracts';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { ComplaintCategoryEntity } from './complaint-category.entity.js';

/**
 * The taxonomy as stored. A few dozen rows read on every submission cost two round trips each
 * time, so they are kept in memory for CATEGORY_CACHE_SECONDS: a change made in the table shows
 * within that time.
 */
@Injectable()
export class CategoryCatalog {
  private cached?: { rows: Map<string, ComplaintCategoryEntity>; until: number };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  async all(): Promise<ComplaintCategoryEntity[]> {
    return [...(await this.rows()).values()];
  }

  /** The active category with this code; a retired or unknown one (or one under a retired area) is refused. */
  async require(code: string): Promise<ComplaintCategoryEntity> {
    const rows = await this.rows();
    const category = rows.get(code);
    const parentActive = !category?.parentCode || rows.get(category.parentCode)?.active === true;
    if (!category?.active || !parentActive) {
      throw new BadRequestException({
        code: IntakeErrorCodes.unknownCategory,
        message: '未知的投诉类别',
        fields: [
          {
            path: 'categoryCode',
            code: IntakeErrorCodes.unknownCategory,
            message: '未知的投诉类别',
          },
        ],
      });
    }
    return category;
  }

  private async rows(): Promise<Map<string, ComplaintCategoryEntity>> {
    if (this.cached && Date.now() < this.cached.until) return this.cached.rows;
    const rows = await this.dataSource.getRepository(ComplaintCategoryEntity).find();
    const byCode = new Map(rows.map((r) => [r.code, r]));
    this.cached = { rows: byCode, until: Date.now() + this.config.CATEGORY_CACHE_SECONDS * 1000 };
    return byCode;
  }
}
