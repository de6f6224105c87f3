import { z } from 'zod';

/** A contract schema as an OpenAPI 3.1 (JSON Schema 2020-12) object for @ApiBody/@ApiResponse. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}
