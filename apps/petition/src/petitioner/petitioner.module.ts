import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { RecordRatingHandler } from './record-rating.handler.js';
import { RequestReviewFromIntakeHandler } from './request-review-from-intake.handler.js';

/** What the petitioner does through intake after the reply: rate it, or ask for review. */
@Module({
  imports: [CaseModule],
  providers: [RequestReviewFromIntakeHandler, RecordRatingHandler],
})
export class PetitionerModule {}
