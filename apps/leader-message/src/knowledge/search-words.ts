import { ChineseSegmenter } from '@minsheng/text-analysis';

let segmenter: ChineseSegmenter | undefined;

const HAN = /^\p{Script=Han}{3,}$/u;

/** The overlapping two-character pieces of a word (城市道路 → 城市 市道 道路). */
function bigrams(word: string): string[] {
  const chars = [...word];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Two-character pieces covering a word (随迁子女 → 随迁 子女). */
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
 * Words separated by spaces for `to_tsvector('simple', …)` (its parser does not split Chinese):
 * jieba's words, and for longer Chinese words their two-character pieces too, since jieba cuts
 * the same phrase differently in different sentences.
 */
export function searchWords(...texts: string[]): string {
  const found = new Set<string>();
  for (const word of words(texts.join('\n'))) {
    found.add(word);
    if (HAN.test(word)) for (const piece of bigrams(word)) found.add(piece);
  }
  return [...found].join(' ');
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A `to_tsquery('simple', …)` text matching any word of the query (ranked by how many match): a
 * longer Chinese word as itself or as all its two-character pieces. Staff paste a message's
 * sentence to find what applies, so not every word needs to be there. `null` without words.
 */
export function anyWordQuery(text: string): string | null {
  const terms = [...new Set(words(text))].map((word) =>
    HAN.test(word) ? `(${quote(word)} | (${cover(word).map(quote).join(' & ')}))` : quote(word),
  );
  return terms.length > 0 ? terms.join(' | ') : null;
}
