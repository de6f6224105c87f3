import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IdfTable } from './idf-table.js';

describe('IdfTable', () => {
  it('finds every word of a small table and nothing else', () => {
    const table = IdfTable.parse('道路 5.5\n坑洼 11.2\n的 0.5\n道 3.0\n道路坑洼 12\n');
    expect(table.size).toBe(5);
    expect(table.get('道路')).toBe(5.5);
    expect(table.get('道')).toBe(3.0);
    expect(table.get('道路坑洼')).toBe(12);
    expect(table.get('的')).toBe(0.5);
    expect(table.get('路')).toBeUndefined();
    expect(table.get('道路坑')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
  });

  it('answers the median for unknown words, skips malformed lines and keeps the last of a repeated word', () => {
    const table = IdfTable.parse('a 1\nb 2\nno-value\nc x\nd 4\nb 3\n\n');
    expect(table.size).toBe(3);
    expect(table.get('b')).toBe(3);
    expect(table.get('c')).toBeUndefined();
    expect(table.median).toBe(3);
  });

  it("agrees with a plain map on every line of jieba's own idf.txt", () => {
    const require = createRequire(import.meta.url);
    const text = readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8');
    const table = IdfTable.parse(text);
    const map = new Map<string, number>();
    for (const line of text.split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    expect(table.size).toBe(map.size);
    let mismatches = 0;
    for (const [word, value] of map) if (table.get(word) !== value) mismatches++;
    expect(mismatches).toBe(0);
    expect(table.get('不在词典里的词语组合')).toBeUndefined();
  });
});
