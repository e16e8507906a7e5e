/**
 * src/cli/k8s-yaml.ts `resolvePlain` (first-character table, small decimal fast path) against the
 * implementation it replaced, kept here verbatim, on varied plain scalars.
 */
import fc from 'fast-check';
import { NO_MATCH, resolvePlain } from '../../src/cli/k8s-yaml';

const BOOL: Record<string, boolean> = {};
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) BOOL[s] = true;
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) BOOL[s] = false;
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = {};
for (const s of ['.nan', '.NaN', '.NAN']) SPECIAL_FLOATS[s] = NaN;
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPECIAL_FLOATS[s] = Infinity;
for (const s of ['-.inf', '-.Inf', '-.INF']) SPECIAL_FLOATS[s] = -Infinity;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

/** The previous resolvePlain. */
function reference(s: string): unknown {
  if (s.length === 0) return null;
  const c = s.charCodeAt(0);
  const digit = c >= 48 && c <= 57;
  const sign = c === 43 || c === 45;
  if (!digit && !sign && c !== 46 && 'yYnNtTfFoO~'.indexOf(s[0]) === -1) return NO_MATCH;
  if (s in BOOL) return BOOL[s];
  if (NULLS.has(s)) return null;
  if (s in SPECIAL_FLOATS) return SPECIAL_FLOATS[s];
  if (c === 46) return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? Number(s) : NO_MATCH;
  if (!digit && !sign) return NO_MATCH;
  const plain = s.indexOf('_') === -1 ? s : s.replace(/_/g, '');
  if (GO_INT.test(plain)) {
    const neg = plain[0] === '-';
    const body = sign ? plain.slice(1) : plain;
    let big: bigint;
    if (/^0[0-7]+$/.test(body)) big = BigInt(`0o${body.slice(1)}`);
    else big = BigInt(body.toLowerCase().startsWith('0o') ? `0o${body.slice(2)}` : body);
    if (neg) big = -big;
    if (big >= -(2n ** 63n) && big < 2n ** 64n) return Number(big);
  }
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return NO_MATCH;
}

const same = (s: string): void => {
  const want = reference(s);
  const got = resolvePlain(s);
  expect({ s, same: Object.is(got, want) }).toEqual({ s, same: true });
};

describe('resolvePlain is the previous implementation', () => {
  test('listed scalars', () => {
    for (const s of ['', '0', '-0', '+0', '00', '07', '08', '0x1F', '0o17', '0b101', '1_000', '2', '30Gi', '100Gi', '1e3', '1.5', '.5', '-.5',
      '123456789012345', '1234567890123456', '9007199254740993', '18446744073709551615', '18446744073709551616', '9223372036854775808',
      '-9223372036854775809', 'y', 'yes', 'on', 'Off', 'null', '~', '.inf', '-.Inf', '.nan', 'toString', 'constructor', 'nope', 'e1', '+',
      '-', '.', '8df8ecb7-94cf-53c7-8fdd-b45cacbfcfa7', '1:30', '2024-01-01', 'é', '\u{1F600}', '0.', '1.', '1e', '1_']) same(s);
  });

  test('random scalars', () => {
    const chars = fc.constantFrom(...'0123456789_+-.eExXoObB aZyn~:'.split(''));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: chars, maxLength: 24 }),
      fc.bigInt().map(String), fc.double().map(String)), s => same(s)), { seed: 20261202, numRuns: 20000 });
  });
});
