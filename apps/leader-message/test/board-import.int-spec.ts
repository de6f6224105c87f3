import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { InProcessService } from '@minsheng/service-harness';
import {
  LeaderMessageKit,
  scheduler,
  startBoardSimulator,
  startService,
  testEnv,
  type BoardSimulator,
  type Json,
  type SimulatedBoard,
} from './support/leader-message-kit.js';

const DIVISION = '510104';
const HEADER = '留言编号,留言类型,留言领域,留言标题,留言内容,留言人,联系电话,留言时间';

describe('leader-message: the import path for a board worked through its back office', () => {
  let simulator: BoardSimulator;
  let service: InProcessService;
  let kit: LeaderMessageKit;
  let board: SimulatedBoard;
  let boardId: string;
  const clerk = { role: 'clerk' as const, division: DIVISION };

  beforeAll(async () => {
    simulator = await startBoardSimulator();
    service = await startService(testEnv(simulator));
    kit = new LeaderMessageKit(service);
    board = simulator.addBoard({ divisionCode: DIVISION, leaderName: '刘区长' });
    boardId = (await kit.configureBoard(board, 'leader-jinjiang', 'import')).id;
  });

  afterAll(async () => {
    await service?.stop();
    await simulator?.close();
  });

  const count = async () =>
    Number(
      (
        await service.schema.query<{ n: string }>(
          'SELECT count(*) AS n FROM board_message WHERE board_id = $1',
          [boardId],
        )
      )[0].n,
    );
  const upload = (csv: string) =>
    kit.call('POST', `/api/v1/boards/${boardId}/imports`, {
      ...clerk,
      contentType: 'text/csv; charset=utf-8',
      payload: Buffer.from(csv, 'utf8'),
    });

  it('stores the uploaded export once per board message id, however often it is uploaded', async () => {
    simulator.inject(board.boardId, 30, { contactPhone: '13700137000' });
    const first = await upload(simulator.exportCsv(board.boardId));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ rows: 30, inserted: 30, duplicates: 0, ratingsRecorded: 0 });

    // The next export overlaps the first: only the new messages are stored.
    simulator.inject(board.boardId, 5);
    const again = await upload(simulator.exportCsv(board.boardId));
    expect(again.json()).toEqual({ rows: 35, inserted: 5, duplicates: 30, ratingsRecorded: 0 });
    expect(await count()).toBe(35);
    expect(
      Number(
        (
          await service.schema.query<{ n: string }>(
            `SELECT count(*) AS n FROM outbox WHERE subject = 'leader-message.message.received'`,
          )
        )[0].n,
      ),
    ).toBe(35);
    // The contact is stored as ciphertext only and shown masked.
    const [row] = await service.schema.query<{ id: string; contact_phone_encrypted: string }>(
      `SELECT id, contact_phone_encrypted FROM board_message WHERE board_id = $1 LIMIT 1`,
      [boardId],
    );
    expect(row.contact_phone_encrypted).not.toContain('13700137000');
    const shown = await kit.ok(200, 'GET', `/api/v1/messages/${row.id}`, clerk);
    expect(shown.contactPhone).toBe('137****7000');

    // An import board is not pulled through the API.
    const calls = simulator.calls.ok + simulator.calls.failed;
    await scheduler(service.app).runOnce();
    expect(simulator.calls.ok + simulator.calls.failed).toBe(calls);
  });

  it('takes an export far larger than the JSON body limit when uploaded as the file itself', async () => {
    const big = simulator.addBoard({ divisionCode: DIVISION });
    const bigId = (await kit.configureBoard(big, 'leader-big', 'import')).id;
    simulator.inject(big.boardId, 1_500, { content: '小区周边道路积水严重，'.repeat(30) });
    const csv = simulator.exportCsv(big.boardId);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const asJson = await kit.call('POST', `/api/v1/boards/${bigId}/imports`, {
      ...clerk,
      payload: { csv },
    });
    expect([asJson.statusCode, asJson.json().code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const asFile = await kit.call('POST', `/api/v1/boards/${bigId}/imports`, {
      ...clerk,
      contentType: 'text/csv',
      payload: Buffer.from(csv),
    });
    expect(asFile.json()).toMatchObject({ rows: 1_500, inserted: 1_500 });
  });

  /** The export as the back office's "导出 Excel" gives it: one sheet, dates as real dates. */
  async function asWorkbook(csv: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('留言');
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    sheet.addRow(header);
    const at = header.indexOf('留言时间');
    for (const row of rows) {
      const cells: Array<string | Date> = [...row];
      // Excel stores the wall clock; exceljs writes a Date's UTC fields as that wall clock.
      if (at >= 0 && row[at]) cells[at] = new Date(`${row[at].replace(' ', 'T')}Z`);
      sheet.addRow(cells);
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('takes the export as an Excel workbook, with the same rows and times as its CSV', async () => {
    const sheetBoard = simulator.addBoard({ divisionCode: DIVISION });
    const sheetId = (await kit.configureBoard(sheetBoard, 'leader-sheet', 'import')).id;
    simulator.inject(sheetBoard.boardId, 12);
    const csv = simulator.exportCsv(sheetBoard.boardId);
    const uploaded = await kit.call('POST', `/api/v1/boards/${sheetId}/imports`, {
      ...clerk,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      payload: await asWorkbook(csv),
    });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json()).toMatchObject({ rows: 12, inserted: 12 });
    const [header, ...rows] = parse(csv, { bom: true }) as string[][];
    const id = header.indexOf('留言编号');
    const at = header.indexOf('留言时间');
    const stored = await service.schema.query<{ external_id: string; posted_at: Date }>(
      'SELECT external_id, posted_at FROM board_message WHERE board_id = $1',
      [sheetId],
    );
    const postedAt = new Map(stored.map((r) => [r.external_id, r.posted_at.toISOString()]));
    for (const row of rows) {
      const china = new Date(`${row[at].replace(' ', 'T')}+08:00`).toISOString();
      expect(postedAt.get(row[id])).toBe(china);
    }
  });

  it('refuses a file that claims to be a workbook but is not one, storing nothing', async () => {
    const before = await count();
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
    const refused = await kit.call('POST', `/api/v1/boards/${boardId}/imports`, {
      ...clerk,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      payload: broken,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({ code: 'MALFORMED_WORKBOOK' });
    expect(await count()).toBe(before);
  });

  it('refuses an export with bad rows whole, naming each row and field, and stores nothing', async () => {
    const before = await count();
    const csv = [
      HEADER,
      'bad-1,投诉,交通管理,路灯不亮,小区路灯坏了,网友1,,2027-03-01 09:30',
      'bad-2,表扬,交通管理,路灯不亮,小区路灯坏了,网友2,,2027-03-01 09:30',
      'bad-3,咨询,教育,,请问入学政策,网友3,12ab,2027-03-01 25:00',
    ].join('\n');
    const refused = await kit.call('POST', `/api/v1/boards/${boardId}/imports`, {
      ...clerk,
      payload: { csv },
    });
    expect(refused.statusCode).toBe(400);
    const body: Json = refused.json();
    expect(body.code).toBe('INVALID_IMPORT');
    expect(body.fields.map((f: Json) => [f.path, f.code])).toEqual([
      ['rows.3.type', 'UNKNOWN_MESSAGE_TYPE'],
      ['rows.4.title', 'REQUIRED'],
      ['rows.4.postedAt', 'INVALID_DATE'],
      ['rows.4.contactPhone', 'INVALID_PHONE'],
    ]);
    expect(await count()).toBe(before);

    const missingColumn = await upload('留言编号,留言标题\nx,y');
    expect(missingColumn.statusCode).toBe(400);
    expect(missingColumn.json().fields[0]).toMatchObject({ code: 'MISSING_COLUMN' });
    const notCsv = await upload('留言编号,"未闭合\n');
    expect(notCsv.json().fields[0].code).toBe('MALFORMED_CSV');
    const empty = await kit.call('POST', `/api/v1/boards/${boardId}/imports`, {
      ...clerk,
      payload: { csv: '' },
    });
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const elsewhere = await kit.call('POST', `/api/v1/boards/${boardId}/imports`, {
      role: 'clerk',
      division: '510105',
      payload: { csv: `${HEADER}\nx,投诉,教育,t,c,a,,2027-03-01 09:30` },
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('publishes by hand in the back office, takes the pasted confirmation and reads the stars from the next export', async () => {
    const [posted] = simulator.inject(board.boardId, 1, { type: '咨询' });
    await upload(simulator.exportCsv(board.boardId));
    const id = await kit.messageId(posted.messageId);
    const path = (suffix = '') => `/api/v1/messages/${id}${suffix}`;
    await kit.ok(200, 'POST', path('/claim'), { ...clerk, payload: {} });
    await kit.ok(200, 'POST', path('/assignment'), {
      ...clerk,
      payload: { leadOrgan: { id: 'organ-edu', name: '区教育局' } },
    });
    const text = '根据《义务教育法》，适龄儿童在户籍所在地学校就近入学。';
    await kit.ok(201, 'POST', path('/drafts'), {
      role: 'handler',
      division: DIVISION,
      payload: { text },
    });
    await kit.ok(200, 'POST', path('/review'), {
      role: 'leader',
      division: DIVISION,
      payload: { decision: 'approve' },
    });
    // Without the API the scheduler does not publish: staff do, in the board's back office.
    await scheduler(service.app).runOnce();
    expect(simulator.message(board.boardId, posted.messageId)?.reply).toBeNull();
    const receipt = simulator.replyByHand(board.boardId, posted.messageId, text);

    const early = await kit.call('POST', path('/publication'), {
      ...clerk,
      payload: { publishedText: text, publishedAt: 'yesterday' },
    });
    expect(early.statusCode).toBe(400);
    const published = await kit.ok(200, 'POST', path('/publication'), {
      ...clerk,
      payload: {
        publishedText: receipt.text,
        publishedAt: receipt.publishedAt,
        boardReplyId: receipt.replyId,
      },
    });
    expect(published.status).toBe('published');
    expect(published.publication).toEqual({ text, at: receipt.publishedAt });
    const twice = await kit.call('POST', path('/publication'), {
      ...clerk,
      payload: { publishedText: text, publishedAt: receipt.publishedAt },
    });
    expect(twice.json().code).toBe('INVALID_MESSAGE_STATE');

    simulator.rate(board.boardId, posted.messageId, { attitude: 4, speed: 5 });
    const rated = await upload(simulator.exportCsv(board.boardId));
    expect(rated.json()).toMatchObject({ inserted: 0, ratingsRecorded: 1 });
    const done = await kit.ok(200, 'GET', path(), clerk);
    expect(done.rating).toMatchObject({ attitude: 4, speed: 5 });
    // A later export with the same stars records nothing new.
    expect((await upload(simulator.exportCsv(board.boardId))).json().ratingsRecorded).toBe(0);

    const rates = await kit.ok(
      200,
      'GET',
      '/api/v1/leader-message-rates?leaderId=leader-jinjiang',
      {
        role: 'analyst',
        division: DIVISION,
      },
    );
    expect(rates.leaders[0]).toMatchObject({
      reply: { onTime: 1, late: 0 },
      ratings: { count: 1, attitude: 4, speed: 5 },
    });
  });

  it('refuses a pasted confirmation for a board that publishes through its API', async () => {
    const apiBoard = simulator.addBoard({ divisionCode: DIVISION });
    await kit.configureBoard(apiBoard, 'leader-api');
    const [posted] = simulator.inject(apiBoard.boardId, 1);
    await scheduler(service.app).runOnce();
    const id = await kit.messageId(posted.messageId);
    const refused = await kit.call('POST', `/api/v1/messages/${id}/publication`, {
      ...clerk,
      payload: { publishedText: '已答复', publishedAt: new Date().toISOString() },
    });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'BOARD_PUBLISHES_ITSELF']);
  });
});
