import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseDetailResponse, RegisterCaseRequest } from '@minsheng/contracts';
import { actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { isWithinJurisdiction } from '@minsheng/domain';
import { inTransaction } from '@minsheng/persistence';
import { PersonalData } from '@minsheng/runtime';
import { OrganDirectory } from '../organ/organ-directory.js';
import { notPermitted, organRequired } from './case.errors.js';
import { CaseRegistrar } from './case-registrar.js';
import { CaseDetailReader } from './case-detail.reader.js';

/** 登记 by a clerk: a letter, a visit, a call, a video reception or a message-board post. */
@Injectable()
export class RegisterCaseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registrar: CaseRegistrar,
    private readonly organs: OrganDirectory,
    private readonly personalData: PersonalData,
    private readonly details: CaseDetailReader,
  ) {}

  async execute(principal: Principal, request: RegisterCaseRequest): Promise<CaseDetailResponse> {
    if (!principal.organId) throw organRequired();
    const organ = await this.organs.requireActive(principal.organId);
    if (
      !coversDivision(principal, request.divisionCode) ||
      !isWithinJurisdiction(organ.divisionCode, request.divisionCode)
    ) {
      throw notPermitted('只能登记本单位所辖行政区划内的信访事项');
    }
    const idNumber = this.personalData.idNumber(request.petitioner.idNumber);
    const phone = this.personalData.phone(request.petitioner.phone);
    const entity = await inTransaction(this.dataSource, (tx) =>
      this.registrar.register(tx, {
        sourceComplaintId: null,
        kind: request.kind,
        channel: request.channel,
        categoryCode: request.categoryCode ?? null,
        title: request.title,
        content: request.content,
        address: request.address ?? null,
        attachments: [],
        replyPublicConsent: false,
        divisionCode: request.divisionCode,
        registeringOrganId: organ.id,
        petitioner: {
          name: request.petitioner.name,
          idNumberEncrypted: idNumber.encrypted,
          idNumberHash: idNumber.lookupHash,
          phoneEncrypted: phone.encrypted,
          phoneHash: phone.lookupHash,
        },
        actor: principal,
        auditActor: actorOf(principal),
      }),
    );
    return this.details.read(entity);
  }
}
