import { Injectable } from '@nestjs/common';
import type { BookSlotRequest, BookSlotResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { BookSlotUseCase } from './book-slot.use-case.js';

/** A clerk books for someone who walked into a hall of their county (现场登记). */
@Injectable()
export class WalkInBookingUseCase {
  constructor(private readonly bookSlot: BookSlotUseCase) {}

  execute(principal: Principal, request: BookSlotRequest): Promise<BookSlotResponse> {
    return this.bookSlot.execute(request, { channel: 'walk-in', principal });
  }
}
