// The checks every kind of cloud-init data shares (src/cloud-init/user-data-checks.ts).
import { byteLength, checkNoPrivateKey, checkNoPrivateKeyDeep, isHostLabel, isHostName, REDACTED } from '../../src/cloud-init/user-data-checks';

/** The private-key walk that built every path (before it looked first): the reference. */
function privateKeyBefore(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/.test(value) ? at : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = privateKeyBefore(value[i], `${at}[${i}]`);
      if (found !== undefined) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = privateKeyBefore(v, at ? `${at}.${k}` : k);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc';
const VARIED: unknown[] = [
  {}, { b: 1, a: 2 }, { a: 1, b: 2 }, { 10: 'x', 9: 'y', b: undefined, B: null }, { z: [{ y: 1, x: [3, { d: 1, c: 2 }] }], a: '' },
  [3, [2, { b: 1, a: 1 }]], 'text', 0, null, undefined, { 'é': 1, 'e': 2, 'E': 3, '_': 4, '-': 5, 'a-b': 6, 'a_b': 7 },
  { users: [{ name: 'ops', ssh: ['ssh-ed25519 AAAA'] }], extra: { deep: { deeper: [KEY] } } }, { a: ['-----BEGIN ', 'x'], b: KEY },
  { list: [1, , 3] }, [new Date(0), { c: new Date(0) }],
];


describe('user-data checks', () => {
  test('checkNoPrivateKeyDeep names the first private key the full walk named, on varied input', () => {
    for (const v of VARIED) {
      const at = privateKeyBefore(v, '');
      let thrown: string | undefined;
      try {
        checkNoPrivateKeyDeep('CloudInit', v, '');
      } catch (e) {
        thrown = (e as Error).message;
      }
      expect(thrown).toEqual(at === undefined ? undefined : expect.stringContaining(`CloudInit: ${at} contains a private key`));
    }
  });

  test('host names: RFC 1123 labels in either case, joined by dots, at most 253 characters', () => {
    expect([isHostLabel('Web-1'), isHostLabel('-web'), isHostName('web-1.Example.com'), isHostName('a..b'), isHostName(`${'a.'.repeat(127)}ab`)])
      .toEqual([true, false, true, false, false]);
  });

  test('byteLength counts UTF-8 bytes', () => {
    expect(byteLength('é')).toEqual(2);
  });

  test('REDACTED shows as <redacted>', () => {
    expect(`${REDACTED}`).toEqual('<redacted>');
  });

  test('fails when text holds a private key, without echoing it', () => {
    expect(() => checkNoPrivateKey('CloudInit', 'userData', 'x\n-----BEGIN OPENSSH PRIVATE KEY-----\nabc')).toThrow(
      'CloudInit: userData contains a private key: got <redacted>; no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true');
  });
});
