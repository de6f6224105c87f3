import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import { ErrorCodes, PetitionErrorCodes } from '@minsheng/contracts';

export const organNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该单位' });

export const unknownOrgan = (id: string) =>
  new BadRequestException({
    code: PetitionErrorCodes.unknownOrgan,
    message: `没有标识为 ${id} 的单位`,
  });

export const organInactive = (id: string) =>
  new BadRequestException({ code: PetitionErrorCodes.organInactive, message: `单位 ${id} 已停用` });

export const organIdTaken = (id: string) =>
  new ConflictException({
    code: PetitionErrorCodes.organIdTaken,
    message: `单位标识 ${id} 已被使用`,
  });

export const invalidOrganParent = (message: string) =>
  new BadRequestException({ code: PetitionErrorCodes.invalidOrganParent, message });

export const organHasActiveChildren = () =>
  new ConflictException({
    code: PetitionErrorCodes.organHasActiveChildren,
    message: '该单位下仍有在用的下级单位，请先停用或移走它们',
  });
