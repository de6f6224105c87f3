import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FieldCipher, keyringFromEnv } from '@minsheng/crypto';
import { rotateFieldKeys } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { makeResidentIdNumber } from '@minsheng/testing';
import { encryptedColumns, entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

describe('field key rotation', () => {
  let intake: InProcessService;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, { entities, migrations });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  it('re-encrypts every stored value under the new active key, and the values read the same', async () => {
    const submitted: Array<{ idNumber: string; phone: string }> = [];
    for (let i = 0; i < 7; i++) {
      const idNumber = makeResidentIdNumber('510104', '19880808', i);
      const phone = `1370000000${i}`;
      submitted.push({ idNumber, phone });
      const response = await intake.http.inject({
        method: 'POST',
        url: '/api/v1/complaints',
        headers: { 'content-type': 'application/json' },
        payload: {
          petitioner: { name: '钱七', idNumber, phone },
          divisionCode: '510104',
          kind: 'suggestion',
          categoryCode: '06',
          title: '建议',
          content: '建议内容',
        },
      });
      expect(response.statusCode).toBe(201);
    }

    const oldKeys = intake.keys.env().FIELD_ENCRYPTION_KEYS;
    const rotated = new FieldCipher(
      keyringFromEnv(`${oldKeys},k2:${randomBytes(32).toString('base64')}`, 'k2'),
    );
    const rewritten = await rotateFieldKeys(
      intake.app.get(DataSource),
      intake.schema.name,
      rotated,
      encryptedColumns,
      3,
    );
    expect(rewritten).toBe(7);

    const rows = await intake.schema.query<{
      petitioner_id_number_encrypted: string;
      petitioner_phone_encrypted: string;
    }>('SELECT petitioner_id_number_encrypted, petitioner_phone_encrypted FROM complaint');
    expect(rows.every((r) => rotated.keyIdOf(r.petitioner_id_number_encrypted) === 'k2')).toBe(
      true,
    );
    const revealed = rows.map((r) => ({
      idNumber: rotated.decrypt(r.petitioner_id_number_encrypted),
      phone: rotated.decrypt(r.petitioner_phone_encrypted),
    }));
    expect(revealed.sort((a, b) => a.phone.localeCompare(b.phone))).toEqual(submitted);
    expect(
      await rotateFieldKeys(
        intake.app.get(DataSource),
        intake.schema.name,
        rotated,
        encryptedColumns,
      ),
    ).toBe(0);
  });
});
