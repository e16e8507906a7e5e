// The unit helpers (src/private/units.ts).
import { sortedMap } from '../../src/private/units';

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
