import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { ErrorCodes, IdentityErrorCodes } from '@minsheng/contracts';

// One message for every wrong factor, so the answer never says which one was wrong.
export const invalidCredentials = () =>
  new UnauthorizedException({
    code: IdentityErrorCodes.invalidCredentials,
    message: '用户名、密码或动态口令错误',
  });

export const accountLocked = (minutes: number) =>
  new HttpException(
    {
      code: IdentityErrorCodes.accountLocked,
      message: `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    },
    HttpStatus.LOCKED,
  );

export const tooManyAttempts = () =>
  new HttpException(
    { code: ErrorCodes.tooManyRequests, message: '登录尝试过于频繁，请稍后再试' },
    HttpStatus.TOO_MANY_REQUESTS,
  );

export const sessionRevoked = () =>
  new UnauthorizedException({
    code: IdentityErrorCodes.sessionRevoked,
    message: '会话已注销，请重新登录',
  });

export const sessionExpired = () =>
  new UnauthorizedException({
    code: IdentityErrorCodes.sessionExpired,
    message: '会话已超时，请重新登录',
  });

export const invalidRefreshToken = () =>
  new UnauthorizedException({
    code: IdentityErrorCodes.invalidRefreshToken,
    message: '刷新令牌无效，请重新登录',
  });

export const unauthenticated = () =>
  new UnauthorizedException({
    code: ErrorCodes.unauthenticated,
    message: '登录凭证无效或已过期',
  });
