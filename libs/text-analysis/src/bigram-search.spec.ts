import { anyBigramQuery, bigramSearchWords, bigramTerms } from './bigram-search.js';

describe('bigram search terms', () => {
  it('cuts runs of Han characters into overlapping two-character pieces', () => {
    expect(bigramTerms('随迁子女入学')).toEqual(['随迁', '迁子', '子女', '女入', '入学']);
  });

  it('finds the same pieces however a segmenter would have cut the phrase', () => {
    const indexed = new Set(bigramTerms('拖欠三个月工资'));
    expect(bigramTerms('工资拖欠').filter((term) => indexed.has(term))).toEqual(['工资', '拖欠']);
  });

  it('keeps Latin words and numbers whole, normalised to half-width lower case', () => {
    expect(bigramTerms('ＡＰＰ闪退 48小时 Wi-Fi')).toEqual([
      'app',
      '闪退',
      '48',
      '小时',
      'wi',
      'fi',
    ]);
  });

  it('keeps a lone Han character and drops pieces that are function words', () => {
    expect(bigramTerms('灯，什么')).toEqual(['灯']);
    expect(bigramTerms('我们的路灯')).not.toContain('我们');
  });

  it('indexes all texts of an entry as one list of distinct terms', () => {
    expect(bigramSearchWords('路灯维修', '路灯', 'abc')).toBe('路灯 灯维 维修 abc');
  });

  it('asks for any term of the query, quoted, and for nothing when there is none', () => {
    expect(anyBigramQuery("入学 it's")).toBe("'入学' | 'it' | 's'");
    expect(anyBigramQuery("o'neil\\")).toBe("'o' | 'neil'");
    expect(anyBigramQuery('，。！')).toBeNull();
    expect(anyBigramQuery('的了')).toBeNull();
  });
});
