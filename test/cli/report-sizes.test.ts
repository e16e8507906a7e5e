import { cpuCount, formatGi, parseQuantity, vcpusOf } from '../../src/cli/report-sizes';

describe('quantities', () => {
  test('are parsed exactly', () => {
    expect(parseQuantity('1Ki')).toBe(1024n);
    expect(parseQuantity('1.5Gi')).toBe(1610612736n);
    expect(parseQuantity('5G')).toBe(5000000000n);
    expect(parseQuantity('1k')).toBe(1000n);
    expect(parseQuantity('2Ti')).toBe(2n * 1024n ** 4n);
    expect(parseQuantity('1073741824')).toBe(1073741824n);
    expect(parseQuantity(1073741824)).toBe(1073741824n);
    expect(parseQuantity('1e3')).toBe(1000n);
    expect(parseQuantity('1500m')).toBe(2n); // fractional bytes round up
    expect(parseQuantity('0.1')).toBe(1n);
    expect(parseQuantity('10 Gi')).toBeUndefined();
    expect(parseQuantity('-1Gi')).toBeUndefined();
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  test('are shown in GiB with 2 decimals', () => {
    expect(formatGi(0n)).toBe('0.00 Gi');
    expect(formatGi(5000000000n)).toBe('4.66 Gi');
    expect(formatGi(1024n ** 4n)).toBe('1024.00 Gi');
    expect(formatGi(5368709n)).toBe('0.00 Gi'); // just under 0.005 Gi
    expect(formatGi(5368710n)).toBe('0.01 Gi'); // just over 0.005 Gi
  });
});

describe('vCPUs', () => {
  test('vcpusOf follows GetCPUTopology and GetNumberOfVCPUs', () => {
    expect(vcpusOf({ cpu: { sockets: 2, cores: 3, threads: 2 } })).toBe(12);
    expect(vcpusOf({ cpu: { cores: 4 }, resources: { limits: { cpu: 16 } } })).toBe(4);
    expect(vcpusOf({ resources: { limits: { cpu: '500m' } } })).toBe(1);
    expect(vcpusOf({ resources: { requests: { cpu: 6 } } })).toBe(6);
    expect(vcpusOf({})).toBe(1);
    // CPU quantities go through the one quantity parser: any suffix or exponent, rounded up; a negative one is not a count
    expect(vcpusOf({ resources: { limits: { cpu: '1e1' } } })).toBe(10);
    expect(vcpusOf({ resources: { limits: { cpu: '-2' }, requests: { cpu: '2500m' } } })).toBe(3);
  });

  test('a CPU quantity is a whole number of CPUs, rounded up', () => {
    expect(cpuCount('500m')).toBe(1);
    expect(cpuCount(' 2 ')).toBe(2);
    expect(cpuCount(1.5)).toBe(2);
    expect(cpuCount('2 cores')).toBeUndefined();
    expect(cpuCount(-1)).toBeUndefined();
    expect(cpuCount(null)).toBeUndefined();
  });
});
