import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { RepeatHttpController } from './repeat.http.controller.js';
import { ReviewRepeatLink } from './review-repeat-link.js';

/** Staff's review of repeat links; detection itself runs inside registration (CaseModule). */
@Module({
  imports: [CaseModule],
  controllers: [RepeatHttpController],
  providers: [ReviewRepeatLink],
})
export class RepeatModule {}
