import { COUNTY, PROVINCE, type ThreeTierNetwork } from '@minsheng/service-harness';
import { roadDamage } from '@minsheng/testing';
import type { LoadTarget } from './load.js';

/**
 * Citizens submitting at the province complaints about the county (each travels province → city
 * → county, its status back up), and county staff moving the resulting cases on (transfer, then
 * accept), so status reports queue on the county's side of a cut too.
 */
export function networkTarget(network: ThreeTierNetwork): LoadTarget {
  const cases = network.quotedSchema(COUNTY, 'petition');
  return {
    divisionCode: COUNTY,
    intakeUrl: () => network.url(PROVINCE, 'complaint-intake'),
    petitionUrl: () => network.url(COUNTY, 'petition'),
    staffTokens: async () => ({
      clerk: await network.token({ role: 'clerk', division: COUNTY, organ: `${COUNTY}-xfj` }),
      handler: await network.token({ role: 'handler', division: COUNTY, organ: `${COUNTY}-zjj` }),
    }),
    openCases: (limit) =>
      network.query<{ petition_number: string; status: string }>(
        `SELECT petition_number, status FROM ${cases}.petition_case
          WHERE status IN ('registered', 'transferred') ORDER BY random() LIMIT ${limit}`,
      ),
    leadOrganId: `${COUNTY}-zjj`,
    workflowPauseMs: 500,
    casesPerRound: 3,
    matter: roadDamage,
  };
}
