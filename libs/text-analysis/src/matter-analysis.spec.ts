import { allWordsQuery } from './search-words.js';
import { analyseMatter, MATTER_KEYWORDS } from './matter-analysis.js';
import { fingerprint } from './near-duplicates.js';

describe('a matter’s analysis', () => {
  const title = '讨薪';
  const content = '包工头拖欠三个月工资，多次讨要无果';

  it('indexes jieba’s words and the two-character pieces of longer Chinese words', () => {
    const words = analyseMatter(title, content).searchWords.split(' ');
    expect(words).toEqual(expect.arrayContaining(['包工头', '包工', '工头', '拖欠', '工资']));
  });

  it('fingerprints the title and content as one text, as repeat detection compares them', () => {
    expect(analyseMatter(title, content).fingerprint).toEqual(fingerprint(`${title}\n${content}`));
  });

  it('ranks at most five keywords, best first', () => {
    const { keywords } = analyseMatter(title, content);
    expect(keywords.length).toBeGreaterThan(0);
    expect(keywords.length).toBeLessThanOrEqual(MATTER_KEYWORDS);
    expect(keywords.map((k) => k.keyword)).toContain('拖欠');
    const weights = keywords.map((k) => k.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });
});

describe('a search text’s query', () => {
  it('matches a longer query word as itself or as all of its pieces', () => {
    expect(allWordsQuery('拖欠工资')).toBe("('拖欠工资' | ('拖欠' & '工资'))");
    expect(allWordsQuery('电梯 故障')).toBe("'电梯' & '故障'");
  });

  it('keeps query syntax typed by staff out of the query, and gives nothing for no words', () => {
    expect(allWordsQuery("o'brien | !x")).toBe("'o' & 'brien' & 'x'");
    expect(allWordsQuery('，。！')).toBeNull();
  });
});
