import { z } from 'zod';

/** `GET /exchange/v1/divisions`: the client's allowed divisions and their subtrees (GB/T 2260). */
export const divisionDirectorySchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      fullName: z.string(),
      tier: z.enum(['province', 'city', 'county']),
      parentCode: z.string().nullable(),
    }),
  ),
});
export type DivisionDirectory = z.output<typeof divisionDirectorySchema>;
