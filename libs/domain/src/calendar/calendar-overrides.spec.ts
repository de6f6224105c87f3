import { InvalidCalendarOverridesError, parseCalendarOverrides } from './calendar-overrides.js';

function issuesOf(input: unknown): readonly string[] {
  try {
    parseCalendarOverrides(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidCalendarOverridesError);
    return (error as InvalidCalendarOverridesError).issues;
  }
  throw new Error('expected parseCalendarOverrides to throw');
}

describe('parseCalendarOverrides', () => {
  it('reads a JSON document with both lists', () => {
    const json = '{"holidays":["2027-01-01","2027-02-16"],"workdays":["2027-02-07"]}';
    expect(parseCalendarOverrides(json)).toEqual({
      holidays: ['2027-01-01', '2027-02-16'],
      workdays: ['2027-02-07'],
    });
  });

  it('accepts an already parsed object and treats a missing list as empty', () => {
    expect(parseCalendarOverrides({ holidays: ['2027-01-01'] })).toEqual({
      holidays: ['2027-01-01'],
      workdays: [],
    });
  });

  it('reports text that is not JSON', () => {
    expect(issuesOf('{"holidays": [')[0]).toMatch(/^not valid JSON/);
  });

  it.each([null, [], 'null', '"2027-01-01"', 42])('rejects %p, which is not an object', (input) => {
    expect(issuesOf(input)).toEqual(['expected an object with "holidays" and "workdays" arrays']);
  });

  it('names a misspelt key', () => {
    expect(issuesOf({ holiday: ['2027-01-01'] })).toEqual([
      'unknown key "holiday" (expected "holidays" or "workdays")',
    ]);
  });

  it('rejects a list that is not an array', () => {
    expect(issuesOf({ holidays: '2027-01-01' })).toEqual([
      '"holidays" must be an array of "YYYY-MM-DD" strings',
    ]);
  });

  it('names every malformed or impossible date by list and position', () => {
    expect(
      issuesOf({ holidays: ['2027-1-1', '2027-02-30'], workdays: ['2027-02-07', 20270208] }),
    ).toEqual([
      'holidays[0] "2027-1-1" is not a real "YYYY-MM-DD" date',
      'holidays[1] "2027-02-30" is not a real "YYYY-MM-DD" date',
      'workdays[1] 20270208 is not a real "YYYY-MM-DD" date',
    ]);
  });

  it('rejects a date listed twice or in both lists', () => {
    expect(issuesOf({ holidays: ['2027-01-01', '2027-01-01'], workdays: ['2027-01-01'] })).toEqual([
      'holidays[1] 2027-01-01 is listed twice',
      '2027-01-01 is in both "holidays" and "workdays"',
    ]);
  });

  it('puts every issue in the error message', () => {
    expect(() => parseCalendarOverrides({ holiday: [], workdays: ['x'] })).toThrow(
      'Invalid calendar overrides: unknown key "holiday" (expected "holidays" or "workdays"); workdays[0] "x" is not a real "YYYY-MM-DD" date',
    );
  });
});
