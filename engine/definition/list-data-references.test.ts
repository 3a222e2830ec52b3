import { describe, expect, it } from 'vitest';
import { listDataReferences } from './list-data-references.ts';

describe('listDataReferences', () => {
  it.each<[string, string[][]]>([
    ['data.informant.relationship != "other"', [['informant', 'relationship']]],
    ['has(data.informant.authorization) && data.informant.authorization', [['informant', 'authorization'], ['informant', 'authorization']]],
    ['data.?parcel.areaM2.orValue(0) > 100.0', [['parcel', 'areaM2']]],
    ['data.owners[0].name == "A"', [['owners']]],
    ['input.reason == "data.child" && actor.role == "leader"', []],
    ['data.owners.exists(o, o.age >= 18) && size(data.owners) > 1', [['owners'], ['owners']]],
    ['[1, 2].exists(data, data > 1)', []],
    ['data.a &&', []],
  ])('%s', (expression, expected) => {
    expect(listDataReferences(expression)).toEqual(expected);
  });
});
