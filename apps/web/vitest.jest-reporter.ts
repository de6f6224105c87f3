import { JsonReporter } from 'vitest/reporters';

/**
 * Vitest's JSON report in the shape tools/dev/test.mjs sums for every project (Jest's): Vitest
 * has no `numRuntimeErrorTestSuites`, so a file that failed to load (no test ran) is counted here.
 */
export default class JestCompatibleJsonReporter extends JsonReporter {
  override async writeReport(report: string): Promise<void> {
    const result = JSON.parse(report) as {
      testResults: { status: string; assertionResults: unknown[] }[];
      numRuntimeErrorTestSuites?: number;
    };
    result.numRuntimeErrorTestSuites = result.testResults.filter(
      (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
    ).length;
    await super.writeReport(JSON.stringify(result));
  }
}
