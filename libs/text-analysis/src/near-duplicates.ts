import { lshBandKeys, minhashSignature } from './minhash.js';
import { CONCEPT_GROUPS, PLACE_SUFFIXES } from './petition-lexicon.js';
import { ChineseSegmenter } from './segmenter.js';
import { simhash, simhashToHex } from './simhash.js';

/**
 * Score at or above which two petitions are reported as the same matter. Measured on the pairs in
 * near-duplicates.spec.ts (scores in the README): same-matter pairs 0.29–0.88, different-matter pairs
 * (same petitioner, same place, same employer, alike matters elsewhere) 0–0.19; the threshold sits in
 * the middle of that gap. One heavily reworded same-matter pair scores 0.19 and is missed. A match is a
 * hint for the caseworker, not grounds to refuse a petition.
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.24;

/**
 * Share of its IDF weight a word keeps when it says who or where rather than what (place words, see
 * `PLACE_SUFFIXES`, and person names): the same petitioner or the same 小区 must not make two different
 * matters look alike.
 */
export const PLACE_OR_NAME_WEIGHT = 0.2;

/**
 * Factor applied to the score when both texts name specific places and none of them is shared
 * (night-time construction noise at 玉林小区 vs at 春熙路锦绣小区): alike matters, different places.
 */
export const DIFFERENT_PLACE_FACTOR = 0.5;

/** Term-key prefixes: a concept (#老人) and a specific place (@春熙路, @锦绣小区). */
const CONCEPT_PREFIX = '#';
const PLACE_PREFIX = '@';
/** Word → its concept's term key (老年人 → #老人). */
const CONCEPT_OF: ReadonlyMap<string, string> = new Map(
  Object.entries(CONCEPT_GROUPS).flatMap(([concept, words]) =>
    words.map((word): [string, string] => [word, `${CONCEPT_PREFIX}${concept}`]),
  ),
);
/** Concept term key → its member words. */
const CONCEPT_WORDS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(CONCEPT_GROUPS).map(([concept, words]) => [`${CONCEPT_PREFIX}${concept}`, words]),
);
const PLACE_SUFFIX_WORDS: ReadonlySet<string> = new Set(PLACE_SUFFIXES);
const ENDS_WITH_PLACE_SUFFIX = new RegExp(`(?:${PLACE_SUFFIXES.join('|')})$`, 'u');
/** Phone, ID-card and account numbers (7+ digits) identify the petitioner, not the matter. */
const IDENTITY_NUMBER = /^\d{7,}x?$/u;
/** jieba tags for person names (nr, nrfg, nrt) and place names (ns). */
const NAME_TAG = /^n[rs]/u;
/** Tags of words that can be the proper-name part before a place suffix (锦绣 小区, 28 号, 黄甲 街道). */
const PROPER_NAME_PART_TAG = /^(?:n|x|eng|m|j|i|l)/u;

/**
 * A place suffix on its own (小区, 路), or a name of two or more characters or a number before one
 * (锦江区, 春熙路, 28号). One character before the suffix is usually not a place: 走路, 下楼, 一楼, 超市.
 */
function isPlaceWord(word: string): boolean {
  if (CONCEPT_OF.has(word)) return false;
  if (PLACE_SUFFIX_WORDS.has(word)) return true;
  const name = word.replace(ENDS_WITH_PLACE_SUFFIX, '');
  return name !== word && (name.length >= 2 || /^\d+$/u.test(name));
}

/** The name part of a place term: @春熙路 → 春熙, @锦绣小区 → 锦绣, @3栋 → 3. */
function placeName(term: string): string {
  const place = term.slice(PLACE_PREFIX.length);
  return place.replace(ENDS_WITH_PLACE_SUFFIX, '') || place;
}

/**
 * Whether two place names may be the same place. Loose on purpose, as jieba cuts unknown names
 * inconsistently (新津区花源路 → 新津/区花源/路, but 花源路 alone stays whole): one contains the other,
 * or they share two consecutive characters.
 */
