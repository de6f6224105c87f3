import { NearDuplicateDetector, type TextFingerprint } from './near-duplicates.js';
import { searchWords } from './search-words.js';
import { ChineseSegmenter, type Keyword } from './segmenter.js';

/** Keywords per matter: the five statistics ranks topics by. */
export const MATTER_KEYWORDS = 5;

/** Everything kept about a matter's text when its case is registered. */
export interface MatterAnalysis {
  /** What near-duplicates (重复信访) are found by later: LSH keys, SimHash, weighted terms. */
  fingerprint: TextFingerprint;
  /** What full-text search finds the case by (see `searchWords`), space-separated. */
  searchWords: string;
  /** The matter's top TF-IDF keywords, best first. */
  keywords: Keyword[];
}

let detector: NearDuplicateDetector | undefined;
let segmenter: ChineseSegmenter | undefined;

/** The matter of a case as one text: what it is about and what the petitioner says. */
export const matterText = (title: string, content: string): string => `${title}\n${content}`;

/** Fingerprint, search words and keywords of one matter, on the shared jieba instance. */
export function analyseMatter(title: string, content: string): MatterAnalysis {
  segmenter ??= new ChineseSegmenter();
  detector ??= new NearDuplicateDetector({ segmenter });
  const text = matterText(title, content);
  return {
    fingerprint: detector.fingerprint(text),
    searchWords: searchWords(text),
    keywords: segmenter.keywords(text, MATTER_KEYWORDS),
  };
}
