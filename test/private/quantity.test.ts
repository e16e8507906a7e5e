import { parseQuantity, parseQuantityExact, quantityCeil } from '../../src/private/quantity';

describe('parseQuantity', () => {
  test('reads Kubernetes quantities', () => {
    expect([parseQuantity('2Gi'), parseQuantity('500m'), parseQuantity('1.5'), parseQuantity('1e3'), parseQuantity('2G'), parseQuantity(4)])
      .toEqual([2 * 2 ** 30, 0.5, 1.5, 1000, 2e9, 4]);
    expect([parseQuantity('2 Gi'), parseQuantity('Gi'), parseQuantity(null), parseQuantity({})]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('parseQuantityExact and quantityCeil', () => {
  test('are exact where floating point is not', () => {
    expect(parseQuantityExact('1.5Gi')).toEqual({ numerator: 15n * 1024n ** 3n, denominator: 10n, suffix: 'Gi' });
    expect(quantityCeil('1.5Gi')).toBe(1610612736n);
    expect(quantityCeil('100m')).toBe(1n);
    expect(quantityCeil('12345678901234567890')).toBe(12345678901234567890n);
    expect(quantityCeil('2e3')).toBe(2000n);
  });

  test('reject what is not a quantity', () => {
    expect([quantityCeil('2 Gi'), quantityCeil('1e999'), quantityCeil(Number.NaN), quantityCeil('Gi'), quantityCeil(true)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
