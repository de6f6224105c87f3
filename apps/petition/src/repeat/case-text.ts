import { NearDuplicateDetector, type TextFingerprint } from '@minsheng/text-analysis';

// Comparing stored fingerprints needs no segmenter: the detector loads jieba only to read text.
let detector: NearDuplicateDetector | undefined;

/** How alike two stored matters are, in [0, 1] (the library's weighted term Jaccard). */
export function matterSimilarity(a: TextFingerprint, b: TextFingerprint): number {
  detector ??= new NearDuplicateDetector();
  return detector.similarity(a, b);
}
