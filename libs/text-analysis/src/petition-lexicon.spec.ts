import { CONCEPT_GROUPS, DOMAIN_WORDS, PLACE_SUFFIXES, USER_WORDS } from './petition-lexicon.js';
import { ChineseSegmenter } from './segmenter.js';
import { STOP_WORDS } from './stop-words.js';

const conceptWords = Object.values(CONCEPT_GROUPS).flat();

describe('petition lexicon', () => {
  it('puts every word in at most one concept group', () => {
    const duplicates = conceptWords.filter((word, i) => conceptWords.indexOf(word) !== i);
    expect(duplicates).toEqual([]);
  });

  it('never lists a concept, domain or place word as a stop word', () => {
    const stop = new Set(STOP_WORDS);
    expect(
      [...conceptWords, ...DOMAIN_WORDS, ...PLACE_SUFFIXES].filter((w) => stop.has(w)),
    ).toEqual([]);
  });

  it('segments every concept and domain word as one token, so it can match', () => {
    const segmenter = new ChineseSegmenter({ stopWords: [] });
    const split = [...conceptWords, ...DOMAIN_WORDS].filter(
      (word) => segmenter.tokens(word).join('|') !== word,
    );
    expect(split).toEqual([]);
  });

  it('loads the domain words and the multi-character concept words as the user dictionary', () => {
    expect(USER_WORDS).toEqual(expect.arrayContaining([...DOMAIN_WORDS, '青苗费', '追咬']));
    expect(USER_WORDS).not.toContain('坏');
    expect(new Set(USER_WORDS).size).toBe(USER_WORDS.length);
  });
});
