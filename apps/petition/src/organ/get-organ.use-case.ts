import { Injectable } from '@nestjs/common';
import type { OrganResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { OrganDirectory, organVisibleTo } from './organ-directory.js';
import { organNotFound } from './organ.errors.js';
import { toOrganResponse } from './organ.mapper.js';

@Injectable()
export class GetOrganUseCase {
  constructor(private readonly organs: OrganDirectory) {}

  async execute(principal: Principal, id: string): Promise<OrganResponse> {
    const organ = await this.organs.find(id);
    if (!organ || !organVisibleTo(principal, organ.divisionCode)) throw organNotFound();
    return toOrganResponse(organ);
  }
}
