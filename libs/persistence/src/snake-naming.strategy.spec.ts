import { SnakeNamingStrategy } from './snake-naming.strategy.js';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('names tables and columns in snake_case', () => {
    expect(naming.tableName('PetitionCase')).toBe('petition_case');
    expect(naming.columnName('petitionNumber', undefined, [])).toBe('petition_number');
    expect(naming.columnName('code', undefined, ['division'])).toBe('division_code');
  });

  it('keeps an explicit table name', () => {
    expect(naming.tableName('PetitionCase', 'case_file')).toBe('case_file');
  });
});
