// Text arrives as bytes; only well-formed UTF-8 becomes a string. A decoder that
// replaced bad bytes with U+FFFD would store a name nobody typed.
import { MotcuaError } from '../../engine/motcua-error.ts';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The text of `bytes`, or request.malformed naming where (`the body`, `the
 * query parameter x`), the first bad byte and, when `locate` can tell from the
 * well-formed text before it, the field it is in (a JSON Pointer, in `errors`).
 */
export function decodeUtf8(bytes: Uint8Array, where: string, locate?: (before: string) => string): string {
  try {
    return strict.decode(bytes);
  } catch {
    const bad = findBadByte(bytes);
    const field = locate ? locate(strict.decode(bytes.subarray(0, bad.offset))) : null;
    const place = field === null ? '' : `, in ${field || '/'}`;
    return fail(`${where} is not valid UTF-8 text: ${bad.description}${place}; send text encoded as UTF-8`, field === null ? {} : { errors: [{ path: field, message: `is not valid UTF-8 text: ${bad.description}` }] });
  }
}

function fail(message: string, details: Record<string, unknown>): never {
  throw new MotcuaError('request.malformed', message, { encoding: 'utf-8', ...details });
}

/** Where the first malformed sequence starts (RFC 3629 well-formed byte sequences), for the message. */
function findBadByte(bytes: Uint8Array): { offset: number; description: string } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const [length, low, high] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    const at = `byte 0x${b.toString(16).padStart(2, '0')} at offset ${i}`;
    if (length === 0) return { offset: i, description: at };
    if (i + length > bytes.length) return { offset: i, description: `it ends in the middle of a character (${at})` };
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k]!;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return { offset: i, description: at };
    }
    i += length;
  }
  return { offset: bytes.length, description: 'a malformed sequence' };
}
