import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { TrackingModule } from '../tracking/tracking.module.js';
import { AfterReplyHttpController } from './after-reply.http.controller.js';
import { RateComplaintUseCase } from './rate-complaint.use-case.js';
import { RequestReviewUseCase } from './request-review.use-case.js';

/** Rating the result and asking for review, both turned into events for petition. */
@Module({
  imports: [ComplaintModule, ProtectionModule, TrackingModule],
  controllers: [AfterReplyHttpController],
  providers: [RateComplaintUseCase, RequestReviewUseCase],
})
export class AfterReplyModule {}
