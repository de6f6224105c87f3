import type { z } from 'zod';
import { EnvValidationError } from './env-validation.error.js';

/**
 * Parses `env` against `schema` and returns the typed result. All violations are reported together;
 * messages come from the schema, so values (which may be secrets) never reach the output.
 */
export function loadEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const result = schema.safeParse(env, { reportInput: false });
  if (result.success) return result.data;
  throw new EnvValidationError(
    result.error.issues.map((issue) => ({
      variable: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  );
}
