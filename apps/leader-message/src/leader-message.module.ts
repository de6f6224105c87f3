import { Module } from '@nestjs/common';
import { BoardHttpController } from './board/board.http.controller.js';
import {
  BrowseBoardUseCase,
  ConfigureBoardUseCase,
  ListBoardsUseCase,
} from './board/board.use-cases.js';
import { ConnectorModule } from './connector/connector.module.js';
import { AssignMessageUseCase } from './message/assign-message.use-case.js';
import { ClaimMessageUseCase } from './message/claim-message.use-case.js';
import { ConvertToCaseUseCase } from './message/convert-to-case.use-case.js';
import { DraftReplyUseCase } from './message/draft-reply.use-case.js';
import { ExtendMessageUseCase } from './message/extend-message.use-case.js';
import { GetMessageUseCase } from './message/get-message.use-case.js';
import { MessageAccess } from './message/message-access.js';
import { MessageViews } from './message/message-views.js';
import { MessageHttpController } from './message/message.http.controller.js';
import { ReviewReplyUseCase } from './message/review-reply.use-case.js';
import { PetitionCaseLink } from './petition-link/petition-case.link.js';
import { OnTimeRatesUseCase } from './rates/on-time-rates.use-case.js';
import { RatesHttpController } from './rates/rates.http.controller.js';
import { BoardSyncScheduler } from './sync/board-sync.scheduler.js';
import { MessageIntake } from './sync/message-intake.js';

@Module({
  imports: [ConnectorModule],
  controllers: [BoardHttpController, MessageHttpController, RatesHttpController],
  providers: [
    ConfigureBoardUseCase,
    ListBoardsUseCase,
    BrowseBoardUseCase,
    MessageAccess,
    MessageViews,
    GetMessageUseCase,
    ClaimMessageUseCase,
    AssignMessageUseCase,
    DraftReplyUseCase,
    ReviewReplyUseCase,
    ExtendMessageUseCase,
    ConvertToCaseUseCase,
    OnTimeRatesUseCase,
    MessageIntake,
    BoardSyncScheduler,
    PetitionCaseLink,
  ],
})
export class LeaderMessageModule {}
