import { InProcessService } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { complaintBody } from './support/complaints.js';

describe('complaint intake: categories, division level and the details of a complaint', () => {
  let intake: InProcessService;

  beforeAll(async () => {
    intake = await InProcessService.start(serviceDefinition, {
      entities,
      migrations,
      env: { RATE_LIMITS_ENABLED: 'false', CATEGORY_CACHE_SECONDS: '0' },
    });
  });

  afterAll(async () => {
    await intake?.stop();
  });

  const submit = (payload: unknown) =>
    intake.http.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('lists the category taxonomy publicly, two levels, from the database', async () => {
    const response = await intake.http.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(response.statusCode).toBe(200);
    const { categories } = response.json();
    expect(categories.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        '城市建设与管理',
        '民政事务',
        '交通管理',
        '教育管理',
        '社会保障',
        '公共服务',
        '市场管理',
        '农村管理',
        '生态环境',
        '劳动保障',
      ]),
    );
    expect(categories[0]).toMatchObject({
      code: '01',
      name: '城市建设与管理',
      children: expect.arrayContaining([{ code: '0101', name: '市政设施' }]),
    });
    expect(categories.every((c: { children: unknown[] }) => c.children.length > 0)).toBe(true);
  });

  it('changes with the data: a retired area and its topics disappear and are refused', async () => {
    await intake.schema.query(`UPDATE complaint_category SET active = false WHERE code = '13'`);
    try {
      const { categories } = (
        await intake.http.inject({ method: 'GET', url: '/api/v1/categories' })
      ).json();
      expect(categories.map((c: { code: string }) => c.code)).not.toContain('13');
      for (const code of ['13', '1301']) {
        const response = await submit(complaintBody({ categoryCode: code }));
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          code: 'UNKNOWN_CATEGORY',
          fields: [{ path: 'categoryCode' }],
        });
      }
    } finally {
      await intake.schema.query(`UPDATE complaint_category SET active = true WHERE code = '13'`);
    }
    expect((await submit(complaintBody({ categoryCode: '1301' }))).statusCode).toBe(201);
  });

  it.each([
    ['missing', undefined, 'VALIDATION_FAILED'],
    ['unknown', '0199', 'UNKNOWN_CATEGORY'],
    ['malformed', '01;DROP TABLE complaint', 'VALIDATION_FAILED'],
    ['of the wrong type', 101, 'VALIDATION_FAILED'],
  ])('refuses a category that is %s, and stores nothing', async (_name, categoryCode, code) => {
    const before = await intake.schema.count('complaint');
    const response = await submit(complaintBody({ categoryCode }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code, fields: [{ path: 'categoryCode' }] });
    expect(await intake.schema.count('complaint')).toBe(before);
  });

  it.each([
    ['a province', '510000'],
    ['a city with counties', '510100'],
    ['a placeholder city (市辖区)', '110100'],
  ])('refuses %s as too coarse a division', async (_name, divisionCode) => {
    const response = await submit(complaintBody({ divisionCode }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'DIVISION_TOO_COARSE',
      fields: [
        {
          path: 'divisionCode',
          code: 'DIVISION_TOO_COARSE',
          message: '请选择到区县一级的行政区划',
        },
      ],
    });
  });

  it('accepts a county, and a city that has no counties (儋州市)', async () => {
    expect((await submit(complaintBody({ divisionCode: '510104' }))).statusCode).toBe(201);
    expect((await submit(complaintBody({ divisionCode: '460400' }))).statusCode).toBe(201);
  });

  it('stores the address, the coordinates and the consent to a public reply, and carries them with the category in the event', async () => {
    const body = complaintBody({
      categoryCode: '0902',
      address: '成都市锦江区某街道 12 号（河边）',
      location: { lat: 30.657, lng: 104.081 },
      replyPublicConsent: true,
    });
    const response = await submit(body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: 'submitted' });
    const [row] = await intake.schema.query<Record<string, unknown>>(
      'SELECT id, category_code, address, location_lat, location_lng, reply_public_consent FROM complaint WHERE tracking_code = $1',
      [response.json().trackingCode],
    );
    expect(row).toMatchObject({
      category_code: '0902',
      address: body.address,
      location_lat: 30.657,
      location_lng: 104.081,
      reply_public_consent: true,
    });
    const [{ envelope }] = await intake.schema.query<{
      envelope: { data: Record<string, unknown> };
    }>(
      "SELECT envelope FROM outbox WHERE subject = 'complaint-intake.complaint.submitted' AND envelope->'data'->>'complaintId' = $1",
      [row.id],
    );
    expect(envelope.data).toMatchObject({
      categoryCode: '0902',
      address: body.address,
      location: { lat: 30.657, lng: 104.081 },
      replyPublicConsent: true,
      attachments: [],
    });

    const view = (
      await intake.http.inject({
        method: 'GET',
        url: `/api/v1/complaints/${response.json().trackingCode}?queryCode=${response.json().queryCode}`,
      })
    ).json();
    expect(view).toMatchObject({
      category: { code: '0902', name: '水污染' },
      statusText: '已提交，等待登记',
      timeline: [{ step: 'submitted', status: 'submitted', note: '投诉已提交，等待登记' }],
    });
  });

  it('keeps the reply private unless the petitioner agrees', async () => {
    const response = await submit(complaintBody());
    const [row] = await intake.schema.query<{ reply_public_consent: boolean; address: null }>(
      'SELECT reply_public_consent, address FROM complaint WHERE tracking_code = $1',
      [response.json().trackingCode],
    );
    expect(row).toEqual({ reply_public_consent: false, address: null });
  });

  it.each([
    ['outside China', { lat: 48.85, lng: 2.35 }],
    ['in the ocean east of China', { lat: 30, lng: 150 }],
    ['with a missing longitude', { lat: 30 }],
    ['as strings', { lat: '30.6', lng: '104.0' }],
    ['with an extra field', { lat: 30.6, lng: 104, alt: 500 }],
  ])('refuses coordinates %s', async (_name, location) => {
    const response = await submit(complaintBody({ location }));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields[0].path).toMatch(/^location/);
  });
});
