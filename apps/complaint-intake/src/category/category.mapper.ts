import type { ComplaintCategoriesResponse } from '@minsheng/contracts';
import type { ComplaintCategoryEntity } from './complaint-category.entity.js';

/** Active areas with their active topics, both in display order. */
export function toCategoriesResponse(rows: ComplaintCategoryEntity[]): ComplaintCategoriesResponse {
  const sorted = rows.filter((r) => r.active).sort((a, b) => a.sortOrder - b.sortOrder);
  return {
    categories: sorted
      .filter((r) => r.parentCode === null)
      .map((area) => ({
        code: area.code,
        name: area.name,
        children: sorted
          .filter((r) => r.parentCode === area.code)
          .map((topic) => ({ code: topic.code, name: topic.name })),
      })),
  };
}
