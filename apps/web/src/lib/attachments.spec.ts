import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, addFiles } from './attachments.js';

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);

describe('attachment limits', () => {
  it('adds allowed files and leaves out other types and files over 10 MB', () => {
    const { files, problems } = addFiles(
      [],
      [file('a.png'), file('b.exe'), file('c.pdf', MAX_FILE_BYTES + 1)],
    );
    expect(files.map((f) => f.name)).toEqual(['a.png']);
    expect(problems).toEqual([
      { kind: 'type', name: 'b.exe' },
      { kind: 'too-large', name: 'c.pdf' },
    ]);
  });

  it('stops at five files', () => {
    const existing = ['1', '2', '3', '4'].map((n) => file(`${n}.jpg`));
    const { files, problems } = addFiles(existing, [file('5.jpg'), file('6.jpg')]);
    expect(files).toHaveLength(5);
    expect(problems).toEqual([{ kind: 'too-many' }]);
  });

  it('keeps the total under 20 MB', () => {
    const big = file('big.pdf', MAX_FILE_BYTES - 1);
    const { files, problems } = addFiles(
      [big, file('b2.pdf', MAX_FILE_BYTES - 1)],
      [file('c.png', 100)],
    );
    expect(files).toHaveLength(2);
    expect(problems).toEqual([{ kind: 'total-too-large' }]);
  });
});
