// Recognises an attachment's type from its first bytes, never from its name or
// declared type: PDF, JPEG and PNG are accepted. Other common formats are named
// only so the refusal can tell the officer what they sent. Pure.
import type { AttachmentMediaType } from '../../store/attachment-store.ts';

export const acceptedMediaTypes: readonly AttachmentMediaType[] = ['application/pdf', 'image/jpeg', 'image/png'];

const signatures: Array<{ mediaType: AttachmentMediaType; bytes: number[] }> = [
  { mediaType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mediaType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

const others: Array<{ name: string; bytes: Array<number | null> }> = [
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { name: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'a WebP image', bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] }, // RIFF….WEBP
  { name: 'a BMP image', bytes: [0x42, 0x4d] },
  { name: 'a ZIP archive (a .docx or .xlsx file is one)', bytes: [0x50, 0x4b, 0x03, 0x04] },
];

const startsWith = (head: Uint8Array, bytes: Array<number | null>): boolean => head.length >= bytes.length && bytes.every((b, i) => b === null || head[i] === b);

/** The accepted type the content starts like, or null. */
export function sniffMediaType(head: Uint8Array): AttachmentMediaType | null {
  return signatures.find((s) => startsWith(head, s.bytes))?.mediaType ?? null;
}

/** What content of no accepted type looks like, for an error message. */
export function describeContent(head: Uint8Array): string {
  if (head.length === 0) return 'an empty file';
  const known = others.find((o) => startsWith(head, o.bytes));
  if (known) return known.name;
  const first = [...head.subarray(0, 8)];
  const hex = first.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = first.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `a file starting with the bytes ${hex} ("${text}")`;
}

/** How a media type is called in messages. */
export function nameOf(mediaType: AttachmentMediaType): string {
  return { 'application/pdf': 'a PDF file', 'image/jpeg': 'a JPEG image', 'image/png': 'a PNG image' }[mediaType];
}
