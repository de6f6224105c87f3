import {
  NearDuplicateDetector,
  allWordsQuery,
  searchWords,
  type TextFingerprint,
} from '@minsheng/text-analysis';

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

/** What full-text search finds a case by (see `searchWords`). */
export function caseSearchWords(title: string, content: string): string {
  return searchWords(matterText(title, content));
}

/** A query matching cases that have every word of `text`. */
export const searchQuery = allWordsQuery;
