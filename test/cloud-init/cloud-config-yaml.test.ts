import { Yaml } from 'cdk8s';
import { stringifyCloudConfig } from '../../src/cloud-init/cloud-config-yaml';

// stringifyCloudConfig renders entries separately and caches them; its output must be byte-identical to
// Yaml.stringify of the whole document, for every kind of value, on first use and from the cache.
const TRICKY = [
  '', ' ', 'plain', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'null', '~', '0755', '0x1f', '1:20', '1_000', '1e3', '.inf', '.nan', '-',
  '- item', 'a: b', 'a #b', '#c', '&a', '*a', '!t', '|', '>', '%x', '@x', '`x', '"q"', "'q'", '{a}', '[a]', 'a\nb', 'a\nb\n', 'trail ', ' lead',
  'tab\tin', 'ünïcödé', 'emoji 🚀', 'ALL=(ALL) NOPASSWD:ALL', 'ssh-ed25519 AAAA x@y', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '=', '? q',
];

function docs(): Array<Record<string, any>> {
  const out: Array<Record<string, any>> = [];
  for (const s of TRICKY) {
    out.push({ hostname: s });
    out.push({ a: s, b: [s, s], c: { [s || 'k']: s }, d: [{ name: s, groups: [s] }] });
    out.push({ [s || 'empty']: s, runcmd: [s, [s, 'x']], write_files: [{ content: s, path: '/etc/x' }] });
  }
  out.push({ a: [], b: {}, c: [[]], d: [{}], e: null, f: 0, g: -1.5, h: 1e21, i: true, j: false });
  out.push({ users: ['default', { name: 'ops', ssh_authorized_keys: ['k1', 'k2'], sudo: 'ALL=(ALL) NOPASSWD:ALL' }], packages: ['a', 'b'] });
  out.push({ write_files: [{ content: 'line 1\nline 2\n', path: '/etc/motd', permissions: '0644' }], runcmd: ['echo "hi"', 'a: b'] });
  const shared = ['x', 'y'];
  out.push({ a: shared, b: shared }); // object identity: yaml may alias it, so it must not be split
  out.push({ a: new Date(0), b: 'x' });
  out.push({ a: Number.NaN, b: Infinity });
  out.push({});
  return out;
}

test('stringifyCloudConfig is byte-identical to Yaml.stringify, first time and cached', () => {
  for (let pass = 0; pass < 2; pass++) {
    for (const doc of docs()) {
      expect(stringifyCloudConfig(doc)).toBe(Yaml.stringify(doc));
    }
  }
});

test('a scalar entry of plain words is written as Yaml.stringify writes it', () => {
  const words = ['vm-00001', 'a', 'z9', 'web-1', 'e3', 'e-3', 'e33', 'e-', 'e3a', 'x-', 'inf', 'nan', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false', 'null', 'yes-no', 'ok'];
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  for (let i = 0; i < 2000; i++) {
    let w = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
    for (let k = 0; k < (i * 7) % 9; k++) w += alphabet[(i * 31 + k * 17) % alphabet.length];
    words.push(w);
  }
  for (const w of words) {
    expect(stringifyCloudConfig({ hostname: w })).toBe(Yaml.stringify({ hostname: w }));
    expect(stringifyCloudConfig({ [w]: 'x', fqdn: w })).toBe(Yaml.stringify({ [w]: 'x', fqdn: w }));
  }
});

test('an entry equal to the last value of its key is reused only when it renders the same', () => {
  // Pairs and runs of documents whose entries differ from the previous one in one way each: the last value
  // cached per key must not be reused for any of them.
  const shared = ['x'];
  const many = Array.from({ length: 80 }, (_, i) => ({ n: i }));
  const inherited = Object.create({ extra: 'x' });
  inherited.a = 1;
  const holey: string[] = ['a', 'a'];
  delete holey[0];
  const runs: Array<Array<Record<string, any>>> = [
    [{ a: ['x'], b: ['x'] }, { a: shared, b: shared }, { a: ['x'], b: ['x'] }],
    [{ c: { x: 1, y: 2 } }, { c: { y: 2, x: 1 } }, { c: { x: 1, y: 2 } }],
    [{ n: [0] }, { n: [-0] }, { n: [0] }, { n: -0 }, { n: 0 }, { n: { z: -0 } }],
    [{ h: ['a', 'a'] }, { h: holey }, { h: ['a', 'a'] }],
    [{ d: { a: 1 } }, { d: inherited }, { d: { a: 1, extra: 'x' } }],
    [{ t: [1, 2] }, { t: [1, 2, 3] }, { t: [1] }, { t: [[1]] }, { t: [{}] }, { t: [[]] }],
    [{ u: true }, { u: 'true' }, { u: 1 }, { u: '1' }, { u: null }, { u: 'null' }, { u: false }],
    [{ many }, { many: many.map(o => ({ ...o })) }, { many: [...many, many[0]] }],
    [{ s: { a: shared } }, { s: { a: ['x'] }, r: shared }, { s: { a: shared }, r: shared }],
    [{ w: [new Date(0)] }, { w: [{}] }, { w: [new Date(0)] }],
    [{ f: 'vm-1.example.com', g: [1] }, { f: 'vm-2.example.com', g: [1] }, { f: 'yes', g: [1] }],
  ];
  for (let pass = 0; pass < 2; pass++) {
    for (const run of runs) {
      for (const doc of run) expect(stringifyCloudConfig(doc)).toBe(Yaml.stringify(doc));
    }
  }
});
