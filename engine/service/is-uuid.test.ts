import { describe, expect, it } from 'vitest';
import { isUuid } from './is-uuid.ts';

describe('isUuid', () => {
  it('accepts the 8-4-4-4-12 form in either case', () => {
    expect([isUuid('0f8fad5b-d9cb-469f-a165-70867728950e'), isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')]).toEqual([true, true]);
  });

  it('refuses 36 characters of hex digits and hyphens in another shape, which PostgreSQL would reject', () => {
    expect(['-'.repeat(36), '0'.repeat(36), '0f8fad5bd9cb469fa16570867728950e', '0f8fad5b-d9cb-469f-a165-70867728950e ', ''].map(isUuid)).toEqual([false, false, false, false, false]);
  });
});
