import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AccessCase, InProcessService } from '@minsheng/service-harness';

const registration = {
  name: '12345 热线',
  scopes: ['complaints:submit'],
  allowedDivisions: ['510104'],
};

async function newClient(service: InProcessService): Promise<string> {
  const response = await service.http.inject({
    method: 'POST',
    url: '/exchange/v1/admin/clients',
    headers: { authorization: `Bearer ${await service.keys.token('system-admin', '510000')}` },
    payload: registration,
  });
  return (response.json() as { clientId: string }).clientId;
}

/** A delivery in the dead letters, written directly: the replay case needs one. */
async function deadDelivery(service: InProcessService): Promise<string> {
  const clientId = await newClient(service);
  const s = service.schema.name;
  const db = service.app.get(DataSource);
  const subscriptionId = randomUUID();
  const deliveryId = randomUUID();
  await db.query(
    `INSERT INTO "${s}".webhook_subscription (id, client_id, url, event_types, active, created_at)
     VALUES ($1, $2, 'https://hooks.example.com/x', ARRAY['*'], false, now())`,
    [subscriptionId, clientId],
  );
  await db.query(
    `INSERT INTO "${s}".webhook_delivery (id, subscription_id, client_id, event_id, event_type, payload, status, attempts, created_at)
     VALUES ($1, $2, $3, $4, 'complaint.submitted', '{}'::jsonb, 'dead', 3, now())`,
    [deliveryId, subscriptionId, clientId, randomUUID()],
  );
  return deliveryId;
}

/** The staff routes of the integrator API (system administrator only). */
export const integratorAccessCases: Record<string, AccessCase> = {
  'POST /exchange/v1/admin/clients': async () => ({
    kind: 'http',
    method: 'POST',
    url: '/exchange/v1/admin/clients',
    payload: registration,
    allowedStatus: 201,
  }),
  'GET /exchange/v1/admin/clients': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/exchange/v1/admin/clients',
  }),
  'POST /exchange/v1/admin/clients/:clientId/rotate-secret': async (service) => ({
    kind: 'http',
    method: 'POST',
    url: `/exchange/v1/admin/clients/${await newClient(service)}/rotate-secret`,
    allowedStatus: 201,
  }),
  'POST /exchange/v1/admin/clients/:clientId/disable': async (service) => ({
    kind: 'http',
    method: 'POST',
    url: `/exchange/v1/admin/clients/${await newClient(service)}/disable`,
    allowedStatus: 201,
  }),
  'GET /exchange/v1/admin/webhook-deliveries/dead': async () => ({
    kind: 'http',
    method: 'GET',
    url: '/exchange/v1/admin/webhook-deliveries/dead',
  }),
  'POST /exchange/v1/admin/webhook-deliveries/:id/replay': async (service) => ({
    kind: 'http',
    method: 'POST',
    url: `/exchange/v1/admin/webhook-deliveries/${await deadDelivery(service)}/replay`,
    allowedStatus: 201,
  }),
};
