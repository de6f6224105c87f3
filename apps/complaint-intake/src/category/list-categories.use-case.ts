import { Injectable } from '@nestjs/common';
import type { ComplaintCategoriesResponse } from '@minsheng/contracts';
import { CategoryCatalog } from './category-catalog.js';
import { toCategoriesResponse } from './category.mapper.js';

@Injectable()
export class ListCategoriesUseCase {
  constructor(private readonly catalog: CategoryCatalog) {}

  async execute(): Promise<ComplaintCategoriesResponse> {
    return toCategoriesResponse(await this.catalog.all());
  }
}
