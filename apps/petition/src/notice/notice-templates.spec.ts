import { NOTICE_TEMPLATES, chineseDate, maskName, type NoticeContext } from './notice-templates.js';

const context: NoticeContext = {
  petitionerName: '张*',
  petitionNumber: '510104-2026-000001',
  title: '小区电梯长期故障',
  registeredAt: new Date('2026-09-30T16:30:00Z'),
  issuedAt: new Date('2026-10-09T02:00:00Z'),
  issuingOrganName: '成都市锦江区住房和城乡建设局',
  routing: 'transfer',
  leadOrganName: '成都市锦江区住房和城乡建设局',
  coHandlingOrganNames: ['成都市锦江区市场监督管理局'],
  reason: null,
  opinion: null,
  extensionDays: null,
  legalRoute: null,
  concludeBy: new Date('2026-12-31T15:59:59.999Z'),
  reviewRequestBy: null,
  reexaminationRequestBy: null,
  reviewRequestedAt: null,
  reexaminationRequestedAt: null,
  originalOrganName: null,
  reviewOrganName: null,
};

describe('written notices', () => {
  it('mask the petitioner’s name to the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王')).toBe('*');
  });

  it('date in China Standard Time, whatever the server’s zone', () => {
    expect(chineseDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026年10月1日');
  });

  it('tell the petitioner of acceptance with the matter, the 60-day promise and the deadline', () => {
    const { title, text } = NOTICE_TEMPLATES.acceptance(context);
    expect(title).toBe('受理告知书');
    expect(text).toContain('张*：');
    expect(text).toContain(
      '你于2026年10月1日提出的信访事项（编号：510104-2026-000001，事由：小区电梯长期故障）',
    );
    expect(text).toContain('六十日内办结');
    expect(text).toContain('办结期限：2026年12月31日');
    expect(text.trim().endsWith('2026年10月9日')).toBe(true);
  });

  it('name the lead and co-handling organs when routing', () => {
    const { title, text } = NOTICE_TEMPLATES.routing(context);
    expect(title).toBe('转送告知书');
    expect(text).toContain(
      '转送成都市锦江区住房和城乡建设局（主办，成都市锦江区市场监督管理局协办）',
    );
    expect(NOTICE_TEMPLATES.routing({ ...context, routing: 'assign' }).title).toBe('交办告知书');
  });

  it('give the reason when declining and the legal route when routing out', () => {
    expect(NOTICE_TEMPLATES['non-acceptance']({ ...context, reason: '已经终结' }).text).toContain(
      '理由如下：已经终结',
    );
    expect(
      NOTICE_TEMPLATES['legal-route']({
        ...context,
        legalRoute: 'administrative-reconsideration',
        reason: '属于行政行为',
      }).text,
    ).toContain('行政复议途径');
  });
});
