import { Global, Module } from '@nestjs/common';
import { CreateOrganUseCase } from './create-organ.use-case.js';
import { DeactivateOrganUseCase } from './deactivate-organ.use-case.js';
import { GetOrganUseCase } from './get-organ.use-case.js';
import { ListOrgansUseCase } from './list-organs.use-case.js';
import { MoveOrganUseCase } from './move-organ.use-case.js';
import { OrganAnnouncer } from './organ-announcer.js';
import { OrganDirectory } from './organ-directory.js';
import { OrganHttpController } from './organ.http.controller.js';
import { RenameOrganUseCase } from './rename-organ.use-case.js';

/** The organ tree; `OrganDirectory` is shared with the workflow. */
@Global()
@Module({
  controllers: [OrganHttpController],
  providers: [
    OrganDirectory,
    OrganAnnouncer,
    ListOrgansUseCase,
    GetOrganUseCase,
    CreateOrganUseCase,
    RenameOrganUseCase,
    MoveOrganUseCase,
    DeactivateOrganUseCase,
  ],
  exports: [OrganDirectory],
})
export class OrganModule {}
