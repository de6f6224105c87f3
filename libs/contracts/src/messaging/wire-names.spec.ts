import { wireNames } from './wire-names.js';

describe('wireNames', () => {
  it('keeps every name inside its namespace', () => {
    expect(wireNames.event('ms.510104', 'petition.case.registered')).toBe(
      'ms.510104.events.petition.case.registered',
    );
    expect(wireNames.command('ms.510104', 'petition.case.assign')).toBe(
      'ms.510104.petition.case.assign',
    );
    expect(wireNames.ownerStreamSubjects('ms.510104', 'petition')).toEqual([
      'ms.510104.events.petition.>',
    ]);
  });

  it('derives stream and durable names NATS accepts', () => {
    expect(wireNames.ownerStream('ms.510104', 'complaint-intake')).toBe(
      'MS_510104_COMPLAINT-INTAKE',
    );
    expect(wireNames.durable('petition', 'complaint-intake.complaint.submitted')).toBe(
      'petition__complaint-intake_complaint_submitted',
    );
  });
});
