import { Module } from '@nestjs/common';
import { BoardHttpController } from './board/board.http.controller.js';
import {
  BrowseBoardUseCase,
  ConfigureBoardUseCase,
  ListBoardsUseCase,
} from './board/board.use-cases.js';
import { ConnectorModule } from './connector/connector.module.js';
import { CsvBodyParser } from './import/csv-body.parser.js';
import { ImportMessagesUseCase } from './import/import-messages.use-case.js';
import {
  PolicyArticlesHttpController,
  ReplyTemplatesHttpController,
} from './knowledge/knowledge.http.controller.js';
import { PolicyArticles, ReplyTemplates } from './knowledge/knowledge-stores.js';
import { AssignMessageUseCase } from './message/assign-message.use-case.js';
import { ClaimMessageUseCase } from './message/claim-message.use-case.js';
import { ConvertToCaseUseCase } from './message/convert-to-case.use-case.js';
import { DraftReplyUseCase } from './message/draft-reply.use-case.js';
import { ConfirmPublicationUseCase } from './message/confirm-publication.use-case.js';
import {
  RequestExtensionUseCase,
  ReviewExtensionUseCase,
} from './message/extend-message.use-case.js';
import { GetMessageUseCase } from './message/get-message.use-case.js';
import { GiveOrganInputUseCase } from './message/give-organ-input.use-case.js';
import { ListMessagesUseCase } from './message/list-messages.use-case.js';
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
  controllers: [
    BoardHttpController,
    MessageHttpController,
    RatesHttpController,
    ReplyTemplatesHttpController,
    PolicyArticlesHttpController,
  ],
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
    RequestExtensionUseCase,
    ReviewExtensionUseCase,
    ListMessagesUseCase,
    GiveOrganInputUseCase,
    ConfirmPublicationUseCase,
    ImportMessagesUseCase,
    CsvBodyParser,
    ReplyTemplates,
    PolicyArticles,
    ConvertToCaseUseCase,
    OnTimeRatesUseCase,
    MessageIntake,
    BoardSyncScheduler,
    PetitionCaseLink,
  ],
})
export class LeaderMessageModule {}
