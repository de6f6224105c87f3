import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import {
  campaignClosedEvent,
  campaignParticipantInvitedEvent,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { runServiceMigrations } from '@minsheng/persistence';
import { backingServices, uniqueSuffix, waitFor } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';
import { IdentityTestKit } from './support/identity-test-kit.js';

describe('identity: an observer account is disabled once all of its campaigns have closed', () => {
  let kit: IdentityTestKit;
  let nc: NatsConnection;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
    nc = await connect({ servers: backingServices().natsUrl });
  });

  afterAll(async () => {
    await nc?.close();
    await kit?.stop();
  });

  /** Publishes as petition's relay would; a new `msgId` for an old event id is a redelivery. */
  async function publish<E extends EventDefinition>(
    event: E,
    data: EventData<E>,
    { eventId = randomUUID(), msgId }: { eventId?: string; msgId?: string } = {},
  ): Promise<string> {
    const envelope: EventEnvelope = {
      eventId,
      type: event.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510100',
      correlationId: randomUUID(),
      data,
    };
    await jetstream(nc).publish(
      wireNames.event(kit.service.namespace, event.subject),
      JSON.stringify(envelope),
      { msgID: msgId ?? eventId },
    );
    return eventId;
  }

  const handled = (eventId: string) =>
    waitFor(
      async () =>
        (await kit.service.schema.count('inbox', 'event_id = $1', [eventId])) > 0
          ? true
          : undefined,
      { what: `event ${eventId} handled` },
    );

  /** Every message on the closed-event consumer acknowledged (applied or found in the inbox). */
  const closedConsumerIdle = async () => {
    const jsm = await jetstreamManager(nc);
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(
          wireNames.ownerStream(kit.service.namespace, 'petition'),
          wireNames.durable('identity', campaignClosedEvent.subject),
        );
        return info.num_pending + info.num_ack_pending === 0 ? true : undefined;
      },
      { what: 'closed events acknowledged' },
    );
  };

  const invite = (campaignId: string, accountId: string) =>
    publish(campaignParticipantInvitedEvent, {
      campaignId,
      divisionCode: '510100',
      accountId,
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      invitedAt: new Date().toISOString(),
    });

  const close = (
    campaignId: string,
    observerAccountIds: string[],
    { eventId, stillInvited = [] }: { eventId?: string; stillInvited?: string[] } = {},
  ) =>
    publish(
      campaignClosedEvent,
      {
        campaignId,
        divisionCode: '510100',
        closedAt: new Date().toISOString(),
        observerAccountIds,
        observersStillInvited: stillInvited,
      },
      { eventId },
    );

  const statusOf = async (id: string) =>
    (
      await kit.service.schema.query<{ status: string }>(
        'SELECT status FROM staff_account WHERE id = $1',
        [id],
      )
    )[0].status;

  const systemDisables = (id: string) =>
    kit.service.schema.query<{ actor_id: string; details: Record<string, unknown> }>(
      `SELECT actor_id, details FROM audit_record WHERE action = 'account.updated' AND target_id = $1`,
      [id],
    );

  it('keeps an observer invited to two campaigns active until the second closes, never touches another role, and ignores a redelivery', async () => {
    const observer = await kit.createStaff({ roles: ['observer'], divisionCode: '510100' });
    const clerk = await kit.createStaff({ roles: ['clerk'], divisionCode: '510100' });
    const session = await kit.loggedIn(observer);
    const first = randomUUID();
    const second = randomUUID();
    for (const eventId of [
      await invite(first, observer.id),
      await invite(second, observer.id),
      await invite(first, clerk.id),
      // Petition accepts any account id; one this identity does not hold is passed over.
      await invite(first, 'journalist-li'),
    ]) {
      await handled(eventId);
    }

    await handled(await close(first, [observer.id, clerk.id, 'journalist-li', randomUUID()]));
    expect(await statusOf(observer.id)).toBe('active');
    expect(await statusOf(clerk.id)).toBe('active');
    expect((await kit.refresh(session.refreshToken)).statusCode).toBe(200);

    const closedSecond = await close(second, [observer.id]);
    await handled(closedSecond);
    expect(await statusOf(observer.id)).toBe('disabled');
    expect((await kit.login(observer)).statusCode).toBe(401);
    const sessions = await kit.service.schema.query<{ revoked_reason: string }>(
      'SELECT revoked_reason FROM staff_session WHERE account_id = $1',
      [observer.id],
    );
    expect(sessions).toEqual([{ revoked_reason: 'account-disabled' }]);
    const audit = await systemDisables(observer.id);
    expect(audit).toEqual([
      {
        actor_id: 'system',
        details: {
          before: { status: 'active' },
          after: { status: 'disabled' },
          reason: 'campaign closed',
          campaignId: second,
          sessionsRevoked: 1,
        },
      },
    ]);
    expect(await statusOf(clerk.id)).toBe('active');
    expect(await systemDisables(clerk.id)).toEqual([]);

    // The same event delivered again: the inbox has it, nothing more happens.
    await publish(
      campaignClosedEvent,
      {
        campaignId: second,
        divisionCode: '510100',
        closedAt: new Date().toISOString(),
        observerAccountIds: [observer.id],
        observersStillInvited: [],
      },
      { eventId: closedSecond, msgId: `${closedSecond}:again` },
    );
    await closedConsumerIdle();
    expect(await kit.service.schema.count('inbox', 'event_id = $1', [closedSecond])).toBe(1);
    expect(await systemDisables(observer.id)).toHaveLength(1);
    expect(await statusOf(observer.id)).toBe('disabled');
  });

  it('disables an observer whose campaign’s close is consumed before its invitation', async () => {
    const observer = await kit.createStaff({ roles: ['observer'], divisionCode: '510100' });
    const campaign = randomUUID();
    await handled(await close(campaign, [observer.id]));
    expect(await statusOf(observer.id)).toBe('disabled');
    await handled(await invite(campaign, observer.id));
    const rows = await kit.service.schema.query<{ closed_at: Date | null }>(
      'SELECT closed_at FROM observer_campaign WHERE account_id = $1',
      [observer.id],
    );
    expect(rows).toEqual([{ closed_at: expect.any(Date) }]);
    expect(await systemDisables(observer.id)).toHaveLength(1);
  });

  it('keeps an observer active when a close that petition knew was not its last arrives before the other campaign’s invitation', async () => {
    const observer = await kit.createStaff({ roles: ['observer'], divisionCode: '510100' });
    const [first, second] = [randomUUID(), randomUUID()];
    await handled(await invite(first, observer.id));
    // Petition invited the observer to `second` before closing `first`; that invitation has not
    // been consumed here yet.
    await handled(await close(first, [observer.id], { stillInvited: [observer.id] }));
    expect(await statusOf(observer.id)).toBe('active');
    expect(await systemDisables(observer.id)).toEqual([]);

    await handled(await invite(second, observer.id));
    await handled(await close(second, [observer.id]));
    expect(await statusOf(observer.id)).toBe('disabled');
    expect(await systemDisables(observer.id)).toHaveLength(1);
  });

  it('migrates the observer campaigns table up and back down', async () => {
    const schema = `t_${uniqueSuffix()}_identity_migrations`;
    const client = new pg.Client({ connectionString: backingServices().databaseUrl });
    await client.connect();
    const migrate = (direction: 'up' | 'down') =>
      runServiceMigrations(
        {
          url: backingServices().databaseUrl,
          schema,
          entities,
          migrations,
          applicationName: 'test',
        },
        direction,
      );
    const tables = async () =>
      (
        await client.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
          [schema],
        )
      ).rows.map((r) => r.table_name);
    try {
      await migrate('up');
      expect(await tables()).toEqual(
        expect.arrayContaining(['observer_campaign', 'staff_account']),
      );
      await migrate('down');
      const after = await tables();
      expect(after).not.toContain('observer_campaign');
      expect(after).toContain('staff_account');
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });
});
