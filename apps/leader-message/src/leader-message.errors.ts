import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import {
  ErrorCodes,
  LeaderMessageErrorCodes as Codes,
  type LeaderMessageErrorCode,
} from '@minsheng/contracts';

/** 404 for unknown records and for records outside the caller's jurisdiction alike. */
export const notFound = (message: string) =>
  new NotFoundException({ code: ErrorCodes.notFound, message });

export const badRequest = (code: LeaderMessageErrorCode, message: string) =>
  new BadRequestException({ code, message });

export const conflict = (code: LeaderMessageErrorCode, message: string) =>
  new ConflictException({ code, message });

export const invalidState = (message: string) => conflict(Codes.invalidMessageState, message);
