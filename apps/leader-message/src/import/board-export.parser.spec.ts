import { decodeExport, parseBoardExport, parseBoardTime } from './board-export.parser.js';

const HEADER = '留言编号,留言类型,留言领域,留言标题,留言内容,留言人,联系电话,留言时间';

describe('reading a board export', () => {
  it('reads rows with the back office’s column titles, quoted commas and line breaks included', () => {
    const csv = [
      HEADER,
      'm-1,投诉,交通管理,"路口红绿灯, 时间太短","早高峰排队很长。\n请调整。",网友123,138-0013-8000,2027-03-01 09:30',
      'm-2,咨询,教育,入学政策,请问随迁子女如何入学？,网友456,,2027/03/02 10:00:05',
    ].join('\r\n');
    const { rows, faults } = parseBoardExport(csv);
    expect(faults).toEqual([]);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[0].message).toMatchObject({
      externalId: 'm-1',
      title: '路口红绿灯, 时间太短',
      content: '早高峰排队很长。\n请调整。',
      contactPhone: '13800138000',
      postedAt: new Date('2027-03-01T01:30:00Z'),
    });
    expect(rows[1].message.contactPhone).toBeNull();
    expect(rows[1].rating).toBeNull();
  });

  it('names every bad row with its spreadsheet row number and field code, never the value', () => {
    const csv = [
      HEADER,
      'm-1,投诉,交通管理,标题,内容,网友,,2027-03-01 09:30',
      'm-2,表扬,交通管理,,内容,网友,13800138000x,2027-02-30 09:30',
      ',咨询,教育,标题,内容,网友,,昨天',
    ].join('\n');
    const { faults } = parseBoardExport(csv);
    expect(faults.map((f) => [f.row, f.field, f.code])).toEqual([
      [3, 'title', 'REQUIRED'],
      [3, 'type', 'UNKNOWN_MESSAGE_TYPE'],
      [3, 'postedAt', 'INVALID_DATE'],
      [3, 'contactPhone', 'INVALID_PHONE'],
      [4, 'externalId', 'REQUIRED'],
      [4, 'postedAt', 'INVALID_DATE'],
    ]);
    expect(JSON.stringify(faults)).not.toContain('13800138000');
  });

  it('refuses control characters Postgres would not store', () => {
    const csv = `${HEADER}\nm-1,投诉,交通管理,标\u0000题,内容,网友,,2027-03-01 09:30`;
    expect(parseBoardExport(csv).faults.map((f) => [f.row, f.field, f.code])).toEqual([
      [2, 'title', 'INVALID_CHARACTER'],
    ]);
  });

  it('refuses a file without a required column, and one without data rows', () => {
    expect(parseBoardExport('留言编号,留言类型\nm-1,投诉').faults.map((f) => f.field)).toEqual([
      'domain',
      'title',
      'content',
      'authorName',
      'postedAt',
    ]);
    expect(parseBoardExport(HEADER).faults[0].code).toBe('NO_ROWS');
    expect(parseBoardExport('a,"b\nc').faults[0].code).toBe('MALFORMED_CSV');
  });

  it('reads the citizen’s stars when the export carries them', () => {
    const csv = `${HEADER},态度评价,速度评价,评价时间\nm-1,感谢,教育,谢谢,谢谢老师,网友,,2027-03-01 09:30,5,4,2027-03-10 08:00\nm-2,感谢,教育,谢谢,谢谢,网友,,2027-03-01 09:30,6,4,2027-03-10 08:00`;
    const { rows, faults } = parseBoardExport(csv);
    expect(rows[0].rating).toEqual({
      attitude: 5,
      speed: 4,
      ratedAt: new Date('2027-03-10T00:00:00Z'),
    });
    expect(faults.map((f) => [f.row, f.code])).toEqual([[3, 'INVALID_RATING']]);
  });

  it('decodes UTF-8 with a BOM and GB18030 as Excel saves it', () => {
    const text = `${HEADER}\nm-1,投诉,交通管理,标题,内容,网友,,2027-03-01 09:30`;
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(parseBoardExport(decodeExport(bom)).rows).toHaveLength(1);
    // 投诉 in GB18030.
    const gbk = Buffer.from([0xcd, 0xb6, 0xcb, 0xdf]);
    expect(decodeExport(gbk)).toBe('投诉');
  });

  it('takes zone-less times as Beijing time and refuses impossible dates', () => {
    expect(parseBoardTime('2027-03-01 08:00')).toEqual(new Date('2027-03-01T00:00:00Z'));
    expect(parseBoardTime('2027-03-01T08:00:00+08:00')).toEqual(new Date('2027-03-01T00:00:00Z'));
    expect(parseBoardTime('2027-13-01 08:00')).toBeNull();
    expect(parseBoardTime('2027-03-01 24:00')).toBeNull();
    expect(parseBoardTime('03/01/2027')).toBeNull();
  });
});
