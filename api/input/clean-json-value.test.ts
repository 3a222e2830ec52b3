import { describe, expect, it } from 'vitest';
import { MotcuaError } from '../../engine/motcua-error.ts';
import { cleanJsonValue } from './clean-json-value.ts';

function problemsOf(value: unknown): unknown {
  try {
    cleanJsonValue(value);
  } catch (error) {
    return (error as MotcuaError).details.errors;
  }
  return 'accepted';
}

describe('cleanJsonValue', () => {
  it('normalises every string and key to NFC, leaving other values as they are', () => {
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(cleanJsonValue({ [nfd]: [nfd, 1, true, null], n: 2.5 })).toEqual({ Nguyễn: ['Nguyễn', 1, true, null], n: 2.5 });
  });

  it('lists every NUL, lone surrogate, bidi control and infinite number with its JSON Pointer', () => {
    expect(problemsOf({ a: 'x\u0000', 'b/c': ['\ud83d'], d: { '~e': 'f\u2067' }, g: Infinity })).toEqual([
      { path: '/a', message: 'contains a NUL character (U+0000), which text may not hold; remove it' },
      { path: '/b~1c/0', message: 'contains a lone UTF-16 surrogate (e.g. \\ud800 without its pair), which is not Unicode text; send the character itself in UTF-8' },
      { path: '/d/~0e', message: 'contains the invisible bidirectional control U+2067, which can make text display as something else; remove it' },
      { path: '/g', message: 'is a number too large to represent; send at most 15 significant digits' },
    ]);
  });

  it('accepts 64 levels of nesting and refuses the 65th', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : [nest(levels - 1)]);
    expect(cleanJsonValue(nest(64))).toEqual(nest(64));
    expect(problemsOf(nest(65))).toEqual([{ path: '/0'.repeat(64), message: 'nests arrays and objects deeper than 64 levels' }]);
  });

  it('refuses a key sent twice, once composed and once decomposed', () => {
    expect(problemsOf({ 'é': 1, ['e\u0301']: 2 })).toEqual([{ path: '/é', message: 'appears twice in one object (the same key, once composed and once decomposed); send it once' }]);
  });

  it('keeps a "__proto__" key as data', () => {
    const cleaned = cleanJsonValue(JSON.parse('{"__proto__": {"admin": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__']);
  });
});
