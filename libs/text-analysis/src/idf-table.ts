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

  /**
   * Parses jieba's `idf.txt` format: one `word value` per line. Works on offsets into the text
   * rather than a string and an object per line: that way the parse peaks at a few MB instead of
   * ≈ 60 MB of short-lived heap, which under a 96 MiB heap cap was enough to kill the process
   * when the first registration loaded the table under load.
   */
  static parse(text: string): IdfTable {
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const wordStart = new Uint32Array(lines);
    const wordEnd = new Uint32Array(lines);
    const parsed = new Float64Array(lines);
    let count = 0;
    for (let pos = 0; pos < text.length;) {
      const newline = text.indexOf('\n', pos);
      const end = newline < 0 ? text.length : newline;
      const space = end > pos ? text.lastIndexOf(' ', end - 1) : -1;
      if (space > pos) {
        const value = Number(text.slice(space + 1, end));
        if (Number.isFinite(value)) {
          wordStart[count] = pos;
          wordEnd[count] = space;
          parsed[count++] = value;
        }
      }
      pos = end + 1;
    }
    const compareWords = (a: number, b: number): number => {
      const lengthA = wordEnd[a] - wordStart[a];
      const lengthB = wordEnd[b] - wordStart[b];
      const common = Math.min(lengthA, lengthB);
      for (let k = 0; k < common; k++) {
        const diff = text.charCodeAt(wordStart[a] + k) - text.charCodeAt(wordStart[b] + k);
        if (diff !== 0) return diff;
      }
      return lengthA - lengthB;
    };
    // Code-unit order, the order `compare` searches in; ties in line order, so that a repeated
    // word keeps its last value.
    const order = new Uint32Array(count).map((_, i) => i);
    order.sort((a, b) => compareWords(a, b) || a - b);
    const kept = order.filter(
      (line, i) => i + 1 === order.length || compareWords(line, order[i + 1]) !== 0,
    );
    const starts = new Uint32Array(kept.length + 1);
    const values = new Float64Array(kept.length);
    const words: string[] = [];
    let offset = 0;
    kept.forEach((line, i) => {
      starts[i] = offset;
      values[i] = parsed[line];
      words.push(text.slice(wordStart[line], wordEnd[line]));
      offset += wordEnd[line] - wordStart[line];
    });
    starts[kept.length] = offset;
    // join copies the characters: the table keeps no slice of the file's text alive.
    return new IdfTable(words.join(''), starts, values);
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
