// Plain JSON helpers (src/private/json.ts).
import fc from 'fast-check';
import { sortedKeys, sortKeysDeep, sortStrings } from '../../src/private/json';

/** The deep sort that sorted every map's keys (before it sorted only unsorted ones): the reference. */
function sortKeysBefore(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeysBefore);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (value[key] !== undefined) out[key] = sortKeysBefore(value[key]);
    return out;
  }
  return value;
}

const VARIED: unknown[] = [
  {}, { b: 1, a: 2 }, { a: 1, b: 2 }, { 10: 'x', 9: 'y', b: undefined, B: null }, { z: [{ y: 1, x: [3, { d: 1, c: 2 }] }], a: '' },
  [3, [2, { b: 1, a: 1 }]], 'text', 0, null, undefined, { 'é': 1, 'e': 2, 'E': 3, '_': 4, '-': 5, 'a-b': 6, 'a_b': 7 },
  { list: [1, , 3] }, [new Date(0), { c: new Date(0) }], { outer: { 'b.c': [{ y: null, x: undefined }] }, __a: 1 },
];

describe('sortKeysDeep', () => {
  test('sorts every map, keeps list order and drops undefined', () => {
    const sorted = sortKeysDeep({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } });
    expect(JSON.stringify(sorted)).toEqual('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  test('gives what sorting every map gave, on varied input', () => {
    for (const v of VARIED) expect(JSON.stringify(sortKeysDeep(v))).toEqual(JSON.stringify(sortKeysBefore(v)));
    for (const v of VARIED) if (v && typeof v === 'object') expect(Object.keys(sortKeysDeep(v) as object)).toEqual(Object.keys(sortKeysBefore(v)));
  });
});

describe('sortedKeys', () => {
  test('is Object.keys(o).sort() for sorted, unsorted and integer-like keys', () => {
    for (const v of VARIED) if (v && typeof v === 'object') expect(sortedKeys(v)).toEqual(Object.keys(v).sort());
    expect(sortedKeys({ b: 1, a: 2, c: 3 })).toEqual(['a', 'b', 'c']);
  });
});

describe('sortStrings', () => {
  test('sorts keys as Array.prototype.sort does, short lists in place by insertion, long ones by sort (property)', () => {
    const key = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom('a', 'A', 'b', '_', '-', '', 'aa', '\u00e9', '\ud83d\ude00', '\uffff'));
    fc.assert(fc.property(fc.uniqueArray(key, { maxLength: 40 }), keys => {
      const mine = [...keys];
      sortStrings(mine);
      expect(mine).toEqual([...keys].sort());
    }), { numRuns: 500 });
  });
});
