export interface EnvIssue {
  variable: string;
  message: string;
}

/** Thrown at boot when the environment is invalid; lists every violation, never a value. */
export class EnvValidationError extends Error {
  constructor(readonly issues: EnvIssue[]) {
    super(
      `Invalid environment (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'),
    );
    this.name = 'EnvValidationError';
  }
}
