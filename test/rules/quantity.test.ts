import { canonicalQuantity } from '../../src/rules/quantity';

describe('canonicalQuantity (apimachinery resource.Quantity ParseQuantity + MarshalJSON)', () => {
  test.each([
    // the gotypes README's examples
    ['2048Mi', '2Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['2000m', '2'], ['0.5', '500m'], ['1.5Gi', '1536Mi'],
    ['1536Mi', '1536Mi'], ['512Mi', '512Mi'], ['100m', '100m'], ['1Gi', '1Gi'],
    // decimal: mantissa without trailing zeros, exponent a multiple of 3
    ['1500', '1500'], ['1.5', '1500m'], ['1000', '1k'], ['1000k', '1M'], ['0.001', '1m'], ['12e6', '12e6'], ['1e3', '1e3'],
    ['1200e3', '1200e3'], ['1E', '1E'], ['1000E', '1e21'],
    // binary: largest power of 1024, decimal below 1024 or when fractional
    ['8Gi', '8Gi'], ['1024Ki', '1Mi'], ['1000Ki', '1000Ki'], ['0.5Ki', '512'], ['0.1Ki', '102400m'], ['1.5Ki', '1536'],
    // rounding up to 1n, signs, zeros, strings kept as written
    ['0.0000000001', '1n'], ['1.0000000001', '1000000001n'], ['-1Gi', '-1Gi'], ['-0.5', '-500m'], ['0', '0'], ['0.0', '0'],
    ['000', '0'], ['0Gi', '0'], ['010', '010'], ['+1', '+1'], [' 2Gi ', '2Gi'],
  ])('%s is stored as %s', (input, stored) => {
    expect(canonicalQuantity(input)).toEqual(stored);
  });

  test('a JSON number is read from its text and stored as a string', () => {
    expect(canonicalQuantity(2)).toEqual('2');
    expect(canonicalQuantity(0.5)).toEqual('500m');
    expect(canonicalQuantity(1536)).toEqual('1536');
  });

  test.each(['', 'abc', '1 Gi', '1Gb', '1e', '1..5', '--1', '1Gi1'])('%j is not a quantity', (input) => {
    expect(canonicalQuantity(input)).toBeUndefined();
  });

  test('non-strings and non-finite numbers are not quantities', () => {
    for (const x of [null, undefined, true, {}, [], NaN, Infinity]) expect(canonicalQuantity(x)).toBeUndefined();
  });
});
