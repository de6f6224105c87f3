import { randomUUID } from 'node:crypto';
import { TestSchema } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';

describe('leader-message migrations', () => {
  let schema: TestSchema;
  const migrate = (direction: 'up' | 'down' = 'up') =>
    schema.migrate(entities, migrations, direction);

  beforeEach(async () => {
    schema = await TestSchema.create('leader-message', entities, migrations);
  });

  afterEach(() => schema.drop());

  const lexemes = async (table: string, id: string): Promise<string[]> => {
    const [row] = await schema.query<{ lexemes: string[] }>(
      `SELECT tsvector_to_array(search_vector) AS lexemes FROM "${schema.name}".${table} WHERE id = $1`,
      [id],
    );
    return row.lexemes;
  };

  it('re-index the knowledge base by two-character pieces, and by jieba’s words when reverted', async () => {
    const policy = randomUUID();
    const template = randomUUID();
    await schema.query(
      `INSERT INTO "${schema.name}".policy_article (id, division_code, title, body, issuer,
         document_number, created_by, created_at, updated_by, updated_at)
       VALUES ($1, '510100', '随迁子女入学办法', '需提供居住证。', '成都市教育局', '成教发8号',
         'u', now(), 'u', now())`,
      [policy],
    );
    await schema.query(
      `INSERT INTO "${schema.name}".reply_template (id, division_code, title, body, domain, type,
         created_by, created_at, updated_by, updated_at)
       VALUES ($1, '510104', '路灯报修答复', '已安排维修。', '城建', '咨询', 'u', now(), 'u', now())`,
      [template],
    );

    expect(await migrate('down')).toEqual(['IndexKnowledgeByBigrams1764402200000']);
    // jieba's words (居住证 whole) never hold a piece across two words (需提 of 需 + 提供).
    expect(await lexemes('policy_article', policy)).toContain('居住证');
    expect(await lexemes('policy_article', policy)).not.toContain('需提');

    expect(await migrate()).toEqual(['IndexKnowledgeByBigrams1764402200000']);
    expect(await lexemes('policy_article', policy)).toEqual(
      expect.arrayContaining(['需提', '居住', '住证', '迁子', '教育', '8']),
    );
    expect(await lexemes('policy_article', policy)).not.toContain('居住证');
    expect(await lexemes('reply_template', template)).toEqual(
      expect.arrayContaining(['路灯', '报修', '城建', '咨询']),
    );
  });

  it('revert the organ inputs, extensions and knowledge base cleanly and apply again', async () => {
    const tables = async () =>
      (
        await schema.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
          [schema.name],
        )
      ).map((t) => t.table_name);
    expect(await tables()).toEqual(
      expect.arrayContaining(['organ_input', 'extension_request', 'policy_article']),
    );
    expect(await migrate('down')).toEqual(['IndexKnowledgeByBigrams1764402200000']);
    expect(await migrate('down')).toEqual(['AddOrganInputsExtensionsAndKnowledge1764402100000']);
    const left = await tables();
    for (const table of ['organ_input', 'extension_request', 'reply_template', 'policy_article']) {
      expect(left).not.toContain(table);
    }
    const columns = await schema.query(
      `SELECT 1 FROM information_schema.columns
        WHERE table_schema = $1 AND table_name = 'board_message' AND column_name = 'current_deadline'`,
      [schema.name],
    );
    expect(columns).toEqual([]);
    expect(await migrate()).toEqual([
      'AddOrganInputsExtensionsAndKnowledge1764402100000',
      'IndexKnowledgeByBigrams1764402200000',
    ]);
  });
});
