import { memoByString } from '../../src/private/memo';

describe('memoByString', () => {
  test('computes once per string, undefined and null results included', () => {
    const calls: string[] = [];
    const f = memoByString((k: string) => {
      calls.push(k);
      return k === 'none' ? undefined : k === 'null' ? null : k.length;
    });
    expect([f('abc'), f('abc'), f('none'), f('none'), f('null'), f('null')]).toEqual([3, 3, undefined, undefined, null, null]);
    expect(calls).toEqual(['abc', 'none', 'null']);
  });

  test('empties the cache when it is full, and still answers right', () => {
    let calls = 0;
    const f = memoByString((k: string) => {
      calls++;
      return k.toUpperCase();
    }, 2);
    expect([f('a'), f('b'), f('c'), f('a')]).toEqual(['A', 'B', 'C', 'A']);
    expect(calls).toBe(4);
  });
});
