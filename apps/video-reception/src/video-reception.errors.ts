import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import {
  ErrorCodes,
  VideoReceptionErrorCodes as Codes,
  type VideoReceptionErrorCode,
} from '@minsheng/contracts';

/** 404 for unknown records and for records outside the caller's jurisdiction alike. */
export const notFound = (message: string) =>
  new NotFoundException({ code: ErrorCodes.notFound, message });

export const forbidden = (message: string) =>
  new ForbiddenException({ code: ErrorCodes.forbidden, message });

export const badRequest = (code: VideoReceptionErrorCode, message: string) =>
  new BadRequestException({ code, message });

export const conflict = (code: VideoReceptionErrorCode, message: string) =>
  new ConflictException({ code, message });

export const invalidState = (message: string) => conflict(Codes.invalidBookingState, message);
