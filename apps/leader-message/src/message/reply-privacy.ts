/** ID numbers (18 characters) and mainland mobile numbers: a public reply must carry neither. */
const PERSONAL_DATA = [/(?<!\d)\d{17}[\dXx](?!\d)/, /(?<!\d)1[3-9]\d{9}(?!\d)/];

/**
 * True when a reply text carries an ID or mobile number, also when written in groups
 * (138-0013-8000, 138 0013 8000) or with full-width digits. Landlines stay allowed: replies
 * name the organ's 咨询电话.
 */
export function carriesPersonalData(text: string): boolean {
  const compact = text.normalize('NFKC').replace(/(?<=\d)[\s\-‐–—.]+(?=\d)/g, '');
  return PERSONAL_DATA.some((pattern) => pattern.test(compact));
}
