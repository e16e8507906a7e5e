import { parseQuantityExact } from '../../src/private/quantity';

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
