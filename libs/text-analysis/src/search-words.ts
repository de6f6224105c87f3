import { ChineseSegmenter } from './segmenter.js';

let segmenter: ChineseSegmenter | undefined;

const HAN = /^\p{Script=Han}{3,}$/u;

/** The overlapping two-character pieces of a word (建筑工地 → 建筑 筑工 工地). */
function bigrams(word: string): string[] {
  const chars = [...word];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Two-character pieces covering a word (拖欠工资 → 拖欠 工资; 农民工 → 农民 民工). */
function cover(word: string): string[] {
  const pieces = bigrams(word);
  const chosen = pieces.filter((_, i) => i % 2 === 0);
  if (pieces.length % 2 === 0) chosen.push(pieces[pieces.length - 1]);
  return [...new Set(chosen)];
}

function words(text: string): string[] {
  segmenter ??= new ChineseSegmenter();
  return segmenter.tokens(text);
}

/**
 * Words separated by spaces, for Postgres full-text search with the `simple` configuration (its
 * parser does not split Chinese): jieba's words, and for longer Chinese words their two-character
 * pieces too, because jieba cuts the same phrase differently in different sentences (三个月工资 →
 * 三个 月工资, but 拖欠工资 stays whole).
 */
export function searchWords(...texts: string[]): string {
  const found = new Set<string>();
  for (const word of words(texts.join('\n'))) {
    found.add(word);
    if (HAN.test(word)) for (const piece of bigrams(word)) found.add(piece);
  }
  return [...found].join(' ');
}

/** A lexeme quoted for `to_tsquery` (backslashes and single quotes escaped). */
export const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function terms(text: string): string[] {
  return [...new Set(words(text))].map((word) =>
    HAN.test(word) ? `(${quote(word)} | (${cover(word).map(quote).join(' & ')}))` : quote(word),
  );
}

/**
 * A `to_tsquery('simple', …)` text matching every word of the query: a longer Chinese word as
 * itself or as all its two-character pieces. `null` when the query has no words at all.
 */
export function allWordsQuery(text: string): string | null {
  const found = terms(text);
  return found.length > 0 ? found.join(' & ') : null;
}

/**
 * The same, matching any word (rank by how many match): for pasting a whole sentence to find
 * what applies to it, where not every word needs to be there.
 */
export function anyWordQuery(text: string): string | null {
  const found = terms(text);
  return found.length > 0 ? found.join(' | ') : null;
}
