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

/** `GET /exchange/v1/organs`: the responsible organs of the client's divisions (active ones). */
export const organDirectorySchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['government', 'petition-office', 'department']),
      divisionCode: z.string(),
      parentId: z.string().nullable(),
    }),
  ),
});
export type OrganDirectory = z.output<typeof organDirectorySchema>;

export const organDirectoryQuerySchema = z.strictObject({
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
