import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { ErrorCodes, PetitionErrorCodes } from '@minsheng/contracts';
import type { TransitionErrorCode, TransitionFailure } from '@minsheng/domain';

export const caseNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该信访事项' });

export const organRequired = () =>
  new BadRequestException({
    code: PetitionErrorCodes.organRequired,
    message: '你的账号未归属任何单位，无法办理',
  });

export const notPermitted = (message: string) =>
  new ForbiddenException({ code: PetitionErrorCodes.notPermitted, message });

export const invalidCursor = () =>
  new BadRequestException({ code: PetitionErrorCodes.invalidCursor, message: '分页游标无效' });

const STATUS_OF: Record<TransitionErrorCode, number> = {
  ILLEGAL_TRANSITION: 409,
  NOT_ACCEPTED_AGAIN: 409,
  DEADLINE_PASSED: 409,
  EXTENSION_ALREADY_USED: 409,
  EXTENSION_TOO_LONG: 409,
  NOT_PERMITTED: 403,
  REASON_REQUIRED: 400,
  INVALID_INPUT: 400,
};

/** The workflow refused the action: its code and Chinese message, unchanged, with the right status. */
export class WorkflowRefusedException extends HttpException {
  constructor(readonly failure: TransitionFailure) {
    super({ code: failure.code, message: failure.message }, STATUS_OF[failure.code]);
  }
}

export const conflict = (code: string, message: string) => new ConflictException({ code, message });
