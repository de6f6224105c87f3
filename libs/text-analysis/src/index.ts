export {
  NearDuplicateDetector,
  NEAR_DUPLICATE_THRESHOLD,
  PLACE_OR_NAME_WEIGHT,
  DIFFERENT_PLACE_FACTOR,
  similarity,
  fingerprint,
  type TextFingerprint,
  type NearDuplicateResult,
  type NearDuplicateOptions,
} from './near-duplicates.js';
export {
  ChineseSegmenter,
  type Keyword,
  type SegmenterOptions,
  type TaggedToken,
} from './segmenter.js';
export {
  simhash,
  simhashToHex,
  simhashFromHex,
  hammingDistance,
  SimHashIndex,
  type SimHashCandidate,
} from './simhash.js';
export {
  minhashSignature,
  estimateJaccard,
  lshBandKeys,
  MinHashLshIndex,
  MINHASH_SIZE,
  LSH_BANDS,
  type MinHashCandidate,
} from './minhash.js';
export { STOP_WORDS, FUNCTION_WORDS, PETITION_BOILERPLATE } from './stop-words.js';
export { CONCEPT_GROUPS, DOMAIN_WORDS, USER_WORDS, PLACE_SUFFIXES } from './petition-lexicon.js';
export { searchWords, allWordsQuery, anyWordQuery } from './search-words.js';
export { bigramTerms, bigramSearchWords, anyBigramQuery } from './bigram-search.js';
export {
  analyseMatter,
  matterText,
  MATTER_KEYWORDS,
  type MatterAnalysis,
} from './matter-analysis.js';
