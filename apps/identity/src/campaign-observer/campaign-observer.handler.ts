import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  campaignClosedEvent,
  campaignParticipantInvitedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { StaffAccountEntity } from '../account/staff-account.entity.js';
import { IdentityAudit } from '../identity-audit.js';
import { revokeSessions } from '../session/session-revocation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Keeps, per observer account, the campaigns it was invited to and which of them have closed; an
 * account that is an observer only is disabled — like an administrator disables one: sessions
 * revoked, login refused — once every campaign it was invited to has closed. An account with any
 * other role is never touched, and nothing here enables an account again: a new invitation to a
 * disabled observer needs the security administrator.
 *
 * Each event is applied in the inbox's transaction, so a redelivery changes nothing. The two
 * subjects are consumed independently, so either may arrive first; both lock the account row, so
 * a close never decides while an invitation to the same account is being written, and a close
 * names the observers another open campaign still invited when it was closed, so an invitation
 * still queued behind it does not count as missing. An invitation petition commits after the close
 * is after it here too: the account stays disabled, as for any invitation to a disabled observer.
 */
@Injectable()
export class CampaignObserverHandler {
  private readonly logger = new Logger(CampaignObserverHandler.name);

  constructor(private readonly audit: IdentityAudit) {}

  @OnEvent(campaignParticipantInvitedEvent)
  async invited(
    event: EventEnvelope<EventData<typeof campaignParticipantInvitedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const { accountId, campaignId, invitedAt } = event.data;
    await this.lockAccount(tx, accountId);
    // A close applied first has already recorded the campaign as closed: keep that.
    await tx.query(
      `INSERT INTO observer_campaign (account_id, campaign_id, invited_at) VALUES ($1, $2, $3)
       ON CONFLICT (account_id, campaign_id) DO UPDATE SET invited_at = EXCLUDED.invited_at`,
      [accountId, campaignId, new Date(invitedAt)],
    );
  }

  @OnEvent(campaignClosedEvent)
  async closed(
    event: EventEnvelope<EventData<typeof campaignClosedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const { campaignId, closedAt } = event.data;
    // Petition saw another open campaign still inviting these when it closed this one; their
    // invitation may be queued behind this close here, so this close cannot be their last.
    const stillInvited = new Set(event.data.observersStillInvited);
    // In one order everywhere, so two replicas closing two campaigns cannot deadlock.
    for (const accountId of [...new Set(event.data.observerAccountIds)].sort()) {
      const account = await this.lockAccount(tx, accountId);
      await tx.query(
        `INSERT INTO observer_campaign (account_id, campaign_id, closed_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, campaign_id)
         DO UPDATE SET closed_at = COALESCE(observer_campaign.closed_at, EXCLUDED.closed_at)`,
        [accountId, campaignId, new Date(closedAt)],
      );
      if (account && !stillInvited.has(accountId)) {
        await this.disableWhenDone(tx, account, campaignId);
      }
    }
  }

  /** The identity account the id names, locked; null for ids this identity does not hold. */
  private async lockAccount(tx: EntityManager, id: string): Promise<StaffAccountEntity | null> {
    if (!UUID.test(id)) return null;
    return tx.findOne(StaffAccountEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async disableWhenDone(
    tx: EntityManager,
    account: StaffAccountEntity,
    campaignId: string,
  ): Promise<void> {
    const observerOnly = account.roles.length === 1 && account.roles[0] === 'observer';
    if (!observerOnly || account.status !== 'active') return;
    const [open] = await tx.query<Array<{ campaign_id: string }>>(
      `SELECT campaign_id FROM observer_campaign WHERE account_id = $1 AND closed_at IS NULL LIMIT 1`,
      [account.id],
    );
    if (open) return;
    await tx.update(StaffAccountEntity, { id: account.id }, { status: 'disabled' });
    const sessionsRevoked = await revokeSessions(tx, { accountId: account.id }, 'account-disabled');
    await this.audit.accountChanged(
      'system',
      'account.updated',
      account,
      {
        before: { status: account.status },
        after: { status: 'disabled' },
        reason: 'campaign closed',
        campaignId,
        sessionsRevoked,
      },
      tx,
    );
    this.logger.log(
      { accountId: account.id, campaignId, sessionsRevoked },
      'observer account disabled: all of its campaigns have closed',
    );
  }
}
