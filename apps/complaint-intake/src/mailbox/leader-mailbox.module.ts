import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { ConfigureLeaderMailboxUseCase } from './configure-leader-mailbox.use-case.js';
import { LeaderMailboxAdminHttpController } from './leader-mailbox-admin.http.controller.js';
import { LeaderMailboxDirectory } from './leader-mailbox-directory.js';
import { LeaderMailboxHttpController } from './leader-mailbox.http.controller.js';

/** 领导信箱: the public mailboxes of the instance's leaders and their configuration. */
@Module({
  imports: [ComplaintModule, ProtectionModule],
  controllers: [LeaderMailboxHttpController, LeaderMailboxAdminHttpController],
  providers: [LeaderMailboxDirectory, ConfigureLeaderMailboxUseCase],
})
export class LeaderMailboxModule {}
