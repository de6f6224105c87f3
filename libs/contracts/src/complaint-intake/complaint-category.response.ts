import { z } from 'zod';

const category = z.object({
  code: z.string(),
  name: z.string(),
});

/** `GET /api/v1/categories`: the taxonomy citizens choose from, two levels, in display order. */
export const complaintCategoriesResponseSchema = z.object({
  categories: z.array(category.extend({ children: z.array(category) })),
});
export type ComplaintCategoriesResponse = z.output<typeof complaintCategoriesResponseSchema>;
