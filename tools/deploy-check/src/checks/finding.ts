/** One problem found in a manifest: which object (or file), which rule, and what is wrong. */
export interface Finding {
  object: string;
  rule: string;
  message: string;
}

export const formatFindings = (findings: Finding[]): string =>
  findings.map((f) => `${f.object} [${f.rule}] ${f.message}`).join('\n');
