import { quote } from './search-words.js';
import { normalizeText } from './segmenter.js';
import { STOP_WORDS } from './stop-words.js';

/*
 * Chinese full-text search without a segmenter, the way Lucene's CJK analyzer and pg_bigm index it:
 * runs of Han characters as their overlapping two-character pieces (随迁子女 → 随迁 迁子 子女), a
 * lone Han character as itself, Latin words and numbers whole. A query finds what shares its
 * pieces whichever way a segmenter would have cut the phrase (三个月工资 / 拖欠工资), and a process
 * that only searches need not hold jieba's dictionary (≈ 41 MiB native).
 */

const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const HAN = /^\p{Script=Han}/u;
const STOP = new Set(STOP_WORDS);

/**
 * Pieces that are function words (什么, 我们, 的) or made of two of them (的了, 是在) would match
 * almost every entry.
 */
function isFunctionPiece(term: string): boolean {
  if (STOP.has(term)) return true;
  const chars = [...term];
  return chars.length === 2 && STOP.has(chars[0]) && STOP.has(chars[1]);
}

/** The distinct search terms of the texts, in order of first appearance. */
export function bigramTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  const normalised = normalizeText(texts.join('\n'));
  for (const [run] of normalised.matchAll(RUN)) {
    if (!HAN.test(run)) {
      terms.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) terms.add(run);
    for (let i = 1; i < chars.length; i++) terms.add(chars[i - 1] + chars[i]);
  }
  return [...terms].filter((term) => !isFunctionPiece(term));
}

/** The terms separated by spaces, for `to_tsvector('simple', …)`. */
export function bigramSearchWords(...texts: string[]): string {
  return bigramTerms(...texts).join(' ');
}

/**
 * A `to_tsquery('simple', …)` text matching entries that share any term with the query (rank by
 * how many they share): for pasting a citizen's sentence to find what applies to it. `null` when
 * the query has no terms at all.
 */
export function anyBigramQuery(text: string): string | null {
  const terms = bigramTerms(text);
  return terms.length > 0 ? terms.map(quote).join(' | ') : null;
}
