import {
  ChineseSegmenter,
  NearDuplicateDetector,
  type TextFingerprint,
} from '@minsheng/text-analysis';

let segmenter: ChineseSegmenter | undefined;
let detector: NearDuplicateDetector | undefined;

/** The matter of a case as one text: what it is about and what the petitioner says. */
const matterText = (title: string, content: string) => `${title}\n${content}`;

/** What is stored to find a case's near-duplicates later (LSH keys, SimHash, weighted terms). */
export function caseFingerprint(title: string, content: string): TextFingerprint {
  detector ??= new NearDuplicateDetector();
  return detector.fingerprint(matterText(title, content));
}

/** How alike two stored matters are, in [0, 1] (the library's weighted term Jaccard). */
export function matterSimilarity(a: TextFingerprint, b: TextFingerprint): number {
  detector ??= new NearDuplicateDetector();
  return detector.similarity(a, b);
}

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
export function caseSearchWords(title: string, content: string): string {
  const found = new Set<string>();
  for (const word of words(matterText(title, content))) {
    found.add(word);
    if (HAN.test(word)) for (const piece of bigrams(word)) found.add(piece);
  }
  return [...found].join(' ');
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A `to_tsquery('simple', …)` text matching every word of the query: a longer Chinese word as
 * itself or as all its two-character pieces. `null` when the query has no words at all.
 */
export function searchQuery(text: string): string | null {
  const terms = words(text).map((word) =>
    HAN.test(word) ? `(${quote(word)} | (${cover(word).map(quote).join(' & ')}))` : quote(word),
  );
  return terms.length > 0 ? terms.join(' & ') : null;
}
