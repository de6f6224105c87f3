import { Module } from '@nestjs/common';
import { CaseHttpController } from './case.http.controller.js';
import { GetCaseUseCase } from './get-case.use-case.js';
import { RegisterCaseFromComplaintUseCase } from './register-case-from-complaint.use-case.js';

@Module({
  controllers: [CaseHttpController],
  providers: [RegisterCaseFromComplaintUseCase, GetCaseUseCase],
})
export class CaseModule {}
