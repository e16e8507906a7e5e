import fc from 'fast-check';
import { holdsNull } from '../../src/rules/null-pruning';

/** `holdsNull` as it was written first: over `Object.values` (the reference of the test below). */
function holdsNullByValues(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || depth > 200) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value as object)) if (holdsNullByValues(v, depth + 1)) return true;
  return false;
}

describe('holdsNull', () => {
  test('answers as the Object.values walk on any value', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: true }), v => {
      expect(holdsNull(v)).toBe(holdsNullByValues(v));
    }), { numRuns: 2000 });
  });

  test('reads own values only, holes as undefined, and stops below depth 200', () => {
    const inherited = Object.create({ a: null });
    expect(holdsNull(inherited)).toBe(false);
    expect(holdsNull([, 1])).toBe(false); // eslint-disable-line no-sparse-arrays
    expect(holdsNull({ a: [{ b: null }] })).toBe(true);
    let deep: any = null;
    for (let i = 0; i < 202; i++) deep = [deep];
    expect(holdsNull(deep)).toBe(holdsNullByValues(deep));
    expect(holdsNull(deep)).toBe(false);
  });
});
