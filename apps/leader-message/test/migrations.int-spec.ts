import { runServiceMigrations } from '@minsheng/persistence';
import { TestSchema, backingServices } from '@minsheng/testing';
import { entities, migrations } from '../src/schema.js';

describe('leader-message migrations', () => {
  it('revert the organ inputs, extensions and knowledge base cleanly and apply again', async () => {
    const schema = await TestSchema.create('leader-message', entities, migrations);
    const options = {
      url: backingServices().databaseUrl,
      schema: schema.name,
      entities,
      migrations,
      applicationName: 'test',
    };
    const tables = async () =>
      (
        await schema.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
          [schema.name],
        )
      ).map((t) => t.table_name);
    try {
      expect(await tables()).toEqual(
        expect.arrayContaining(['organ_input', 'extension_request', 'policy_article']),
      );
      expect(await runServiceMigrations(options, 'down')).toEqual([
        'AddOrganInputsExtensionsAndKnowledge1764402100000',
      ]);
      const left = await tables();
      for (const table of [
        'organ_input',
        'extension_request',
        'reply_template',
        'policy_article',
      ]) {
        expect(left).not.toContain(table);
      }
      const columns = await schema.query(
        `SELECT 1 FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = 'board_message' AND column_name = 'current_deadline'`,
        [schema.name],
      );
      expect(columns).toEqual([]);
      expect(await runServiceMigrations(options)).toEqual([
        'AddOrganInputsExtensionsAndKnowledge1764402100000',
      ]);
    } finally {
      await schema.drop();
    }
  });
});
