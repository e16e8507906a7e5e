import { createHash } from 'crypto';
import { derivedFirmwareUuid } from '../../src/machine/machine-spec';

/** The derivation as it was written before the one-shot hash: SHA-1 fed namespace bytes, then the name. */
function reference(namespace: string | undefined, name: string): string {
  const ns = Buffer.from('3f1b6a52c0e94d8f9a7e1c2d4b5a6978', 'hex');
  const h = createHash('sha1').update(ns).update(`${namespace ?? ''}/${name}`).digest('hex').slice(0, 32);
  const variant = ((Number.parseInt(h[16], 16) % 4) + 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

const NAMES: Array<[string | undefined, string]> = [];
for (const ns of [undefined, '', 'default', 'fleet', 'ns-ü', 'a'.repeat(63)]) {
  for (const name of ['vm', 'vm-00001', 'web-0', 'x'.repeat(63), 'é', '日本', 'a/b', '']) NAMES.push([ns, name]);
}
for (let i = 0; i < 200; i++) NAMES.push([`ns-${i % 7}`, `m-${i}-${String.fromCharCode(0x61 + (i % 26))}`]);

describe('derivedFirmwareUuid', () => {
  test('is the same UUID as SHA-1 over namespace bytes then name', () => {
    for (const [ns, name] of NAMES) expect(derivedFirmwareUuid(ns, name)).toBe(reference(ns, name));
  });

  test('a known value', () => {
    expect(derivedFirmwareUuid('fleet', 'vm-00001')).toBe(reference('fleet', 'vm-00001'));
    expect(derivedFirmwareUuid('fleet', 'vm-00001')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('without crypto.hash (Node.js before 20.12) gives the same UUIDs', () => {
    jest.isolateModules(() => {
      jest.doMock('crypto', () => {
        const real = jest.requireActual('crypto');
        return { ...real, hash: undefined };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fallback = require('../../src/machine/machine-spec') as typeof import('../../src/machine/machine-spec');
      for (const [ns, name] of NAMES) expect(fallback.derivedFirmwareUuid(ns, name)).toBe(reference(ns, name));
    });
    jest.dontMock('crypto');
  });
});
