import { Module } from '@nestjs/common';
import { CampaignLog } from './campaign-log.js';
import { CampaignParticipantHttpController } from './campaign-participant.http.controller.js';
import { CampaignHttpController } from './campaign.http.controller.js';
import { CloseCampaignUseCase } from './close-campaign.use-case.js';
import { CreateCampaignUseCase } from './create-campaign.use-case.js';
import { GetCampaignUseCase } from './get-campaign.use-case.js';
import { InviteCampaignParticipantUseCase } from './invite-campaign-participant.use-case.js';
import { ReadCampaignAsParticipantUseCase } from './read-campaign-as-participant.use-case.js';
import { RecordAccountabilityUseCase } from './record-accountability.use-case.js';
import { RecordCampaignVisitUseCase } from './record-campaign-visit.use-case.js';
import { SelectCampaignCasesUseCase } from './select-campaign-cases.use-case.js';

/** 统筹实地督查: supervision campaigns with invited third parties, and accountability. */
@Module({
  controllers: [CampaignHttpController, CampaignParticipantHttpController],
  providers: [
    CampaignLog,
    CreateCampaignUseCase,
    GetCampaignUseCase,
    SelectCampaignCasesUseCase,
    InviteCampaignParticipantUseCase,
    RecordCampaignVisitUseCase,
    RecordAccountabilityUseCase,
    CloseCampaignUseCase,
    ReadCampaignAsParticipantUseCase,
  ],
})
export class CampaignModule {}
