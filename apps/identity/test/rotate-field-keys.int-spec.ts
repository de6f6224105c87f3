import { DataSource } from 'typeorm';
import { FieldCipher, generateKeySecret, keyringFromEnv } from '@minsheng/crypto';
import { rotateFieldKeys } from '@minsheng/runtime';
import { encryptedColumns } from '../src/schema.js';
import { IdentityTestKit, type StaffFixture } from './support/identity-test-kit.js';

describe('identity: field key rotation', () => {
  let kit: IdentityTestKit;

  beforeAll(async () => {
    kit = await IdentityTestKit.start();
  });

  afterAll(async () => {
    await kit?.stop();
  });

  it('re-encrypts every TOTP secret under the new active key, and the secrets read the same', async () => {
    const staff: StaffFixture[] = [];
    for (let i = 0; i < 4; i++) staff.push(await kit.createStaff());
    const rotated = new FieldCipher(
      keyringFromEnv(`${kit.env.FIELD_ENCRYPTION_KEYS},k2:${generateKeySecret()}`, 'k2'),
    );
    const dataSource = kit.service.app.get(DataSource);
    const schema = kit.service.schema.name;
    expect(await rotateFieldKeys(dataSource, schema, rotated, encryptedColumns, 3)).toBe(4);

    const rows = await kit.service.schema.query<{ id: string; totp_secret_encrypted: string }>(
      'SELECT id, totp_secret_encrypted FROM staff_account',
    );
    expect(rows.every((row) => rotated.keyIdOf(row.totp_secret_encrypted) === 'k2')).toBe(true);
    for (const member of staff) {
      const row = rows.find((r) => r.id === member.id)!;
      expect(rotated.decrypt(row.totp_secret_encrypted)).toBe(member.totp.secret.base32);
    }
    expect(await rotateFieldKeys(dataSource, schema, rotated, encryptedColumns)).toBe(0);
  });
});
