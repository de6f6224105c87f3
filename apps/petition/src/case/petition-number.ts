import type { EntityManager } from 'typeorm';

const CHINA_TIME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });

/** The year a case was registered in, by China Standard Time (a case at 23:30 UTC on 31 Dec is next year's). */
export function registrationYear(at: Date): number {
  return Number(CHINA_TIME.format(at));
}

export function formatPetitionNumber(divisionCode: string, year: number, sequence: number): string {
  return `${divisionCode}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Allocates the next number for a division and year inside the caller's transaction. The row lock
 * serialises concurrent registrations; a rolled-back transaction releases its number unused.
 */
export async function allocatePetitionNumber(
  tx: EntityManager,
  divisionCode: string,
  at: Date,
): Promise<string> {
  const year = registrationYear(at);
  const [{ last_value }] = await tx.query(
    `INSERT INTO petition_number_counter AS c (division_code, year, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (division_code, year) DO UPDATE SET last_value = c.last_value + 1
     RETURNING last_value`,
    [divisionCode, year],
  );
  return formatPetitionNumber(divisionCode, year, Number(last_value));
}
