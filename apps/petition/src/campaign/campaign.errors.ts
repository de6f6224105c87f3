import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
} from '@nestjs/common';
import { CampaignErrorCodes, ErrorCodes } from '@minsheng/contracts';

export const campaignNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该督查活动' });

export const campaignClosed = () =>
  new ConflictException({ code: CampaignErrorCodes.campaignClosed, message: '督查活动已结束' });

export const accessEnded = () =>
  new ForbiddenException({
    code: CampaignErrorCodes.accessEnded,
    message: '督查活动已结束或邀请已过期，不能再查阅',
  });

export const caseNotInCampaign = (petitionNumber: string) =>
  new BadRequestException({
    code: CampaignErrorCodes.caseNotInCampaign,
    message: `${petitionNumber} 不是本次督查的案件`,
    fields: [
      {
        path: 'petitionNumber',
        code: CampaignErrorCodes.caseNotInCampaign,
        message: '不是本次督查的案件',
      },
    ],
  });

export const fieldRefused = (path: string, code: string, message: string) =>
  new BadRequestException({ code, message, fields: [{ path, code, message }] });
