import type { WrittenNoticeType } from '@minsheng/contracts';
import { chinaDateOf, type LegalRoute } from '@minsheng/domain';

/** What a notice may say about the case; every text is already fit to show the petitioner. */
export interface NoticeContext {
  /** The petitioner's masked name (张*): notices travel to intake and must not carry more. */
  petitionerName: string;
  petitionNumber: string;
  title: string;
  registeredAt: Date;
  issuedAt: Date;
  issuingOrganName: string;
  routing: 'transfer' | 'assign' | null;
  leadOrganName: string | null;
  coHandlingOrganNames: string[];
  reason: string | null;
  opinion: string | null;
  extensionDays: number | null;
  legalRoute: LegalRoute | null;
  concludeBy: Date | null;
  reviewRequestBy: Date | null;
  reexaminationRequestBy: Date | null;
  reviewRequestedAt: Date | null;
  reexaminationRequestedAt: Date | null;
  originalOrganName: string | null;
  reviewOrganName: string | null;
}

export interface RenderedNotice {
  title: string;
  text: string;
}

/** `2026-10-08` → `2026年10月8日`, in China Standard Time. */
export function chineseDate(at: Date): string {
  const [y, m, d] = chinaDateOf(at).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name's first character stays. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

const LEGAL_ROUTE_WORDS: Record<LegalRoute, string> = {
  litigation: '诉讼',
  arbitration: '仲裁',
  'administrative-reconsideration': '行政复议',
};

const date = (at: Date | null) => (at ? chineseDate(at) : '（未定）');

function document(title: string, c: NoticeContext, paragraphs: string[]): RenderedNotice {
  const body = paragraphs.map((p) => `　　${p}`).join('\n');
  return {
    title,
    text: `${title}\n\n${c.petitionerName}：\n${body}\n\n${c.issuingOrganName}\n${chineseDate(c.issuedAt)}\n`,
  };
}

/** 你于…提出的信访事项（编号…，事由：…） */
const matter = (c: NoticeContext) =>
  `你于${chineseDate(c.registeredAt)}提出的信访事项（编号：${c.petitionNumber}，事由：${c.title}）`;

/**
 * The written notices (书面告知) of the statutory workflow, in the wording of the national
 * regulation on petition work (《信访工作条例》). Plain functions: each notice is one paragraph or
 * three, and a template engine would add a dependency and a second language for no gain.
 */
export const NOTICE_TEMPLATES: Readonly<
  Record<WrittenNoticeType, (c: NoticeContext) => RenderedNotice>
> = {
  routing: (c) => {
    const verb = c.routing === 'assign' ? '交办' : '转送';
    const co = c.coHandlingOrganNames.length ? `，${c.coHandlingOrganNames.join('、')}协办` : '';
    return document(`${verb}告知书`, c, [
      `${matter(c)}，本机关已收悉。根据属地管理、分级负责，谁主管、谁负责的原则，本机关已将该事项${verb}${c.leadOrganName ?? '有权处理的机关'}（主办${co}）办理，由其依法处理并告知你。`,
      '特此告知。',
    ]);
  },
  acceptance: (c) =>
    document('受理告知书', c, [
      `${matter(c)}，本机关已收悉。经审查，该事项属于本机关职权范围，根据《信访工作条例》的有关规定，决定予以受理。`,
      `本机关将自受理之日起六十日内办结，并出具书面答复意见（办结期限：${date(c.concludeBy)}）。`,
      '特此告知。',
    ]),
  'non-acceptance': (c) =>
    document('不予受理告知书', c, [
      `${matter(c)}，本机关已收悉。经审查，根据《信访工作条例》的有关规定，本机关决定不予受理，理由如下：${c.reason ?? ''}`,
      '特此告知。',
    ]),
  'legal-route': (c) => {
    const route = c.legalRoute ? LEGAL_ROUTE_WORDS[c.legalRoute] : '诉讼、仲裁或行政复议';
    return document('依法分类处理告知书', c, [
      `${matter(c)}，本机关已收悉。经审查，该事项应当依法通过${route}途径解决，理由如下：${c.reason ?? ''}`,
      `请你依照有关法律、行政法规规定的程序向有关机关提出。`,
      '特此告知。',
    ]);
  },
  extension: (c) =>
    document('延期告知书', c, [
      `${matter(c)}，本机关已依法受理。因${c.reason ?? '情况复杂'}，经本机关负责人批准，该事项办理期限延长${c.extensionDays ?? ''}日，延长后的办结期限为${date(c.concludeBy)}。`,
      '特此告知。',
    ]),
  'handling-opinion': (c) =>
    document('信访事项处理意见书', c, [
      `${matter(c)}，本机关依法受理后，经调查核实，现提出处理意见如下：`,
      c.opinion ?? '',
      `你如对本处理意见不服，可以自收到本意见书之日起三十日内，请求原办理机关的上一级机关复查（复查请求期限：${date(c.reviewRequestBy)}）。`,
    ]),
  'review-opinion': (c) =>
    document('信访事项复查意见书', c, [
      `你不服${c.originalOrganName ?? '原办理机关'}对信访事项（编号：${c.petitionNumber}，事由：${c.title}）作出的处理意见，于${date(c.reviewRequestedAt)}请求复查。本机关经复查，提出复查意见如下：`,
      c.opinion ?? '',
      `你如对本复查意见不服，可以自收到本意见书之日起三十日内，向复查机关的上一级机关请求复核（复核请求期限：${date(c.reexaminationRequestBy)}）。`,
    ]),
  'reexamination-opinion': (c) =>
    document('信访事项复核意见书', c, [
      `你不服${c.reviewOrganName ?? '复查机关'}对信访事项（编号：${c.petitionNumber}，事由：${c.title}）作出的复查意见，于${date(c.reexaminationRequestedAt)}请求复核。本机关经复核，提出复核意见如下：`,
      c.opinion ?? '',
      '本复核意见为该信访事项的最终处理意见。你对复核意见不服，仍以同一事实和理由提出信访的，信访工作机构和有关机关不再受理。',
    ]),
};
