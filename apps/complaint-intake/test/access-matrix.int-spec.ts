import {
  describeAccessMatrix,
  serviceCoreCases,
  type InProcessService,
} from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';
import { multipart } from './support/multipart.js';
import * as samples from './support/sample-files.js';

/** One complaint of 510104 with one attachment, for the staff routes that read it. */
const withAttachment = new WeakMap<
  InProcessService,
  Promise<{ complaintId: string; attachmentId: string }>
>();
function attachmentOf(service: InProcessService) {
  if (!withAttachment.has(service)) {
    withAttachment.set(
      service,
      (async () => {
        const { payload, headers } = multipart([
          { name: 'complaint', value: JSON.stringify(complaintBody({ divisionCode: '510104' })) },
          { name: 'attachments', filename: 'a.png', content: samples.png() },
        ]);
        const submitted = await service.http.inject({
          method: 'POST',
          url: '/api/v1/complaints',
          headers,
          payload,
        });
        const [row] = await service.schema.query<{ complaint_id: string; id: string }>(
          `SELECT a.complaint_id, a.id FROM complaint_attachment a JOIN complaint c ON c.id = a.complaint_id
            WHERE c.tracking_code = $1`,
          [submitted.json().trackingCode],
        );
        return { complaintId: row.complaint_id, attachmentId: row.id };
      })(),
    );
  }
  return withAttachment.get(service)!;
}

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('complaint-intake'),
    'GET /api/v1/staff/complaints/:complaintId/attachments/:attachmentId': async (service) => {
      const { complaintId, attachmentId } = await attachmentOf(service);
      return {
        kind: 'http',
        method: 'GET',
        url: `/api/v1/staff/complaints/${complaintId}/attachments/${attachmentId}`,
        recordDivision: '510104',
      };
    },
    'GET /api/v1/leader-mailboxes/configured': async () => ({
      kind: 'http',
      method: 'GET',
      url: '/api/v1/leader-mailboxes/configured',
    }),
    'POST /api/v1/leader-mailboxes': async () => ({
      kind: 'http',
      method: 'POST',
      url: '/api/v1/leader-mailboxes',
      allowedStatus: 201,
      payload: {
        id: '510104-deputy-head',
        divisionCode: '510104',
        post: 'government-head',
        title: '锦江区常务副区长信箱',
        teamOrganId: '510104-xfj',
      },
    }),
    'PATCH /api/v1/leader-mailboxes/:mailboxId': async () => ({
      kind: 'http',
      method: 'PATCH',
      url: '/api/v1/leader-mailboxes/510104-government-head',
      payload: { leaderName: '某某' },
      recordDivision: '510104',
    }),
  },
);
