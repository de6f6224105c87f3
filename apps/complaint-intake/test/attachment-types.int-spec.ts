import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectAllowedType } from '../src/attachment/attachment-types.js';
import * as samples from './support/sample-files.js';

describe('attachment types, decided by content', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-types-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const detect = async (content: Buffer) => {
    const path = join(dir, String(Math.random()));
    await writeFile(path, content);
    return (await detectAllowedType(path))?.contentType;
  };

  it.each([
    ['a PNG', samples.png(), 'image/png'],
    ['a JPEG', samples.jpeg(), 'image/jpeg'],
    ['a GIF', samples.gif(), 'image/gif'],
    ['a WebP', samples.webp(), 'image/webp'],
    ['a PDF', samples.pdf(), 'application/pdf'],
    [
      'a .docx',
      samples.ooxml('docx'),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'a .xlsx',
      samples.ooxml('xlsx'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'a .pptx',
      samples.ooxml('pptx'),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    ['a .doc', samples.doc(), 'application/msword'],
    ['an .xls', samples.xls(), 'application/vnd.ms-excel'],
  ])('allows %s', async (_name, content, type) => {
    expect(await detect(content)).toBe(type);
  });

  it.each([
    ['a Linux executable', samples.elf()],
    ['a Windows executable', samples.pe()],
    ['an installer (.msi, the same container as .doc)', samples.msi()],
    ['a Word document with VBA macros', samples.docWithMacros()],
    ['a plain ZIP', samples.zip({ 'a.txt': 'hello' })],
    [
      'an SVG (script can hide in it)',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
    ['HTML', Buffer.from('<!doctype html><html><script>alert(1)</script></html>')],
    ['plain text', Buffer.from('这只是一段文字')],
    ['random bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])],
  ])('refuses %s', async (_name, content) => {
    expect(await detect(content)).toBeUndefined();
  });
});
