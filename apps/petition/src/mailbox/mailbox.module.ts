import { Module } from '@nestjs/common';
import { GetMailboxFiguresUseCase } from './get-mailbox-figures.use-case.js';
import { GetMailboxQueueUseCase } from './get-mailbox-queue.use-case.js';
import { MailboxHttpController } from './mailbox.http.controller.js';
import { RecordMailboxBrowsingUseCase } from './record-mailbox-browsing.use-case.js';

/** 领导信箱: what the leader's team does with the matters addressed to the leader. */
@Module({
  controllers: [MailboxHttpController],
  providers: [GetMailboxQueueUseCase, RecordMailboxBrowsingUseCase, GetMailboxFiguresUseCase],
})
export class MailboxModule {}
