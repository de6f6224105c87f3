import { Module } from '@nestjs/common';
import { ComplaintHttpController } from './complaint.http.controller.js';
import { GetComplaintStatusUseCase } from './get-complaint-status.use-case.js';
import { RecordCaseRegistrationHandler } from './record-case-registration.handler.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';

@Module({
  controllers: [ComplaintHttpController],
  providers: [SubmitComplaintUseCase, GetComplaintStatusUseCase, RecordCaseRegistrationHandler],
})
export class ComplaintModule {}
