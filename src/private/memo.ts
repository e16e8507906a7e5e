/**
 * A remembered pure function of a string, for values a fleet repeats (keys, label keys, sizes, URLs, user
 * data). The cache is emptied when it reaches `max` entries: it bounds memory, it is not a store.
 * Internal: not exported from the package.
 */
export function memoByString<T>(compute: (key: string) => T, max = 4096): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string): T => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as T;
    const value = compute(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
