import { carriesPersonalData } from './reply-privacy.js';

describe('personal data in a public reply', () => {
  it.each([
    '请联系 13800138000',
    '请联系 138-0013-8000',
    '请联系 138 0013 8000',
    '请联系 １３８００１３８０００',
    '身份证 51010419900101123X',
    '身份证 510104 19900101 1234',
  ])('finds it in “%s”', (text) => {
    expect(carriesPersonalData(text)).toBe(true);
  });

  it.each([
    '咨询电话 028-86620000',
    '已于2027年3月5日修复，编号 20270305001。',
    '依据《城市道路管理条例》第12条处理。',
  ])('lets “%s” through', (text) => {
    expect(carriesPersonalData(text)).toBe(false);
  });
});
