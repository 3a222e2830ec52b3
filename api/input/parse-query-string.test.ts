import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode-utf8.ts';
import { parseQueryString } from './parse-query-string.ts';
import { readEnumParameter, readIntegerParameter } from './read-parameters.ts';

describe('parseQueryString', () => {
  it('decodes %-escapes and +, repeats into arrays, and normalises to NFC', () => {
    expect({ ...parseQueryString('a=1&b=x&b=y+z&name=Nguye%CC%82%CC%83n&flag') }).toEqual({ a: '1', b: ['x', 'y z'], name: 'Nguyễn', flag: '' });
  });

  it('refuses what it cannot decode instead of guessing', () => {
    expect(() => parseQueryString('due=%FF')).toThrow('the query parameter due is not valid UTF-8 text: byte 0xff at offset 0; send text encoded as UTF-8');
    expect(() => parseQueryString('due=%E0%A4')).toThrow('the query parameter due is not valid UTF-8 text: it ends in the middle of a character (byte 0xe0 at offset 0)');
    expect(() => parseQueryString('due=%G1')).toThrow('the query parameter due has a malformed %-escape ("%G1"); encode it with encodeURIComponent');
    expect(() => parseQueryString('fileName=a%00')).toThrow('the query parameter fileName contains a NUL character (U+0000), which text may not hold; remove it');
  });

  it('treats __proto__ as a parameter like any other', () => {
    const query = parseQueryString('__proto__=x');
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(query.__proto__).toBe('x');
  });
});

describe('decodeUtf8', () => {
  it('names the first byte that is not UTF-8, surrogates and overlong forms included', () => {
    expect(decodeUtf8(Buffer.from('Văn'), 'x')).toBe('Văn');
    expect(() => decodeUtf8(Buffer.from([0x41, 0xed, 0xa0, 0x80]), 'the body')).toThrow('the body is not valid UTF-8 text: byte 0xed at offset 1; send text encoded as UTF-8');
    expect(() => decodeUtf8(Buffer.from([0xc0, 0x80]), 'the body')).toThrow('the body is not valid UTF-8 text: byte 0xc0 at offset 0; send text encoded as UTF-8');
  });
});

describe('readIntegerParameter and readEnumParameter', () => {
  it('accepts whole numbers in range and refuses the rest, naming the range', () => {
    expect(readIntegerParameter('42', 'limit', { min: 1, max: 500 })).toBe(42);
    expect(readIntegerParameter(undefined, 'limit', { min: 1, max: 500, default: 100 })).toBe(100);
    expect(readIntegerParameter('2147483647', 'version', { min: 1 })).toBe(2147483647);
    for (const raw of ['2147483648', '99999999999', '1e3', '1.0', '-1', '0', ' 1', '', undefined, ['1', '2']])
      expect(() => readIntegerParameter(raw, 'version', { min: 1 })).toThrow(/^version must be a whole number from 1 to 2147483647, not /);
  });

  it('lists the allowed values', () => {
    expect(readEnumParameter(undefined, 'status', ['open', 'all'], 'open')).toBe('open');
    expect(() => readEnumParameter('foo', 'status', ['open', 'all'])).toThrow('status must be one of open, all, not "foo"');
  });
});
