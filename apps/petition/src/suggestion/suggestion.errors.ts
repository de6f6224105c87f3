import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { ErrorCodes, PetitionErrorCodes, SuggestionErrorCodes } from '@minsheng/contracts';

export const notASuggestion = () =>
  new ConflictException({
    code: SuggestionErrorCodes.notASuggestion,
    message: '该信访事项不是建议意见类，不能按建议跟踪采纳',
  });

export const wrongStage = (message: string) =>
  new ConflictException({ code: SuggestionErrorCodes.wrongSuggestionStage, message });

export const studyNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '该建议尚未列入研究' });

export const notOfStudyingOrgan = () =>
  new ForbiddenException({
    code: PetitionErrorCodes.notPermitted,
    message: '只有承担研究的单位可以记录研究意见或采纳情况',
  });
