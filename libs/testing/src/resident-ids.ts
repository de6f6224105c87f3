import { residentIdCheckCharacter } from '@minsheng/domain';

/** A valid 18-digit resident ID number (GB 11643) for a region, birth date and sequence. */
export function makeResidentIdNumber(
  region = '510104',
  birthDate = '19900307',
  sequence = 123,
): string {
  const body = `${region}${birthDate}${String(sequence).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/** A fresh valid mainland mobile number. */
export function makeMobileNumber(n = Math.floor(Math.random() * 1e8)): string {
  return `139${String(n).padStart(8, '0')}`;
}
