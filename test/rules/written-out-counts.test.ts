/**
 * Some rules count the set keys of an item with named reads written out (faster than `countSet`'s keyed
 * loop over a key list). Each written-out count must equal `countSet` over its list on every object:
 * here on every single key of the union of the lists, each key alone and with others, set to values
 * that count (objects, '', 0, false) and values that do not (null, undefined).
 */
import { SOURCE_TYPES, sourceTypeCount } from '../../src/rules/data-volume-templates';
import { BINDINGS, bindingCount, DISCONTINUED, hasDiscontinued, NETWORK_SOURCES, networkSourceCount } from '../../src/rules/networks';
import { countSet } from '../../src/rules/types';
import { NETWORK_DATA_FIELDS, networkDataCount, USER_DATA_FIELDS, userDataCount, VOLUME_SOURCES, volumeSourceCount } from '../../src/rules/volumes';

const COUNTS: Array<[string, readonly string[], (o: any) => number]> = [
  ['VOLUME_SOURCES', VOLUME_SOURCES, volumeSourceCount],
  ['USER_DATA_FIELDS', USER_DATA_FIELDS, userDataCount],
  ['NETWORK_DATA_FIELDS', NETWORK_DATA_FIELDS, networkDataCount],
  ['NETWORK_SOURCES', NETWORK_SOURCES, networkSourceCount],
  ['BINDINGS', BINDINGS, bindingCount],
  ['DISCONTINUED', DISCONTINUED, o => (hasDiscontinued(o) ? 1 : 0)],
  ['SOURCE_TYPES', SOURCE_TYPES, sourceTypeCount],
];

const ALL_KEYS = [...new Set(COUNTS.flatMap(([, keys]) => keys)), 'name', 'other'];
const VALUES: unknown[] = [{}, '', 0, false, 'x', [], null, undefined];

/** Objects with each key alone, each pair of keys, and seeded random subsets, with varied values. */
function objects(): any[] {
  const out: any[] = [{}];
  for (const k of ALL_KEYS) for (const v of VALUES) out.push({ [k]: v });
  for (const a of ALL_KEYS) for (const b of ALL_KEYS) out.push({ [a]: {}, [b]: 'x' });
  let seed = 7;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 500; n++) {
    const o: any = {};
    for (const k of ALL_KEYS) if (rand() < 0.3) o[k] = VALUES[Math.floor(rand() * VALUES.length)];
    out.push(o);
  }
  return out;
}

describe('written-out counts', () => {
  test.each(COUNTS)('%s: equal countSet over the list', (_name, keys, count) => {
    for (const o of objects()) {
      const expected = keys === DISCONTINUED ? Math.min(countSet(o, keys), 1) : countSet(o, keys);
      expect([o, count(o)]).toEqual([o, expected]);
    }
  });
});
