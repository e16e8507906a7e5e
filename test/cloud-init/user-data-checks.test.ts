// The checks every kind of cloud-init data shares (src/cloud-init/user-data-checks.ts).
import { byteLength, checkNoPrivateKey, isHostLabel, isHostName, REDACTED, sortKeys } from '../../src/cloud-init/user-data-checks';

describe('user-data checks', () => {
  test('sortKeys sorts every map, keeps list order and drops undefined', () => {
    const sorted = sortKeys({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } });
    expect(JSON.stringify(sorted)).toEqual('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
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
