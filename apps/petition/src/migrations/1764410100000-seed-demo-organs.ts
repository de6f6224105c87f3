import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

type Seed = [id: string, name: string, kind: string, division: string, parent: string | null];

const DEPARTMENTS: Array<[suffix: string, province: string, lower: string]> = [
  ['zj', '住房和城乡建设厅', '住房和城乡建设局'],
  ['jt', '交通运输厅', '交通运输局'],
  ['rs', '人力资源和社会保障厅', '人力资源和社会保障局'],
  ['zr', '自然资源厅', '规划和自然资源局'],
  ['sthj', '生态环境厅', '生态环境局'],
  ['scjg', '市场监督管理局', '市场监督管理局'],
  ['jy', '教育厅', '教育局'],
];

const LEVELS: Array<[division: string, prefix: string, parentGov: string | null]> = [
  ['510000', '四川省', null],
  ['510100', '成都市', '510000-gov'],
  ['510104', '成都市锦江区', '510100-gov'],
  ['510105', '成都市青羊区', '510100-gov'],
];

/**
 * The demo Sichuan deployment: the governments of the province, Chengdu, Jinjiang and Qingyang,
 * each with its petition office (信访局) and departments. Each government is the organ above
 * (上一级) its departments, and the next-higher government is above it: that is who reviews.
 */
function seeds(): Seed[] {
  const rows: Seed[] = [];
  for (const [division, prefix, parentGov] of LEVELS) {
    const gov = `${division}-gov`;
    const province = division === '510000';
    rows.push([gov, `${prefix}人民政府`, 'government', division, parentGov]);
    rows.push([`${division}-xfj`, `${prefix}信访局`, 'petition-office', division, gov]);
    for (const [suffix, provinceName, lowerName] of DEPARTMENTS) {
      const id = `${division}-${suffix}${province && provinceName.endsWith('厅') ? 't' : 'j'}`;
      rows.push([
        id,
        `${prefix}${province ? provinceName : lowerName}`,
        'department',
        division,
        gov,
      ]);
    }
  }
  return rows;
}

export const DEMO_ORGANS = seeds();

export class SeedDemoOrgans1764410100000 implements MigrationInterface {
  name = 'SeedDemoOrgans1764410100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // Parents come first in DEMO_ORGANS, so the foreign key holds row by row.
    for (const [id, name, kind, division, parent] of DEMO_ORGANS) {
      await queryRunner.query(
        `INSERT INTO ${s}.organ (id, name, kind, division_code, parent_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [id, name, kind, division, parent],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const [id] of [...DEMO_ORGANS].reverse()) {
      await queryRunner.query(`DELETE FROM ${s}.organ WHERE id = $1`, [id]);
    }
  }
}
