import { anyWordQuery, searchWords } from './search-words.js';

describe('knowledge search words', () => {
  it('indexes jieba’s words and the two-character pieces of longer ones', () => {
    const words = searchWords('随迁子女入学政策', '义务教育阶段随迁子女就近入学。').split(' ');
    expect(words).toEqual(expect.arrayContaining(['入学', '政策', '随迁']));
    expect(words).not.toContain('。');
  });

  it('asks for any word of the query, a longer word also as its pieces, punctuation dropped', () => {
    expect(anyWordQuery("孩子入学 it's")).toBe("'孩子' | '入学' | 'it' | 's'");
    expect(anyWordQuery('就近入学')).toBe("('就近入学' | ('就近' & '入学'))");
    expect(anyWordQuery('，。！')).toBeNull();
  });
});
