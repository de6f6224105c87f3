import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { complaintSubmittedEvent, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import {
  describeAccessMatrix,
  serviceCoreCases,
  type InProcessService,
} from '@minsheng/service-harness';
import { backingServices, makeResidentIdNumber, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

/** Registers a case in county 510104 the way production does: from a submitted complaint. */
async function registeredCase(service: InProcessService): Promise<string> {
  const complaintId = randomUUID();
  const personalData = service.app.get(PersonalData);
  const idNumber = personalData.idNumber(makeResidentIdNumber());
  const phone = personalData.phone('13711112222');
  const envelope: EventEnvelope = {
    eventId: randomUUID(),
    type: complaintSubmittedEvent.subject,
    occurredAt: new Date().toISOString(),
    divisionCode: '510104',
    correlationId: randomUUID(),
    data: {
      complaintId,
      trackingCode: 'T0000000ACCS',
      kind: 'suggestion',
      title: '建议增设公交站',
      content: '建议在某路口增设公交站点。',
      divisionCode: '510104',
      submittedAt: new Date().toISOString(),
      petitioner: {
        name: '赵六',
        idNumberEncrypted: idNumber.encrypted,
        idNumberHash: idNumber.lookupHash,
        phoneEncrypted: phone.encrypted,
        phoneHash: phone.lookupHash,
      },
    },
  };
  const nc = await connect({ servers: backingServices().natsUrl });
  await jetstream(nc).publish(
    wireNames.event(service.namespace, complaintSubmittedEvent.subject),
    JSON.stringify(envelope),
  );
  await nc.close();
  const [row] = await waitFor(() =>
    service.schema
      .query<{ petition_number: string }>(
        'SELECT petition_number FROM petition_case WHERE source_complaint_id = $1',
        [complaintId],
      )
      .then((rows) => (rows.length ? rows : undefined)),
  );
  return row.petition_number;
}

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  {
    ...serviceCoreCases('petition'),
    'GET /api/v1/cases/:petitionNumber': async (service) => ({
      kind: 'http',
      method: 'GET',
      url: `/api/v1/cases/${await registeredCase(service)}`,
      recordDivision: '510104',
    }),
  },
);
