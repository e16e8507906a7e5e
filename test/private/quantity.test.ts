import { parseQuantityExact, parseQuantityStored } from '../../src/private/quantity';

describe('parseQuantityExact: apimachinery ParseQuantity grammar', () => {
  test.each([
    ['2Gi', false, 2n * 1024n ** 3n, 1n],
    ['500m', false, 500n, 1000n],
    ['1.5', false, 15n, 10n],
    ['1e3', false, 1000n, 1n],
    ['1E', false, 10n ** 18n, 1n],
    ['+.5Ki', false, 5n * 1024n, 10n],
    ['-1Gi', true, 1024n ** 3n, 1n],
    ['-0', false, 0n, 1n],
    ['100n', false, 100n, 10n ** 9n],
    ['2e-2', false, 2n, 100n],
  ])('%s', (text, negative, num, den) => {
    expect(parseQuantityExact(text)).toEqual({ negative, num, den });
  });

  test.each(['', 'Gi', '2 Gi', '2gi', '2KiB', '1e101', '--1', '1.2.3', ' 1'])('rejects %j', text => {
    expect(parseQuantityExact(text)).toBeUndefined();
  });
});

describe('parseQuantityStored: what apimachinery ParseQuantity keeps', () => {
  test.each([
    // value as written, and the input string kept when it is already canonical
    ['2Gi', 2n * 1024n ** 3n, 0, 'BinarySI', '2Gi'],
    ['1500m', 1500n, -3, 'DecimalSI', '1500m'],
    ['1e3', 1n, 3, 'DecimalExponent', '1e3'],
    ['1000', 1000n, 0, 'DecimalSI', undefined],
    // rounded up to 1n, capped at the int64 maximum for binary quantities, binary below 1 read as decimal
    ['0.0000000001', 1n, -9, 'DecimalSI', undefined],
    ['9Ei', 2n ** 63n - 1n, 0, 'BinarySI', undefined],
    ['0.5Ki', 5120n, -1, 'BinarySI', undefined],
    ['0.0001Ki', 1024n, -4, 'DecimalSI', undefined],
  ])('%s', (text, unscaled, exponent, format, cached) => {
    const q = parseQuantityStored(text);
    expect(q).toEqual({ amount: { unscaled, exponent }, format, ...(cached === undefined ? {} : { cached }) });
  });

  test('a huge negative exponent rounds up to 1n without building 10^places', () => {
    expect(parseQuantityStored('1e-2000000000')).toEqual({ amount: { unscaled: 1n, exponent: -9 }, format: 'DecimalExponent' });
  });

  test('the one scan: every string the exact reading accepts is a quantity for ParseQuantity too', () => {
    for (const text of ['2Gi', '500m', '1.5', '1e3', '1E', '+.5Ki', '-1Gi', '-0', '100n', '2e-2', '1.', '1.G', '0Gi', '010']) {
      const read = { exact: parseQuantityExact(text) !== undefined, stored: parseQuantityStored(text) !== undefined };
      expect({ text, ...read }).toEqual({ text, exact: true, stored: true });
    }
  });

  test.each(['', 'abc', '1 Gi', '1Gb', '1e', '1..5', '--1', '1Gi1', '2K'])('rejects %j', text => {
    expect(parseQuantityStored(text)).toBeUndefined();
  });

  test('reads a number with no digits as zero, as ParseQuantity does; the exact reading refuses it', () => {
    for (const text of ['.', '+', 'Gi']) {
      expect(parseQuantityStored(text)?.amount.unscaled).toEqual(0n);
      expect(parseQuantityExact(text)).toBeUndefined();
    }
  });
});
