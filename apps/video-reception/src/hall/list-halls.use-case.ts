import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HallListResponse } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { toHallResponse } from './hall.mapper.js';
import { ReceptionHallEntity } from './reception-hall.entity.js';

/** The halls inside the caller's jurisdiction. */
@Injectable()
export class ListHallsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<HallListResponse> {
    const halls = await this.dataSource
      .getRepository(ReceptionHallEntity)
      .find({ order: { divisionCode: 'ASC', name: 'ASC' } });
    return {
      items: halls.filter((h) => coversDivision(principal, h.divisionCode)).map(toHallResponse),
    };
  }
}
