import { isMacAddress, isPortNumber } from '../../src/private/mac-port';

describe('MAC addresses and ports: one check each', () => {
  test('MAC addresses in the forms Go net.ParseMAC reads (48-bit)', () => {
    expect(['52:54:00:12:34:56', '52-54-00-12-34-56', '5254.0012.3456', 'AA:bb:CC:dd:EE:ff'].map(isMacAddress)).toEqual([true, true, true, true]);
    expect(['52:54:00:12:34', '52:54-00:12:34:56', '52:54:00:12:34:5g', '', 42].map(isMacAddress)).toEqual([false, false, false, false, false]);
  });

  test('ports are whole numbers from 1 to 65535', () => {
    expect([1, 22, 65535].map(isPortNumber)).toEqual([true, true, true]);
    expect([0, 65536, 22.5, Number.NaN, '22'].map(isPortNumber)).toEqual([false, false, false, false, false]);
  });
});
