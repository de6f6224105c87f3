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
 * process on first use, and only when needed: segmentation ≈0.1 s / ≈50 MB native; `idf()` (used by
 * similarity) ≈0.2 s / ≈5 MB of JS heap; `keywords()` ≈0.1 s / ≈40 MB native. `createRequire` keeps
 * the native addon off the import path, so importing this library costs nothing until it is used.
 */
const require = createRequire(import.meta.url);
let jiebaModule: typeof JiebaModule | undefined;
let jiebaInstance: JiebaModule.Jieba | undefined;
let tfidfInstance: JiebaModule.TfIdf | undefined;
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

function sharedTfIdf(): JiebaModule.TfIdf {
  tfidfInstance ??= addon().TfIdf.withDict(readFileSync(require.resolve('@node-rs/jieba/idf.txt')));
  return tfidfInstance;
}

function sharedIdfTable(): IdfTable {
  idfTable ??= IdfTable.parse(readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8'));
  return idfTable;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

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

  /** NFKC (ＡＢＣ１２３，→ abc123,) and lower-case. */
  normalize(text: string): string {
    return text.normalize('NFKC').toLowerCase();
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

  /** The `k` highest TF-IDF keywords, best first, stop words and punctuation excluded. */
  keywords(text: string, k: number): Keyword[] {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer`);
    if (k === 0) return [];
    const [jieba, tfidf] = [sharedJieba(), sharedTfIdf()];
    const normalized = this.normalize(text);
    // Stop words are filtered here: TfIdf.setConfig({ stopWords }) crashes the addon. Ask for some
    // spares first; if the stop words ate too many of them, ask for every word of the text.
    const extract = (topK: number) =>
      tfidf
        .extractKeywords(jieba, normalized, topK)
        .filter((entry) => this.isContentWord(entry.keyword));
    let kept = extract(k + 16);
    if (kept.length < k) kept = extract(jieba.cut(normalized, false).length);
    return kept.slice(0, k).map(({ keyword, weight }) => ({ keyword, weight }));
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
