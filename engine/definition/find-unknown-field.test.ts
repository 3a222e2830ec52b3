import { describe, expect, it } from 'vitest';
import { findUnknownField } from './find-unknown-field.ts';

const schema = {
  type: 'object',
  definitions: { person: { type: 'object', properties: { fullName: { type: 'string' } } } },
  properties: {
    applicant: { $ref: '#/definitions/person' },
    parcel: { allOf: [{ properties: { sheet: { type: 'integer' } } }, { properties: { number: { type: 'integer' } } }] },
    extra: { type: 'object' },
    tags: { type: 'object', properties: { main: { type: 'string' } }, additionalProperties: { type: 'object', properties: { label: { type: 'string' } } } },
    open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
    name: { type: 'string' },
    loop: { allOf: [{ $ref: '#/properties/loop' }, { $ref: '#/properties/loop' }] },
  },
};

describe('findUnknownField', () => {
  it.each<[string[], ReturnType<typeof findUnknownField>]>([
    [['applicant', 'fullName'], null],
    [['applicant', 'fulName'], { index: 1, known: ['fullName'] }],
    [['parcel', 'number'], null],
    [['parcel', 'area'], { index: 1, known: ['number', 'sheet'] }],
    [['extra', 'anything', 'deeper'], null],
    [['tags', 'custom', 'label'], null],
    [['tags', 'custom', 'lable'], { index: 2, known: ['label'] }],
    [['open', 'whatever'], null],
    [['name', 'length'], null],
    [['loop', 'x'], null],
    [['aplicant'], { index: 0, known: ['applicant', 'extra', 'loop', 'name', 'open', 'parcel', 'tags'] }],
  ])('%j', (path, expected) => {
    expect(findUnknownField(schema, path)).toEqual(expected);
  });

  it('accepts anything when the data schema declares no properties', () => {
    expect(findUnknownField({ type: 'object' }, ['a', 'b'])).toBeNull();
  });
});
