import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GroupCommit } from '@minsheng/persistence';
import { AttachmentStorageModule } from '../attachment/attachment-storage.module.js';
import { CategoryModule } from '../category/category.module.js';
import { ProtectionModule } from '../protection/protection.module.js';
import { TrackingModule } from '../tracking/tracking.module.js';
import { ComplaintHttpController } from './complaint.http.controller.js';
import { ComplaintAnnouncement } from './complaint-announcement.js';
import { ComplaintHandOverHandler } from './complaint-hand-over.handler.js';
import { ComplaintLookup } from './complaint-lookup.js';
import { GetComplaintStatusUseCase } from './get-complaint-status.use-case.js';
import { Jurisdiction } from './jurisdiction.js';
import { ReceiveComplaintUseCase } from './receive-complaint.use-case.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';

@Module({
  imports: [AttachmentStorageModule, CategoryModule, ProtectionModule, TrackingModule],
  controllers: [ComplaintHttpController],
  providers: [
    ReceiveComplaintUseCase,
    SubmitComplaintUseCase,
    ComplaintAnnouncement,
    ComplaintHandOverHandler,
    GetComplaintStatusUseCase,
    ComplaintLookup,
    Jurisdiction,
    // Submissions arriving together are committed together (see GroupCommit).
    {
      provide: GroupCommit,
      useFactory: (dataSource: DataSource) =>
        new GroupCommit(dataSource.manager, { name: 'complaint-submissions' }),
      inject: [DataSource],
    },
  ],
  exports: [ComplaintLookup, ReceiveComplaintUseCase, Jurisdiction],
})
export class ComplaintModule {}
