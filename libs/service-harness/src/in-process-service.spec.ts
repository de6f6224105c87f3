import pg from 'pg';
import { backingServices } from '@minsheng/testing';
import { InProcessService } from './in-process-service.js';
import { probeMigrations, probeService } from './probe-service.fixture.js';

async function schemaExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: backingServices().databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1',
      [name],
    );
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('InProcessService', () => {
  it('runs a service ready in its own schema and namespace, and drops the schema on stop', async () => {
    const service = await InProcessService.start(probeService('harness-probe'), {
      entities: [],
      migrations: probeMigrations,
    });
    expect(service.namespace).toMatch(/^t[0-9a-f]{10}$/);
    const ready = await service.http.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(await service.schema.count('outbox')).toBe(0);
    const schemaName = service.schema.name;
    expect(await schemaExists(schemaName)).toBe(true);
    await service.stop();
    expect(await schemaExists(schemaName)).toBe(false);
  });
});
