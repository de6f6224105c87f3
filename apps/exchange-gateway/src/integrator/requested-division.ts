import { ErrorCodes, IntegratorErrorCodes } from '@minsheng/contracts';
import { isKnownDivision } from '@minsheng/domain';
import { allowsDivision, type IntegratorCaller } from './integrator-client.js';
import { integratorError } from './integrator.errors.js';

/** A division a client asked about: known (else 400), and inside its allowed ones (else 403). */
export function requestedDivision(caller: IntegratorCaller, divisionCode: string): string {
  if (!isKnownDivision(divisionCode)) {
    throw integratorError(400, ErrorCodes.unknownDivision, '行政区划代码不存在', [
      { path: 'divisionCode', code: ErrorCodes.unknownDivision, message: '未知的行政区划代码' },
    ]);
  }
  if (!allowsDivision(caller, divisionCode)) {
    throw integratorError(
      403,
      IntegratorErrorCodes.divisionNotAllowed,
      '该行政区划不在接入方的授权范围内',
      [
        {
          path: 'divisionCode',
          code: IntegratorErrorCodes.divisionNotAllowed,
          message: '不在授权范围内',
        },
      ],
    );
  }
  return divisionCode;
}
