import { describe, expect, it } from 'vitest';
import { explainDataErrors } from './explain-data-errors.ts';

const schema = {
  type: 'object',
  properties: {
    child: { type: 'object', properties: { sex: { enum: ['male', 'female'] } } },
    witnesses: { type: 'array', items: { type: 'object', properties: { kind: { const: 'adult' }, n: { enum: [1, 2] } } } },
  },
};

describe('explainDataErrors', () => {
  it('lists the allowed values of an enum or const found at the failing path', () => {
    expect(
      explainDataErrors(schema, [
        { path: '/child/sex', message: 'must be equal to one of the allowed values' },
        { path: '/witnesses/3/kind', message: 'must be equal to constant' },
        { path: '/witnesses/0/n', message: 'must be equal to one of the allowed values' },
        { path: '/child/fullName', message: 'is required' },
        { path: '/unknown', message: 'must be equal to one of the allowed values' },
      ]),
    ).toEqual([
      { path: '/child/sex', message: 'must be one of: male, female' },
      { path: '/witnesses/3/kind', message: 'must be adult' },
      { path: '/witnesses/0/n', message: 'must be one of: 1, 2' },
      { path: '/child/fullName', message: 'is required' },
      { path: '/unknown', message: 'must be equal to one of the allowed values' },
    ]);
  });
});
