// Text arrives as bytes; only well-formed UTF-8 becomes a string. A decoder that
// replaced bad bytes with U+FFFD would store a name nobody typed.
import { MotcuaError } from '../../engine/motcua-error.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The text of `bytes`, or request.malformed naming where (`the body`, `the query parameter x`). */
export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    throw new MotcuaError('request.malformed', `${where} is not valid UTF-8 text: ${describeBadByte(bytes)}; send text encoded as UTF-8`, { encoding: 'utf-8' });
  }
}

/** Where the first malformed sequence starts (RFC 3629 well-formed byte sequences), for the message. */
function describeBadByte(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, low, high] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    const at = `byte 0x${b.toString(16).padStart(2, '0')} at offset ${i}`;
    if (length === 0) return at;
    if (i + length > bytes.length) return `it ends in the middle of a character (${at})`;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]!;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return at;
    }
    i += length;
  }
  return 'a malformed sequence';
}
