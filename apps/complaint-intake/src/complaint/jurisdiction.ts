import { Inject, Injectable } from '@nestjs/common';
import type { RoutingReason } from '@minsheng/contracts';
import { findDivision, isWithinJurisdiction } from '@minsheng/domain';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';

export type Routing =
  { handledHere: true } | { handledHere: false; targetDivisionCode: string; reason: RoutingReason };

/**
 * 属地管理: this instance handles complaints in its own jurisdiction, except where a child
 * division runs its own instance; everything else is held for the exchange to hand over.
 */
@Injectable()
export class Jurisdiction {
  constructor(@Inject(INTAKE_CONFIG) private readonly config: IntakeConfig) {}

  get instanceDivision(): string {
    return this.config.instanceDivision;
  }

  route(divisionCode: string): Routing {
    if (!isWithinJurisdiction(this.config.instanceDivision, divisionCode)) {
      return {
        handledHere: false,
        targetDivisionCode: divisionCode,
        reason: 'outside-jurisdiction',
      };
    }
    // The widest child that covers it is our direct child; deeper instances are its business.
    const child = this.config.CHILD_INSTANCES.filter((code) =>
      isWithinJurisdiction(code, divisionCode),
    ).sort((a, b) => significantDigits(a) - significantDigits(b))[0];
    return child
      ? { handledHere: false, targetDivisionCode: child, reason: 'child-instance' }
      : { handledHere: true };
  }

  /** The notice shown when a complaint is held for another instance. */
  static routedNote(divisionCode: string, targetDivisionCode: string): string {
    const place = findDivision(divisionCode)?.fullName ?? divisionCode;
    const office = findDivision(targetDivisionCode)?.fullName ?? targetDivisionCode;
    return `您反映的事项发生在${place}，按属地管理原则应由${office}信访工作机构办理，已进入转交队列，等待转交（尚未登记）`;
  }
}

function significantDigits(code: string): number {
  return code.replace(/(00)+$/, '').length;
}
