import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';
import { protectColumns, revealColumns } from '@minsheng/runtime';

const COLUMNS = [
  { plain: 'petitioner_id_number', purpose: 'id-number' },
  { plain: 'petitioner_phone', purpose: 'phone' },
] as const;

/** Petitioner ID numbers and phones: encrypted with SM4 and found by keyed hash, never plain. */
export class ProtectPetitionerData1764400400000 implements MigrationInterface {
  name = 'ProtectPetitionerData1764400400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await protectColumns(queryRunner, `${migrationSchema(queryRunner)}.petition_case`, COLUMNS);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await revealColumns(queryRunner, `${migrationSchema(queryRunner)}.petition_case`, COLUMNS);
  }
}
