// The unit helpers (src/private/units.ts).
import { sortedMap, sortedOwnMap } from '../../src/private/units';

/** The sortedMap that sorted every map (before it sorted only unsorted ones): the reference. */
function sortedMapBefore(map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  const out: { [key: string]: string } = {};
  for (const k of keys) out[k] = map[k];
  return out;
}

describe('sortedMap', () => {
  test('gives what sorting every map gave, on varied input', () => {
    const maps = [undefined, {}, { a: '1' }, { b: '1', a: '2' }, { 'app.kubernetes.io/name': 'x', 'app.kubernetes.io/managed-by': 'y' },
      { 'cdk8s-kubevirt/machine': 'vm', 'app.kubernetes.io/managed-by': 'm', 'fleet.example.com/shard': '3' }, { 10: 'a', 9: 'b', Z: 'c', a: 'd' },
      { é: '1', e: '2', E: '3', _: '4' }, { a: '1', b: '2', c: '3' }];
    for (const m of maps) {
      const got = sortedMap(m);
      expect(got).toEqual(sortedMapBefore(m));
      if (got) expect(Object.keys(got)).toEqual(Object.keys(sortedMapBefore(m)!));
      if (got) expect(got).not.toBe(m);
    }
  });
});

describe('sortedOwnMap', () => {
  const copySorted = sortedMap;
  const ownSorted = sortedOwnMap;
  const KEYS = ['a', 'b', 'B', 'app.kubernetes.io/name', 'app.kubernetes.io/managed-by', 'z/x', '10', '2', 'é', 'constructor', 'toString'];

  test('gives what sortedMap gives: same keys, order and values', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let round = 0; round < 500; round++) {
      const map: { [key: string]: string } = {};
      const n = next() % 6;
      for (let i = 0; i < n; i++) map[KEYS[next() % KEYS.length]] = `v${next() % 5}`;
      const expected = copySorted({ ...map });
      const actual = ownSorted({ ...map });
      expect(actual === undefined ? undefined : Object.entries(actual)).toEqual(expected === undefined ? undefined : Object.entries(expected));
    }
  });

  test('an own __proto__ key is dropped as sortedMap drops it', () => {
    const map = JSON.parse('{"__proto__": "x", "a": "1"}');
    expect(Object.entries(ownSorted({ ...map })!)).toEqual(Object.entries(copySorted({ ...map })!));
    const last = JSON.parse('{"a": "1", "__proto__": "x"}');
    expect(Object.entries(ownSorted({ ...last })!)).toEqual(Object.entries(copySorted({ ...last })!));
  });

  test('returns a map already in order as it is; undefined for an empty map', () => {
    const map = { a: '1', b: '2' };
    expect(ownSorted(map)).toBe(map);
    expect(ownSorted({})).toBeUndefined();
  });
});
