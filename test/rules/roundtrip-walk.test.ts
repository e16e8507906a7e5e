/**
 * `roundTripDifferences` (one walk that encodes and compares together) against
 * `roundTripDifferencesByCopy` (build the stored copy, then compare the two trees): the same differences,
 * in the same order, with the same stored values, on manifests broken at paths of the Go types.
 */
import fc from 'fast-check';
import { validPool, validVm } from './fixtures';
import { REENCODED } from '../../src/rules/gotypes.generated';
import { formatRoundTripDifference, roundTripDifferences, roundTripDifferencesByCopy } from '../../src/rules/roundtrip';

const PATHS = Object.keys(REENCODED.VirtualMachine);

/** Values that each take a different branch of the encoder somewhere. */
const VALUES: unknown[] = [
  null, undefined, '', 0, false, true, 1, -1, 2.5, NaN, 'x', 'Always', '1Gi', '1024Mi', '100m', '0.5', 'bad quantity',
  '01.002.3.4', '::ffff:1.2.3.4', '2001:DB8::1', '10.0.0.1/24', '010.0.0.1/33', '2024-01-01T00:00:00Z',
  [], {}, [null], [1, ''], [{}], [{ name: 'a' }, null], { a: null }, { a: '' }, { Name: 'n' }, { name: '', bus: '' },
  { constructor: 1 }, { toString: {} }, { '': 1 }, { 'a.b': [] },
];

/** Keys that are not fields, inherited names and mis-cased field names. */
const ODD_KEYS = ['unknownKey', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'Name', 'NAME', 'Labels', 'Bus', 'a"b', 'x y', ''];

function setOwn(o: any, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Sets `value` at a concrete form of the Go-type path `p` (list items at `index`, map keys `k<index>`), creating what is missing. */
function setAt(root: any, p: string, value: unknown, index: number): void {
  const segs = p.replace(/\[\]/g, '.[]').replace(/\{\}/g, '.{}').split('.').filter(s => s !== '');
  let cur = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const key: string | number = seg === '[]' ? index : seg === '{}' ? `k${index}` : seg;
    if (seg === '[]' && !Array.isArray(cur)) return;
    if (seg !== '[]' && (cur === null || typeof cur !== 'object' || Array.isArray(cur))) return;
    if (i === segs.length - 1) {
      setOwn(cur, key, value);
      return;
    }
    let next = cur[key];
    if (next === null || typeof next !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) {
      next = segs[i + 1] === '[]' ? [] : {};
      setOwn(cur, key, next);
    }
    cur = next;
  }
}

/** The object at the parent of `p` (a struct), if the manifest has one. */
function parentOf(root: any, p: string): any {
  let cur = root;
  for (const seg of p.split('.').slice(0, -1)) {
    const name = seg.replace(/\[\]|\{\}/g, '');
    cur = cur?.[name];
    if (seg.endsWith('[]')) cur = Array.isArray(cur) ? cur[0] : undefined;
    if (seg.endsWith('{}')) cur = cur && typeof cur === 'object' ? Object.values(cur)[0] : undefined;
  }
  return cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? cur : undefined;
}

type Edit = [number, number, number, number];

function apply(base: any, edits: Edit[]): any {
  const m = structuredClone(base);
  for (const [kind, a, b, c] of edits) {
    const p = PATHS[a % PATHS.length];
    if (kind % 4 === 3) {
      const parent = parentOf(m, p);
      if (parent) setOwn(parent, ODD_KEYS[b % ODD_KEYS.length], VALUES[c % VALUES.length]);
    } else if (kind % 4 === 2) {
      // A sparse list somewhere, or a value where a list of structs is expected.
      setAt(m, p, c % 2 === 0 ? new Array(3) : [VALUES[b % VALUES.length], , {}], c % 3); // eslint-disable-line no-sparse-arrays
    } else {
      setAt(m, p, structuredCloneSafe(VALUES[b % VALUES.length]), c % 3);
    }
  }
  return m;
}

function structuredCloneSafe(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const copy: any = Array.isArray(v) ? [] : {};
  for (const k of Object.keys(v)) setOwn(copy, k, structuredCloneSafe((v as any)[k]));
  return copy;
}

function expectSame(m: unknown): void {
  const byCopy = roundTripDifferencesByCopy(m);
  const walked = roundTripDifferences(m);
  expect(walked.map(d => d.path)).toEqual(byCopy.map(d => d.path));
  expect(walked.map(d => d.reason)).toEqual(byCopy.map(d => d.reason));
  for (let i = 0; i < walked.length; i++) {
    expect(Object.is(walked[i].emitted, byCopy[i].emitted)).toBe(true);
    expect(walked[i].stored).toStrictEqual(byCopy[i].stored);
    expect(formatRoundTripDifference(walked[i])).toBe(formatRoundTripDifference(byCopy[i]));
  }
}

const edit = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat());

describe('roundTripDifferences walks once and reports what comparing with the stored copy reports', () => {
  test('on VirtualMachines broken at paths of the Go types', () => {
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), edits => expectSame(apply(validVm(), edits))), { numRuns: 1500 });
  });

  test('on every path with every value', () => {
    for (let a = 0; a < PATHS.length; a++) {
      const m = apply(validVm(), VALUES.map((_, b) => [0, a, b, b] as Edit).slice(a % 7, a % 7 + 6));
      expectSame(m);
    }
  });

  test('at the roots, and on other kinds and non-objects', () => {
    for (const v of VALUES) {
      const m: any = validVm();
      m.metadata = structuredCloneSafe(v);
      expectSame(m);
      const n: any = validVm();
      n.spec = structuredCloneSafe(v);
      expectSame(n);
      const o: any = validVm();
      delete o.metadata;
      delete o.spec;
      expectSame(o);
    }
    for (const m of [validPool(), null, 1, [], { kind: 1 }, { kind: 'VirtualMachine' }]) expectSame(m);
  });

  test('a clean VM reports nothing either way', () => {
    expect(roundTripDifferences(validVm())).toEqual([]);
    expect(roundTripDifferencesByCopy(validVm())).toEqual([]);
  });
});
