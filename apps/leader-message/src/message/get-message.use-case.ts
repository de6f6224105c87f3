import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LeaderMessageResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { MessageAccess } from './message-access.js';
import { MessageViews } from './message-views.js';

@Injectable()
export class GetMessageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
  ) {}

  async execute(principal: Principal, id: string): Promise<LeaderMessageResponse> {
    const m = await this.access.load(principal, id);
    return this.views.view(this.dataSource.manager, m);
  }
}
