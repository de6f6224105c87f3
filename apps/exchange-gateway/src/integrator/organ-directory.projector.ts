import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  organChangedEvent,
  organDirectoryAnnouncedEvent,
  type EventData,
  type EventEnvelope,
  type OrganRecord,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';

/**
 * Keeps the gateway's copy of the organ directory: an organ's newest state by `updatedAt`, so a
 * snapshot announced at petition's start never undoes a later change that arrived first.
 */
@Injectable()
export class OrganDirectoryProjector {
  @OnEvent(organChangedEvent)
  async changed(
    event: EventEnvelope<EventData<typeof organChangedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    await upsert(tx, [event.data]);
  }

  @OnEvent(organDirectoryAnnouncedEvent)
  async announced(
    event: EventEnvelope<EventData<typeof organDirectoryAnnouncedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    await upsert(tx, event.data.organs);
  }
}

async function upsert(tx: EntityManager, organs: OrganRecord[]): Promise<void> {
  if (organs.length === 0) return;
  await tx.query(
    `INSERT INTO organ_directory (organ_id, name, kind, division_code, parent_id, active, updated_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(
       "organId" text, name text, kind text, "divisionCode" text, "parentId" text, active boolean,
       "updatedAt" timestamptz)
     ON CONFLICT (organ_id) DO UPDATE SET
       name = EXCLUDED.name, kind = EXCLUDED.kind, division_code = EXCLUDED.division_code,
       parent_id = EXCLUDED.parent_id, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
     WHERE organ_directory.updated_at <= EXCLUDED.updated_at`,
    [JSON.stringify(organs)],
  );
}
