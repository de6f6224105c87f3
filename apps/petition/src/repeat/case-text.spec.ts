import { caseSearchWords, searchQuery } from './case-text.js';

describe('full-text search words', () => {
  it('index jieba’s words and the two-character pieces of longer Chinese words', () => {
    const words = caseSearchWords('讨薪', '包工头拖欠三个月工资').split(' ');
    expect(words).toEqual(expect.arrayContaining(['包工头', '包工', '工头', '拖欠', '工资']));
  });

  it('match a longer query word as itself or as all of its pieces', () => {
    expect(searchQuery('拖欠工资')).toBe("('拖欠工资' | ('拖欠' & '工资'))");
    expect(searchQuery('电梯 故障')).toBe("'电梯' & '故障'");
  });

  it('keep query syntax typed by staff out of the query, and give nothing for no words', () => {
    expect(searchQuery("o'brien | !x")).toBe("'o' & 'brien' & 'x'");
    expect(searchQuery('，。！')).toBeNull();
  });
});
