import {
  ChineseSegmenter,
  NearDuplicateDetector,
  allWordsQuery,
  searchWords,
  type Keyword,
  type TextFingerprint,
} from '@minsheng/text-analysis';

let detector: NearDuplicateDetector | undefined;
let segmenter: ChineseSegmenter | undefined;

/** Keywords per matter in `petition.case.registered`: the five statistics ranks topics by. */
export const MATTER_KEYWORDS = 5;

/** The matter of a case as one text: what it is about and what the petitioner says. */
const matterText = (title: string, content: string) => `${title}\n${content}`;

/** What is stored to find a case's near-duplicates later (LSH keys, SimHash, weighted terms). */
export function caseFingerprint(title: string, content: string): TextFingerprint {
  detector ??= new NearDuplicateDetector();
  return detector.fingerprint(matterText(title, content));
}

/**
 * The matter's top TF-IDF keywords, best first. Computed here, where jieba is loaded anyway, and
 * sent with the case so statistics need not load a segmenter of its own.
 */
export function matterKeywords(title: string, content: string): Keyword[] {
  segmenter ??= new ChineseSegmenter();
  return segmenter.keywords(matterText(title, content), MATTER_KEYWORDS);
}

/** How alike two stored matters are, in [0, 1] (the library's weighted term Jaccard). */
export function matterSimilarity(a: TextFingerprint, b: TextFingerprint): number {
  detector ??= new NearDuplicateDetector();
  return detector.similarity(a, b);
}

/** What full-text search finds a case by (see `searchWords`). */
export function caseSearchWords(title: string, content: string): string {
  return searchWords(matterText(title, content));
}

/** A query matching cases that have every word of `text`. */
export const searchQuery = allWordsQuery;
