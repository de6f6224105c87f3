import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCodes, StatisticsErrorCodes, type FieldError } from '@minsheng/contracts';

/** A 4xx with a stable code; the ApiExceptionFilter passes the body through. */
export class StatisticsError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, fields?: FieldError[]) {
    super({ code, message, ...(fields ? { fields } : {}) }, status);
  }

  static notFound(what = '记录不存在'): StatisticsError {
    return new StatisticsError(HttpStatus.NOT_FOUND, ErrorCodes.notFound, what);
  }

  static unknownDivision(code: string): StatisticsError {
    return new StatisticsError(
      HttpStatus.BAD_REQUEST,
      ErrorCodes.unknownDivision,
      '行政区划代码不存在',
      [
        {
          path: 'divisionCode',
          code: ErrorCodes.unknownDivision,
          message: `未知的行政区划代码 ${code}`,
        },
      ],
    );
  }

  static invalidPeriod(message: string): StatisticsError {
    return new StatisticsError(
      HttpStatus.BAD_REQUEST,
      StatisticsErrorCodes.invalidPeriod,
      message,
      [{ path: 'from', code: StatisticsErrorCodes.invalidPeriod, message }],
    );
  }
}
