import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { VideoModule } from '../video/video.module.js';
import { CheckInUseCase } from './check-in.use-case.js';
import { IssueJoinLinksUseCase } from './issue-join-links.use-case.js';
import { SessionHttpController } from './session.http.controller.js';

@Module({
  imports: [BookingModule, VideoModule],
  controllers: [SessionHttpController],
  providers: [CheckInUseCase, IssueJoinLinksUseCase],
})
export class SessionModule {}
