import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import { IdfTable } from './idf-table.js';
import { USER_WORDS } from './petition-lexicon.js';
import { STOP_WORDS } from './stop-words.js';

export interface TaggedToken {
  word: string;
  /** jieba part-of-speech tag (ICTCLAS set): n noun, nr person name, ns place name, v verb, m numeral … */
  tag: string;
}

export interface Keyword {
  keyword: string;
  /** TF-IDF weight (term frequency in the text × inverse document frequency from jieba's corpus). */
  weight: number;
}

/*
 * The dictionary and IDF table shipped inside `@node-rs/jieba` (dict.txt, idf.txt), each loaded once per
 * process on first use, and only when needed: segmentation ≈0.1 s / ≈40 MB native; the IDF table
 * (`idf()`, `keywords()`) ≈0.2 s / ≈5 MB of JS heap. `createRequire` keeps the native addon off the
 * import path, so importing this library costs nothing until it is used.
 */
const require = createRequire(import.meta.url);
let jiebaModule: typeof JiebaModule | undefined;
let jiebaInstance: JiebaModule.Jieba | undefined;
let idfTable: IdfTable | undefined;

function addon(): typeof JiebaModule {
  jiebaModule ??= require('@node-rs/jieba') as typeof JiebaModule;
  return jiebaModule;
}

function sharedJieba(): JiebaModule.Jieba {
  if (!jiebaInstance) {
    jiebaInstance = addon().Jieba.withDict(
      readFileSync(require.resolve('@node-rs/jieba/dict.txt')),
    );
    jiebaInstance.loadDict(Buffer.from(USER_WORDS.map((word) => `${word} 1000 n`).join('\n')));
  }
  return jiebaInstance;
}

function sharedIdfTable(): IdfTable {
  idfTable ??= IdfTable.parse(readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8'));
  return idfTable;
}

/** NFKC (ＡＢＣ１２３，→ abc123,) and lower-case: the form every word here is compared in. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** What jieba's keyword extraction leaves out before it counts the words of a text. */
const JIEBA_KEYWORD_STOP_WORDS = new Set(
  'the of is and to in that we for an are by be as on with can if from which you it this then at have all not one has or'.split(
    ' ',
  ),
);
const JIEBA_KEYWORD_MIN_CHARS = 2;

export interface SegmenterOptions {
  /** Replaces the built-in `STOP_WORDS` (normalised form: half-width, lower-case). */
  stopWords?: Iterable<string>;
}

/**
 * Chinese word segmentation for petitions, on one shared jieba instance (loaded lazily, once).
 * Text is normalised first: full-width → half-width (NFKC), Latin lower-cased.
 */
export class ChineseSegmenter {
  private readonly stopWords: ReadonlySet<string>;

  constructor(options: SegmenterOptions = {}) {
    this.stopWords = new Set(options.stopWords ?? STOP_WORDS);
  }

  /** See `normalizeText`. */
  normalize(text: string): string {
    return normalizeText(text);
  }

  /**
   * Words for similarity, in order: jieba's precise mode (HMM on for unknown words) on normalised
   * text; punctuation, symbols, whitespace and stop words dropped; numbers kept (48, 2.4, 3800).
   */
  tokens(text: string): string[] {
    return sharedJieba()
      .cut(this.normalize(text), true)
      .filter((token) => this.isContentWord(token));
  }

  /**
   * Every word of the normalised text with its part-of-speech tag, punctuation and stop words included
   * (same segmentation as `tokens`; filter with `isContentWord`).
   */
  tag(text: string): TaggedToken[] {
    return sharedJieba()
      .tag(this.normalize(text), true)
      .map(({ word, tag }) => ({ word, tag }));
  }

  /**
   * The `k` highest TF-IDF keywords, best first (ties in code-unit order), stop words and
   * punctuation excluded. jieba's own extraction (`TfIdf` of `@node-rs/jieba`, precise mode without
   * HMM) computed in JS over the IDF table `idf()` already holds, with the same result, instead of
   * a second, native copy of that table (≈ 20 MB per process): a word's weight is its count × its
   * IDF ÷ the number of words of two or more characters outside jieba's stop words.
   */
  keywords(text: string, k: number): Keyword[] {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer`);
    if (k === 0) return [];
    const counts = new Map<string, number>();
    let total = 0;
    for (const word of sharedJieba().cut(this.normalize(text), false)) {
      if (charCount(word) < JIEBA_KEYWORD_MIN_CHARS) continue;
      if (JIEBA_KEYWORD_STOP_WORDS.has(word.toLowerCase())) continue;
      total++;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    const keywords: Keyword[] = [];
    for (const [keyword, count] of counts) {
      if (this.isContentWord(keyword)) {
        keywords.push({ keyword, weight: (count * this.idf(keyword)) / total });
      }
    }
    keywords.sort(
      (a, b) => b.weight - a.weight || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0),
    );
    return keywords.slice(0, k);
  }

  /** Inverse document frequency of a (normalised) word; unknown words get the median, as in jieba. */
  idf(word: string): number {
    const table = sharedIdfTable();
    return table.get(word) ?? table.median;
  }

  /** False for punctuation, symbols, whitespace and stop words. */
  isContentWord(token: string): boolean {
    return HAS_LETTER_OR_DIGIT.test(token) && !this.stopWords.has(token);
  }
}

function charCount(word: string): number {
  let count = 0;
  for (const _ of word) count++;
  return count;
}
