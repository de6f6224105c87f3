import type { ChangeItem } from '@minsheng/contracts';
import {
  allowsDivision,
  seesWholeInstance,
  type IntegratorCaller,
} from '../integrator/integrator-client.js';
import type { ExchangeChangeEntity } from './exchange-change.entity.js';

type Viewer = Pick<IntegratorCaller, 'clientId' | 'scopes' | 'allowedDivisions'>;

/** Whether a client may see a change: in its divisions, and its own or it reads every case. */
export function canSee(viewer: Viewer, change: ExchangeChangeEntity): boolean {
  return (
    allowsDivision(viewer, change.divisionCode) &&
    (seesWholeInstance(viewer) || change.clientId === viewer.clientId)
  );
}

/** The feed entry as one client sees it: its own reference, nobody else's. */
export function toChangeItem(change: ExchangeChangeEntity, viewer: Viewer): ChangeItem {
  return {
    cursor: String(change.seq),
    eventId: change.eventId,
    type: change.type,
    occurredAt: change.occurredAt.toISOString(),
    divisionCode: change.divisionCode,
    reference: change.clientId === viewer.clientId ? change.reference : null,
    trackingCode: change.trackingCode,
    petitionNumber: change.petitionNumber,
    status: change.status,
    previousStatus: change.previousStatus,
    categoryCode: change.categoryCode,
    leadOrganId: change.leadOrganId,
    currentDeadline: change.currentDeadline,
  };
}
