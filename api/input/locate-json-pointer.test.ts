import { describe, expect, it } from 'vitest';
import { locateJsonPointer } from './locate-json-pointer.ts';

describe('locateJsonPointer', () => {
  it('names the value or key a JSON text breaks off in', () => {
    expect(locateJsonPointer('{"applicant":{"fullName":"Nguy')).toBe('/applicant/fullName');
    expect(locateJsonPointer('{"a":[1,{"b":"x"},"')).toBe('/a/2');
    expect(locateJsonPointer('{"a":1,"k/~')).toBe('/k~1~0');
    expect(locateJsonPointer('{"a\\"b":"')).toBe('/a"b');
    expect(locateJsonPointer('"')).toBe('');
  });
});
