import { Module } from '@nestjs/common';
import { ComplaintModule } from '../complaint/complaint.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { AttachmentStorageModule } from './attachment-storage.module.js';
import {
  AttachmentHttpController,
  StaffAttachmentHttpController,
} from './attachment.http.controller.js';
import { GetAttachmentUseCase } from './get-attachment.use-case.js';

/** Serving attachments back; storing them is part of submitting a complaint. */
@Module({
  imports: [AttachmentStorageModule, ComplaintModule, ProtectionModule],
  controllers: [AttachmentHttpController, StaffAttachmentHttpController],
  providers: [GetAttachmentUseCase],
})
export class AttachmentModule {}