function samePlace(a: string, b: string): boolean {
  if (a.includes(b) || b.includes(a)) return true;
  for (let i = 0; i + 2 <= a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
}

/** Both texts name specific places, and none of them can be the same. */
function namesDifferentPlaces(
  x: ReadonlyMap<string, number>,
  y: ReadonlyMap<string, number>,
): boolean {
  const places = (terms: ReadonlyMap<string, number>) =>
    [...terms.keys()].filter((term) => term.startsWith(PLACE_PREFIX)).map(placeName);
  const [px, py] = [places(x), places(y)];
  return px.length > 0 && py.length > 0 && !px.some((a) => py.some((b) => samePlace(a, b)));
}

export interface TextFingerprint {
  /**
   * 64-bit SimHash of the matter terms, 16 hex digits: equal for copies that differ only in
   * punctuation, width or boilerplate; a reworded petition is far off (see `simhash`).
   */
  simhash: string;
  /** MinHash LSH band keys of the matter terms: texts worth comparing share at least one. */
  lsh: string[];
  /** Weighted matter terms — what `similarity` compares — so stored texts need no re-segmenting. */
  terms: Record<string, number>;
}

export interface NearDuplicateResult {
  similar: boolean;
  /** Similarity in [0, 1]: 1 for texts with the same matter terms, 0 for nothing in common. */
  score: number;
}

export interface NearDuplicateOptions {
  /** Defaults to `NEAR_DUPLICATE_THRESHOLD`. */
  threshold?: number;
  segmenter?: ChineseSegmenter;
}

/**
 * Repeat-petition (重复信访) detection. A text becomes weighted "matter terms": its content words
 * (stop words and petition boilerplate dropped) weighted by IDF, synonyms replaced by their concept
 * (老年人 → #老人) weighted by the mean IDF of the concept's words. Words saying who or where keep only
 * `PLACE_OR_NAME_WEIGHT` of their weight, specific places become `@` terms (@春熙路, @锦绣小区), and
 * numbers of 7+ digits (phones, ID cards, accounts) are dropped. The score is the weighted Jaccard
 * index of the terms (Σ min / Σ max), times `DIFFERENT_PLACE_FACTOR` when both texts name places and
 * share none.
 *
 * Finding candidates among many stored petitions: store `fingerprint(text)`; look up ids sharing an
 * `lsh` key (a Postgres `text[]` with a GIN index, or `MinHashLshIndex`), then confirm each with
 * `isNearDuplicate` on the stored fingerprints. `simhash` (with `SimHashIndex`) finds copies only.
 */
export class NearDuplicateDetector {
  readonly threshold: number;
  private readonly segmenter: ChineseSegmenter;
  /** Concept term key → the mean IDF of its words, so every wording of a concept weighs the same. */
  private readonly conceptWeights = new Map<string, number>();

  constructor(options: NearDuplicateOptions = {}) {
    const threshold = options.threshold ?? NEAR_DUPLICATE_THRESHOLD;
    if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]');
    this.threshold = threshold;
    this.segmenter = options.segmenter ?? new ChineseSegmenter();
  }

  /** The weighted matter terms of a text (empty for empty or punctuation-only text). */
  terms(text: string): Map<string, number> {
    const tokens = this.segmenter.tag(text);
    const terms = new Map<string, number>();
    const add = (key: string, weight: number) =>
      terms.set(key, Math.max(terms.get(key) ?? 0, weight));
    tokens.forEach(({ word, tag }, i) => {
      if (!this.segmenter.isContentWord(word) || IDENTITY_NUMBER.test(word)) return;
      const concept = CONCEPT_OF.get(word);
      if (concept !== undefined) return add(concept, this.conceptWeight(concept));
      const idf = this.segmenter.idf(word);
      if (isPlaceWord(word)) {
        const key = PLACE_SUFFIX_WORDS.has(word) ? word : `${PLACE_PREFIX}${word}`; // 小区 vs 春熙路
        return add(key, idf * PLACE_OR_NAME_WEIGHT);
      }
      const next = tokens[i + 1]?.word;
      if (next !== undefined && isPlaceWord(next) && PROPER_NAME_PART_TAG.test(tag)) {
        return add(`${PLACE_PREFIX}${word}${next}`, idf * PLACE_OR_NAME_WEIGHT); // 锦绣 + 小区
      }
      add(word, idf * (NAME_TAG.test(tag) ? PLACE_OR_NAME_WEIGHT : 1));
    });
    return terms;
  }

  fingerprint(text: string): TextFingerprint {
    const terms = this.terms(text);
    return {
      simhash: simhashToHex(simhash(terms)),
      lsh: lshBandKeys(minhashSignature(terms.keys())),
      terms: Object.fromEntries(terms),
    };
  }

  /** How alike the matters of two texts (or stored fingerprints) are, in [0, 1]. */
  similarity(a: string | TextFingerprint, b: string | TextFingerprint): number {
    const x = this.termsOf(a);
    const y = this.termsOf(b);
    let shared = 0;
    let union = 0;
    // Summed in sorted term order so that similarity(a, b) === similarity(b, a) to the last bit.
    for (const term of [...new Set([...x.keys(), ...y.keys()])].sort()) {
      const [p, q] = [x.get(term) ?? 0, y.get(term) ?? 0];
      shared += Math.min(p, q);
      union += Math.max(p, q);
    }
    if (union === 0) return 0;
    return (shared / union) * (namesDifferentPlaces(x, y) ? DIFFERENT_PLACE_FACTOR : 1);
  }

  isNearDuplicate(a: string | TextFingerprint, b: string | TextFingerprint): NearDuplicateResult {
    const score = this.similarity(a, b);
    return { similar: score >= this.threshold, score };
  }

  private conceptWeight(concept: string): number {
    let weight = this.conceptWeights.get(concept);
    if (weight === undefined) {
      const words = CONCEPT_WORDS.get(concept) ?? [];
      weight = words.reduce((sum, word) => sum + this.segmenter.idf(word), 0) / words.length;
      this.conceptWeights.set(concept, weight);
    }
    return weight;
  }

  private termsOf(input: string | TextFingerprint): Map<string, number> {
    return typeof input === 'string' ? this.terms(input) : new Map(Object.entries(input.terms));
  }
}

let defaultDetector: NearDuplicateDetector | undefined;

function detector(): NearDuplicateDetector {
  defaultDetector ??= new NearDuplicateDetector();
  return defaultDetector;
}

/** How alike two petitions' matters are, in [0, 1]; ≥ `NEAR_DUPLICATE_THRESHOLD` means "same matter". */
export function similarity(textA: string, textB: string): number {
  return detector().similarity(textA, textB);
}

/** What to store per petition to find its near-duplicates later (see `NearDuplicateDetector`). */
export function fingerprint(text: string): TextFingerprint {
  return detector().fingerprint(text);
}
