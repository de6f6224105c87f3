/**
 * jieba's IDF table (≈ 270,000 words) kept compact: the words sorted into one string with their
 * offsets and values in typed arrays, ≈ 5 MB, where a `Map<string, number>` took ≈ 35 MB of heap in
 * every process that compares texts. Looked up by binary search (≈ 18 comparisons of short words).
 */
export class IdfTable {
  /** Unknown words get the median, as in jieba. */
  readonly median: number;

  private constructor(
    private readonly words: string,
    /** Start of word i in `words`; `starts[size]` is the end of the last word. */
    private readonly starts: Uint32Array,
    private readonly values: Float64Array,
  ) {
    const sorted = Float64Array.from(values).sort();
    this.median = sorted[sorted.length >> 1] ?? 1;
  }

  /** Parses jieba's `idf.txt` format: one `word value` per line. */
  static parse(text: string): IdfTable {
    const entries: Array<{ word: string; value: number }> = [];
    for (const line of text.split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space <= 0) continue;
      const value = Number(line.slice(space + 1));
      if (Number.isFinite(value)) entries.push({ word: line.slice(0, space), value });
    }
    // Code-unit order, the order `compare` searches in; a repeated word keeps its last value.
    entries.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
    const unique = entries.filter(
      (e, i) => i + 1 === entries.length || entries[i + 1].word !== e.word,
    );
    const starts = new Uint32Array(unique.length + 1);
    const values = new Float64Array(unique.length);
    let offset = 0;
    unique.forEach((entry, i) => {
      starts[i] = offset;
      values[i] = entry.value;
      offset += entry.word.length;
    });
    starts[unique.length] = offset;
    // join copies the characters: the table keeps no slice of the file's text alive.
    return new IdfTable(unique.map((e) => e.word).join(''), starts, values);
  }

  get size(): number {
    return this.values.length;
  }

  get(word: string): number | undefined {
    let low = 0;
    let high = this.values.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const order = this.compare(mid, word);
      if (order === 0) return this.values[mid];
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  /** Sign of (word i − `word`) in code-unit order. */
  private compare(i: number, word: string): number {
    const start = this.starts[i];
    const length = this.starts[i + 1] - start;
    const common = Math.min(length, word.length);
    for (let k = 0; k < common; k++) {
      const diff = this.words.charCodeAt(start + k) - word.charCodeAt(k);
      if (diff !== 0) return diff;
    }
    return length - word.length;
  }
}
