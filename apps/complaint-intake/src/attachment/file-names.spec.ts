import { checkFileName, contentDisposition, extensionOf } from './file-names.js';

describe('attachment file names', () => {
  it.each([
    ['现场照片.jpg', '现场照片.jpg'],
    ['  情况说明 (1).pdf  ', '情况说明 (1).pdf'],
    ['a<b>c:d"e|f?g*h.png', 'a_b_c_d_e_f_g_h.png'],
    ['.hidden.png', 'hidden.png'],
    ['trailing.pdf. . ', 'trailing.pdf'],
    ['CON.png', '_CON.png'],
    ['...', '附件'],
    ['', '附件'],
    ['é'.normalize('NFD') + '.png', 'é'.normalize('NFC') + '.png'],
  ])('keeps %j as %j', (raw, expected) => {
    expect(checkFileName(raw)).toEqual({ ok: true, name: expected });
  });

  it('shortens a long name to 120 characters, keeping its extension', () => {
    const result = checkFileName(`${'长'.repeat(300)}.docx`);
    expect(result).toEqual({ ok: true, name: `${'长'.repeat(115)}.docx` });
  });

  it.each([
    '../etc/passwd',
    '..',
    'a/b.png',
    'C:\\Users\\a.png',
    'photo\u202Egnp.exe',
    'a\u0000.png',
    'line\nbreak.png',
    'del\u007f.png',
    'c1\u0085.png',
    'iso\u2066.png',
  ])('refuses %j', (raw) => {
    expect(checkFileName(raw)).toEqual({ ok: false });
  });

  it('reads extensions in lower case, and none from a leading dot', () => {
    expect(extensionOf('A.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('noext')).toBe('');
    expect(extensionOf('.png')).toBe('');
  });

  it('sends the UTF-8 name for browsers that read it and an ASCII stand-in for the rest', () => {
    expect(contentDisposition('现场照片 1.png')).toBe(
      `attachment; filename="____ 1.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.png`,
    );
    expect(contentDisposition(`a"b\\c%d'(e).pdf`)).toBe(
      `attachment; filename="a_b_c_d'(e).pdf"; filename*=UTF-8''a%22b%5Cc%25d%27%28e%29.pdf`,
    );
  });
});
