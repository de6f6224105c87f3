import { AuditTrail } from '@minsheng/audit';
import { IdentityAudit } from '../identity-audit.js';
import { parseArgs } from 'node:util';
import { HttpException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { EnvValidationError, envFields, loadEnv } from '@minsheng/config';
import { createStaffAccountRequestSchema, type ErrorResponse } from '@minsheng/contracts';
import { FieldCipher, keyringFromEnv } from '@minsheng/crypto';
import { serviceDataSourceOptions } from '@minsheng/persistence';
import { CreateStaffAccountUseCase } from '../account/create-staff-account.use-case.js';
import { PasswordHasher } from '../account/password-hasher.js';
import { PasswordPolicy } from '../account/password-policy.js';
import { TotpSecrets } from '../account/totp-secrets.js';
import { accountSettings } from '../config/identity.settings.js';
import { entities, migrations } from '../schema.js';

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const EX_USAGE = 64;
const EX_CONFIG = 78;

const USAGE = `usage: node apps/identity/dist/cli.js create-account --username NAME --role ROLE [--role ROLE …]
         --division CODE [--display-name NAME] [--organ ID]
The password is read from IDENTITY_BOOTSTRAP_PASSWORD (never from the command line).
Needs DATABASE_URL (and DB_SCHEMA, default identity), FIELD_ENCRYPTION_KEYS, FIELD_ENCRYPTION_ACTIVE_KEY.`;

const cliEnvSchema = z.object({
  DATABASE_URL: envFields.postgresUrl(),
  DB_SCHEMA: envFields.identifier().default('identity'),
  IDENTITY_BOOTSTRAP_PASSWORD: z.string({ message: 'must be set' }).min(1, 'must be set'),
  FIELD_ENCRYPTION_KEYS: z.string({ message: 'must be set' }).min(1),
  FIELD_ENCRYPTION_ACTIVE_KEY: z.string({ message: 'must be set' }).min(1),
  ...accountSettings,
});

/**
 * The operator's bootstrap: creates an account (typically the first security administrator)
 * through the same use case as the API, and prints its TOTP provisioning URI once.
 */
export async function runIdentityCli(
  argv: string[],
  env: Record<string, string | undefined>,
  output: CliOutput,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'create-account') {
    output.err(`${USAGE}\n`);
    return EX_USAGE;
  }
  let options;
  try {
    options = parseArgs({
      args: rest,
      strict: true,
      options: {
        username: { type: 'string' },
        role: { type: 'string', multiple: true },
        division: { type: 'string' },
        'display-name': { type: 'string' },
        organ: { type: 'string' },
      },
    }).values;
  } catch (error) {
    output.err(`${(error as Error).message}\n${USAGE}\n`);
    return EX_USAGE;
  }

  let config: z.output<typeof cliEnvSchema>;
  try {
    config = loadEnv(cliEnvSchema, env);
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    output.err(`identity: ${error.message}\n`);
    return EX_CONFIG;
  }

  const request = createStaffAccountRequestSchema.safeParse({
    username: options.username,
    displayName: options['display-name'] ?? options.username,
    password: config.IDENTITY_BOOTSTRAP_PASSWORD,
    roles: options.role,
    divisionCode: options.division,
    organId: options.organ,
  });
  if (!request.success) {
    const problems = request.error.issues.map((issue) => {
      const field =
        issue.path.join('.') === 'password' ? 'IDENTITY_BOOTSTRAP_PASSWORD' : issue.path.join('.');
      return `  - ${field}: ${issue.message}`;
    });
    output.err(`identity: invalid account:\n${problems.join('\n')}\n${USAGE}\n`);
    return EX_USAGE;
  }

  let cipher: FieldCipher;
  try {
    cipher = new FieldCipher(
      keyringFromEnv(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY),
    );
  } catch (error) {
    output.err(`identity: FIELD_ENCRYPTION_KEYS: ${(error as Error).message}\n`);
    return EX_CONFIG;
  }

  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: config.DATABASE_URL,
      schema: config.DB_SCHEMA,
      entities,
      migrations,
      applicationName: 'identity-cli',
      poolSize: 1,
    }),
  );
  await dataSource.initialize();
  try {
    const createAccount = new CreateStaffAccountUseCase(
      dataSource,
      new PasswordPolicy(config),
      new PasswordHasher(config),
      new TotpSecrets(config, cipher),
      new IdentityAudit(
        new AuditTrail(dataSource, { schema: config.DB_SCHEMA, instanceDivision: '000000' }),
      ),
    );
    const { account, totpProvisioningUri } = await createAccount.execute(request.data, 'bootstrap');
    output.out(
      `identity: created account ${account.username} (${account.id}), roles ${account.roles.join(', ')}, division ${account.divisionCode}\n` +
        'Enrol this TOTP URI in an authenticator app now; it is not shown again:\n' +
        `${totpProvisioningUri}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof HttpException)) throw error;
    const body = error.getResponse() as ErrorResponse;
    const fields = (body.fields ?? []).map((field) => `\n  - ${field.message}`).join('');
    output.err(`identity: ${body.code}: ${body.message}${fields}\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
