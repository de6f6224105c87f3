import { XMLParser } from 'fast-xml-parser';
import {
  caseAcceptedEvent,
  caseRegisteredEvent,
  complaintSubmittedEvent,
} from '@minsheng/contracts';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import {
  ID_NUMBER,
  caseRegistered,
  intakeSubmitted,
  publish,
  registerClient,
  startGateway,
  type Loose,
  type TestClient,
} from './integrator-test-kit.js';

const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'attribute', 'value', 'error'].includes(name),
});

describe('Open311 GeoReport v2 over intake’s categories and complaints', () => {
  let gateway: InProcessService;
  let client: TestClient;

  beforeAll(async () => {
    gateway = await startGateway();
    client = await registerClient(gateway, { scopes: ['open311'], allowedDivisions: ['510100'] });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  const get = (url: string) => gateway.http.inject({ method: 'GET', url });

  /** A GeoReport v2 POST as civic-issue software sends it: form-encoded. */
  const post = (format: 'json' | 'xml', fields: Record<string, string>) =>
    gateway.http.inject({
      method: 'POST',
      url: `/open311/v2/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  const pothole = () => ({
    api_key: client.open311ApiKey!,
    service_code: '0303',
    lat: '30.657',
    long: '104.081',
    address_string: '锦江区春熙路 1 号',
    first_name: '三',
    last_name: '张',
    phone: '13912345678',
    description: '春熙路口路面塌陷，已有车辆受损。',
    'attribute[id_number]': ID_NUMBER,
    'attribute[division_code]': '510104',
  });

  it('lists services in JSON and XML as in the GeoReport v2 example', async () => {
    const json = await get('/open311/v2/services.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    const services = json.json() as Loose[];
    expect(services).toContainEqual({
      service_code: '0303',
      service_name: '道路建设与养护',
      description: '交通管理 · 道路建设与养护',
      metadata: true,
      type: 'realtime',
      keywords: '交通管理,道路建设与养护',
      group: '交通管理',
    });

    const asXml = await get('/open311/v2/services.xml');
    expect(asXml.headers['content-type']).toMatch(/^application\/xml/);
    expect(asXml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
    const parsed = xml.parse(asXml.body);
    expect(parsed.services.service).toHaveLength(services.length);
    expect(parsed.services.service).toContainEqual({
      service_code: '0303',
      service_name: '道路建设与养护',
      description: '交通管理 · 道路建设与养护',
      metadata: 'true',
      type: 'realtime',
      keywords: '交通管理,道路建设与养护',
      group: '交通管理',
    });
  });

  it('describes a service’s attributes, and answers 404 for an unknown one', async () => {
    const json = (await get('/open311/v2/services/0303.json')).json();
    expect(json.service_code).toBe('0303');
    expect(json.attributes.map((a: Loose) => [a.code, a.required])).toEqual([
      ['id_number', true],
      ['division_code', true],
      ['kind', false],
      ['title', false],
    ]);
    const parsed = xml.parse((await get('/open311/v2/services/0303.xml')).body);
    expect(parsed.service_definition.service_code).toBe('0303');
    expect(
      parsed.service_definition.attributes.attribute[2].values.value.map((v: Loose) => v.key),
    ).toEqual(['appeal', 'suggestion', 'accusation']);
    const unknown = await get('/open311/v2/services/7777.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([
      { code: 404, description: expect.stringMatching(/^NOT_FOUND/) },
    ]);
  });

  it('takes a POSTed request, answers a token, and serves it by id once intake gives it one', async () => {
    const created = await post('json', pothole());
    expect(created.statusCode).toBe(201);
    const [receipt] = created.json() as Loose[];
    expect(receipt).toEqual({
      token: expect.any(String),
      service_notice: expect.any(String),
      account_id: null,
    });
    expect((await get(`/open311/v2/tokens/${receipt.token}.json`)).json()).toEqual([
      { token: receipt.token },
    ]);

    const announced = intakeSubmitted(
      { kind: 'open311', id: client.clientId, reference: receipt.token },
      { categoryCode: '0303' },
    );
    await publish(gateway, complaintSubmittedEvent, announced);
    const tokens = await waitFor(
      async () => {
        const body = (await get(`/open311/v2/tokens/${receipt.token}.json`)).json() as Loose[];
        return body[0].service_request_id ? body : undefined;
      },
      { what: 'the service request id' },
    );
    expect(tokens).toEqual([{ token: receipt.token, service_request_id: announced.trackingCode }]);

    const id = announced.trackingCode;
    const byId = await get(`/open311/v2/requests/${id}.json?api_key=${client.open311ApiKey}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        status_notes: '投诉已提交，等待登记',
        service_name: '道路建设与养护',
        service_code: '0303',
        address: '锦江区春熙路 1 号',
        lat: 30.657,
        long: 104.081,
        requested_datetime: expect.any(String),
        updated_datetime: expect.any(String),
      }),
    ]);
    expect(byId.body).not.toContain(ID_NUMBER);
    expect(byId.body).not.toContain('13912345678');

    // The case is registered and accepted: the status notes follow it.
    const registered = caseRegistered(announced.complaintId);
    await publish(gateway, caseRegisteredEvent, registered);
    await publish(gateway, caseAcceptedEvent, {
      caseId: registered.caseId,
      petitionNumber: registered.petitionNumber,
      sourceComplaintId: announced.complaintId,
      divisionCode: '510104',
      status: 'accepted',
      previousStatus: 'registered',
      at: new Date(Date.now() + 1_000).toISOString(),
      actorOrganId: null,
      leadOrganId: null,
      coHandlingOrganIds: [],
      deadlines: {
        routeBy: new Date().toISOString(),
        acceptBy: new Date().toISOString(),
        objectBy: null,
        reportBy: null,
        concludeBy: null,
        reviewRequestBy: null,
        reviewDecideBy: null,
        reexaminationRequestBy: null,
        reexaminationDecideBy: null,
      },
      currentDeadline: null,
      notices: [],
      missedDeadlines: [],
      acceptedAt: new Date().toISOString(),
    });
    const asXml = await waitFor(
      async () => {
        const r = await get(`/open311/v2/requests/${id}.xml?api_key=${client.open311ApiKey}`);
        return r.body.includes('已受理') ? r : undefined;
      },
      { what: 'the accepted request' },
    );
    expect(asXml.headers['content-type']).toMatch(/^application\/xml/);
    const [request] = xml.parse(asXml.body).service_requests.request;
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '已受理',
      service_code: '0303',
    });

    const list = await get(
      `/open311/v2/requests.json?api_key=${client.open311ApiKey}&service_code=0303`,
    );
    expect((list.json() as Loose[]).map((r) => r.service_request_id)).toEqual([id]);
  });

  it('takes a POST in XML format too, and answers errors in GeoReport’s shape and format', async () => {
    const created = await post('xml', pothole());
    expect(created.statusCode).toBe(201);
    const [receipt] = xml.parse(created.body).service_requests.request;
    expect(receipt.token).toMatch(/^[0-9a-f-]{36}$/);

    const noKey = await post('json', { ...pothole(), api_key: '' });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json()).toEqual([
      { code: 401, description: expect.stringMatching(/^INTEGRATOR_SIGNATURE_REQUIRED/) },
    ]);
    const badKey = await post('xml', { ...pothole(), api_key: 'wrong' });
    expect(badKey.statusCode).toBe(401);
    expect(xml.parse(badKey.body).errors.error[0].description).toMatch(
      /^INTEGRATOR_CLIENT_UNKNOWN/,
    );

    const badService = await post('json', { ...pothole(), service_code: '7777' });
    expect(badService.statusCode).toBe(400);
    expect(badService.json()[0].description).toMatch(/^UNKNOWN_CATEGORY/);

    const missing = await post('json', { ...pothole(), 'attribute[id_number]': '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()[0].description).toContain('attribute[id_number]');

    const elsewhere = await post('json', { ...pothole(), 'attribute[division_code]': '510703' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()[0].description).toMatch(/^INTEGRATOR_DIVISION_NOT_ALLOWED/);

    expect((await get(`/open311/v2/requests.json`)).statusCode).toBe(401);
    expect((await get('/open311/v2/services.txt')).statusCode).toBe(404);
  });

  it('accepts a form body on /open311 only', async () => {
    const response = await gateway.http.inject({
      method: 'POST',
      url: '/exchange/v1/complaints',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=1',
    });
    expect([response.statusCode, response.json().code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });
});
