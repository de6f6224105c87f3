import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { complaintSubmittedEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { SYSTEM_ACTOR } from '@minsheng/audit';
import { OnEvent } from '@minsheng/messaging';
import { OrganDirectory } from '../organ/organ-directory.js';
import { CaseRegistrar } from './case-registrar.js';

/** 登记: every complaint submitted online becomes a numbered petition case. */
@Injectable()
export class RegisterCaseFromComplaintUseCase {
  constructor(
    private readonly registrar: CaseRegistrar,
    private readonly organs: OrganDirectory,
  ) {}

  @OnEvent(complaintSubmittedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof complaintSubmittedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const complaint = event.data;
    const addressee = complaint.channel === 'leader-mailbox' ? (complaint.addressee ?? null) : null;
    // 领导信箱: the leader's team registers it, so it lands in their queue first.
    const office = addressee
      ? await this.mailboxTeam(addressee.teamOrganId, addressee.divisionCode, tx)
      : await this.organs.registeringOfficeFor(complaint.divisionCode, tx);
    await this.registrar.register(tx, {
      sourceComplaintId: complaint.complaintId,
      addressee,
      kind: complaint.kind,
      channel: addressee ? 'leader-mailbox' : 'online',
      categoryCode: complaint.categoryCode,
      title: complaint.title,
      content: complaint.content,
      address: complaint.address,
      attachments: complaint.attachments,
      replyPublicConsent: complaint.replyPublicConsent,
      divisionCode: complaint.divisionCode,
      registeringOrganId: office,
      petitioner: complaint.petitioner,
      actor: { kind: 'system' },
      auditActor: SYSTEM_ACTOR,
      correlationId: event.correlationId,
    });
  }

  /** The mailbox's team, or — never lose a matter for want of an organ — its tier's office. */
  private async mailboxTeam(
    teamOrganId: string,
    divisionCode: string,
    tx: EntityManager,
  ): Promise<string> {
    const team = await this.organs.find(teamOrganId, tx);
    return team?.active ? team.id : this.organs.registeringOfficeFor(divisionCode, tx);
  }
}
