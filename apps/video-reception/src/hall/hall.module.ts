import { Module } from '@nestjs/common';
import { CreateHallUseCase } from './create-hall.use-case.js';
import { HallHttpController } from './hall.http.controller.js';
import { ListHallsUseCase } from './list-halls.use-case.js';

@Module({
  controllers: [HallHttpController],
  providers: [CreateHallUseCase, ListHallsUseCase],
})
export class HallModule {}
