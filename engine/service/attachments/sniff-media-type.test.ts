import { describe, expect, it } from 'vitest';
import { describeContent, sniffMediaType } from './sniff-media-type.ts';

const bytes = (...values: Array<number | string>): Uint8Array =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])));

describe('sniffMediaType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a JPEG (JFIF)', bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'JFIF'), 'image/jpeg'],
    ['a JPEG (Exif)', bytes(0xff, 0xd8, 0xff, 0xe1), 'image/jpeg'],
    ['a PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR'), 'image/png'],
    ['text', bytes('Hello world'), null],
    ['"%PDF" without the dash', bytes('%PDF'), null],
    ['a PNG signature cut short', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a), null],
    ['two bytes of JPEG', bytes(0xff, 0xd8), null],
    ['a PDF header after a byte-order mark', bytes(0xef, 0xbb, 0xbf, '%PDF-1.4'), null],
    ['a GIF', bytes('GIF89a'), null],
    ['nothing', bytes(), null],
  ] as const)('%s → %s', (_name, head, expected) => {
    expect(sniffMediaType(head)).toBe(expected);
  });
});

describe('describeContent', () => {
  it.each([
    [bytes(), 'an empty file'],
    [bytes('GIF89a', 1, 0), 'a GIF image'],
    [bytes('II', 0x2a, 0), 'a TIFF image'],
    [bytes('MM', 0, 0x2a), 'a TIFF image'],
    [bytes('RIFF', 1, 2, 3, 4, 'WEBPVP8 '), 'a WebP image'],
    [bytes('PK', 3, 4, 20, 0), 'a ZIP archive (a .docx or .xlsx file is one)'],
    [bytes('Hello, world'), 'a file starting with the bytes 48 65 6c 6c 6f 2c 20 77 ("Hello, w")'],
    [bytes(0, 1, 'ab'), 'a file starting with the bytes 00 01 61 62 ("..ab")'],
  ])('%# names the content', (head, expected) => {
    expect(describeContent(head)).toBe(expected);
  });
});
