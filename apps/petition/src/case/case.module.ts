import { Module } from '@nestjs/common';
import { NoticeIssuer } from '../notice/notice-issuer.js';
import { matterAnalyserProvider } from '../repeat/matter-analyser.js';
import { RepeatDetector } from '../repeat/repeat-detector.js';
import { ApplyCaseActionUseCase } from './apply-case-action.use-case.js';
import { CaseActionsHttpController } from './case-actions.http.controller.js';
import { CaseDetailReader } from './case-detail.reader.js';
import { CaseRegistrar } from './case-registrar.js';
import { CaseWorkflow } from './case-workflow.js';
import { CaseHttpController } from './case.http.controller.js';
import { GetCaseUseCase } from './get-case.use-case.js';
import { ListCasesUseCase } from './list-cases.use-case.js';
import { RegisterCaseFromComplaintUseCase } from './register-case-from-complaint.use-case.js';
import { RegisterCaseFromMessageUseCase } from './register-case-from-message.use-case.js';
import { RegisterCaseFromReceptionUseCase } from './register-case-from-reception.use-case.js';
import { RegisterCaseUseCase } from './register-case.use-case.js';
import { SearchCasesByPetitionerUseCase } from './search-cases-by-petitioner.use-case.js';
import { SearchCasesUseCase } from './search-cases.use-case.js';
import { TakeCaseOwnershipHandler } from './take-case-ownership.handler.js';

@Module({
  controllers: [CaseHttpController, CaseActionsHttpController],
  providers: [
    NoticeIssuer,
    RepeatDetector,
    matterAnalyserProvider,
    CaseRegistrar,
    CaseWorkflow,
    CaseDetailReader,
    RegisterCaseFromComplaintUseCase,
    RegisterCaseFromMessageUseCase,
    RegisterCaseFromReceptionUseCase,
    TakeCaseOwnershipHandler,
    RegisterCaseUseCase,
    GetCaseUseCase,
    ListCasesUseCase,
    SearchCasesUseCase,
    SearchCasesByPetitionerUseCase,
    ApplyCaseActionUseCase,
  ],
  exports: [CaseWorkflow, CaseDetailReader],
})
export class CaseModule {}
