import { redactLogFields, redactLogRecord, redactSensitiveText } from './redaction.js';

describe('redactSensitiveText', () => {
  it('removes resident ID numbers, including an X check digit', () => {
    expect(redactSensitiveText('身份证 51010419900307123X 已登记')).toBe(
      '身份证 [REDACTED_ID] 已登记',
    );
    expect(redactSensitiveText('id=110101199003074514;')).toBe('id=[REDACTED_ID];');
  });

  it('removes mobile numbers but leaves other numbers alone', () => {
    expect(redactSensitiveText('call 13800138000 about case 2026000123')).toBe(
      'call [REDACTED_PHONE] about case 2026000123',
    );
  });

  it('removes bearer tokens', () => {
    expect(redactSensitiveText('authorization: Bearer eyJhbGciOi.abc.def')).toBe(
      'authorization: Bearer [REDACTED]',
    );
  });
});

describe('redactLogRecord', () => {
  it('redacts nested strings without touching the original', () => {
    const record = { msg: 'ok', err: { message: 'duplicate 13800138000' }, list: ['13900139000'] };
    expect(redactLogRecord(record)).toEqual({
      msg: 'ok',
      err: { message: 'duplicate [REDACTED_PHONE]' },
      list: ['[REDACTED_PHONE]'],
    });
    expect(record.err.message).toBe('duplicate 13800138000');
  });

  it('censors personal and secret fields by name at any depth, whatever they hold', () => {
    const record = {
      complaint: { petitioner: { name: '张三', idNumber: '510104199003071237' } },
      login: { password: 'hunter2', token: 'abc', tries: 2 },
      deep: { a: { b: { phone: '138 0013 8000', queryCode: 'Q1' } } },
      headers: { authorization: 'Basic eDp5', cookie: 'sid=1', 'x-query-code': 'Q2' },
    };
    expect(redactLogRecord(record)).toEqual({
      complaint: { petitioner: '[REDACTED]' },
      login: { password: '[REDACTED]', token: '[REDACTED]', tries: 2 },
      deep: { a: { b: { phone: '[REDACTED]', queryCode: '[REDACTED]' } } },
      headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', 'x-query-code': '[REDACTED]' },
    });
    expect(record.login.password).toBe('hunter2');
  });

  it('returns a clean record as it is', () => {
    const record = {
      msg: 'request completed',
      req: { url: '/api/v1/complaints', id: 'abc' },
      n: 12,
    };
    expect(redactLogRecord(record)).toBe(record);
  });
});

describe('redactLogFields', () => {
  it('redacts every field of a record but the raw request and response, which have serializers', () => {
    const req = { url: '/api/v1/complaints?phone=13800138000', socket: { remote: '13900139000' } };
    const res = { statusCode: 201 };
    const record = { msg: 'sent to 13700137000', req, res, notice: { to: '13600136000' } };
    const redacted = redactLogFields(record);
    expect(redacted).toEqual({
      msg: 'sent to [REDACTED_PHONE]',
      req,
      res,
      notice: { to: '[REDACTED_PHONE]' },
    });
    expect(redacted.req).toBe(req);
    expect(record.msg).toBe('sent to 13700137000');
  });

  it('censors a top-level personal field by name', () => {
    expect(redactLogFields({ msg: 'x', idNumber: '51010419900307123X', phone: undefined })).toEqual(
      { msg: 'x', idNumber: '[REDACTED]', phone: undefined },
    );
  });
});
