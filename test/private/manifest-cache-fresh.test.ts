import { App, Chart, Duration, Lazy, Size } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import {
  AccessCredential, Clock, CloudInit, DiskSet, DiskSource, Firmware, HypervPreset, InputDevice, Machine, MachineTemplate,
  Network, Probe, SshPropagation, Sysprep, Watchdog, WatchdogAction,
} from '../../src';
import { freshCopy } from '../../src/private/json';
import { finalOrCopy, freshLazy, KeptApiObject, plainCopy } from '../../src/private/manifest-cache';

const yaml = (x: unknown) => YAML.stringify(x, { keepUndefined: true, lineWidth: 0, version: '1.1' });

/** The result of `f`, or the name of what it threw. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: (e as Error).constructor.name };
  }
}

/** Every plain object and array in `value` (not below an array with a `value`), each time it is reached. */
function objectsOf(value: unknown, out: object[] = []): object[] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value) ? (value as any).value !== undefined : Object.getPrototypeOf(value) !== Object.prototype) return out;
  out.push(value);
  for (const v of Object.values(value)) objectsOf(v, out);
  return out;
}

class Box { constructor(public readonly value: string) {} }

const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const key = fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'B', '0', '1', '10', '_', 'value', 'resolve', 'constructor', '__proto__'));
const tree = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, leaf, tie('array'), tie('holey'), tie('object'), tie('sorted'), tie('odd')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  holey: fc.sparseArray(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  // Objects already in plainCopy's form at this level (the usual case for rendered specs).
  sorted: fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }).map(o => {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
    return out;
  }),
  odd: fc.oneof(
    tie('value').map(v => Lazy.any({ produce: () => v })),
    fc.constant(new Box('x')),
    fc.constant(() => 1),
    fc.constant({ resolve: () => 'r' }),
    tie('array').map(a => Object.assign([...a as unknown[]], { value: 'v' })),
  ),
}));

describe('finalOrCopy (a fresh value emitted without a copy where it is already in plainCopy\'s form)', () => {
  test('gives what plainCopy gives, or throws where it throws, sorted or not (property)', () => {
    fc.assert(fc.property(tree.value, fc.boolean(), (value, sortKeys) => {
      const copied = outcome(() => plainCopy(value, sortKeys));
      const kept = outcome(() => finalOrCopy(freshCopy(value), sortKeys));
      expect(kept).toStrictEqual(copied);
      if ('value' in (copied as object)) expect(outcome(() => yaml((kept as any).value))).toStrictEqual(outcome(() => yaml((copied as any).value)));
    }), { numRuns: 1000 });
  });

  test('reads own keys only when Object.prototype has an enumerable key', () => {
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true });
    try {
      const value = { a: { b: 1 } };
      expect(finalOrCopy(value, true)).toStrictEqual(plainCopy(value, true));
      expect(Object.keys(finalOrCopy(value, true) as object)).toEqual(['a']);
    } finally {
      delete (Object.prototype as any).polluted;
    }
  });

  test('keeps what is already in form, and copies only the objects that are not', () => {
    const inner = { a: 1, b: ['x', { c: true }] };
    const done = { a: inner, b: [['y', { d: 2 }]] };
    expect(finalOrCopy(done, true)).toBe(done);
    const unsorted = { z: inner, a: 1 };
    const out = finalOrCopy(unsorted, true) as any;
    expect(out).not.toBe(unsorted);
    expect(Object.keys(out)).toEqual(['a', 'z']);
    expect(out.z).toBe(inner);
    expect(finalOrCopy(unsorted, false)).toBe(unsorted);
    const withNull = { a: 1, b: null, c: inner };
    expect(finalOrCopy(withNull, true)).toEqual({ a: 1, c: inner });
    expect((finalOrCopy(withNull, true) as any).c).toBe(inner);
  });

  test('copies an object or array the value holds twice, so its YAML has no anchor (as with plainCopy)', () => {
    const shared = { bus: 'virtio' };
    const list = ['a', 'b'];
    const value = { disks: [{ disk: shared, name: 'root' }, { disk: shared, name: 'data' }], x: list, y: list };
    const out = finalOrCopy(value, true) as any;
    expect(out).toStrictEqual(plainCopy(value, true));
    expect(out.disks[0].disk).not.toBe(out.disks[1].disk);
    expect(out.x).not.toBe(out.y);
    expect(yaml(out)).toBe(yaml(plainCopy(value, true)));
    expect(yaml(out)).not.toMatch(/[&*]a\d/);
  });

  test('gives what plainCopy gives when objects are shared inside the value (property)', () => {
    fc.assert(fc.property(tree.object, fc.boolean(), (o, sortKeys) => {
      const value = { a: o, b: [o, { c: o }] };
      const copied = outcome(() => plainCopy(value, sortKeys));
      const kept = outcome(() => finalOrCopy(value, sortKeys));
      expect(kept).toStrictEqual(copied);
      if ('value' in (kept as object)) {
        expect(new Set(objectsOf((kept as any).value)).size).toBe(objectsOf((kept as any).value).length);
        expect(outcome(() => yaml((kept as any).value))).toStrictEqual(outcome(() => yaml((copied as any).value)));
      }
    }), { numRuns: 300 });
  });
});

describe('freshCopy', () => {
  test('is the same value, holes and undefined included, sharing no object or array (property)', () => {
    fc.assert(fc.property(tree.value, value => {
      // (toStrictEqual compares `constructor`s, which an own `constructor` key replaces)
      fc.pre(!objectsOf(value).some(o => Object.prototype.hasOwnProperty.call(o, 'constructor')));
      const copy = freshCopy(value);
      expect(copy).toStrictEqual(value);
      const before = new Set(objectsOf(value));
      for (const o of objectsOf(copy)) expect(before.has(o)).toBe(false);
    }), { numRuns: 300 });
  });
});

describe('a KeptApiObject with a freshLazy', () => {
  test('gives what it gives with Lazy.any (property)', () => {
    fc.assert(fc.property(tree.object, fc.boolean(), (spec, unsorted) => {
      if (unsorted) process.env.CDK8S_DISABLE_SORT = '1';
      try {
        const app = new App();
        const chart = new Chart(app, 'c', { namespace: 'ns' });
        const fresh = new KeptApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: freshLazy(() => freshCopy(spec)) });
        const lazy = new KeptApiObject(chart, 'y', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: Lazy.any({ produce: () => spec }) });
        const a = outcome(() => fresh.toJson());
        const b = outcome(() => lazy.toJson());
        expect(a).toStrictEqual(b);
        if ('value' in (a as object)) expect(outcome(() => yaml((a as any).value))).toStrictEqual(outcome(() => yaml((b as any).value)));
      } finally {
        delete process.env.CDK8S_DISABLE_SORT;
      }
    }), { numRuns: 300 });
  });
});

describe('MachineDefinition.renderSpec', () => {
  test('renders a spec of its own: no object twice in it, none shared with another render or machine', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const pod = Network.pod({ ports: [{ port: 22 }] });
    const source = DiskSource.http('https://images.example.com/a.qcow2');
    const props = (name: string) => ({
      template: MachineTemplate.MEDIUM,
      disks: new DiskSet({ root: { source, size: Size.gibibytes(30) } })
        .addDisk('data', { size: Size.gibibytes(1) })
        .addDisk('same', { source, size: Size.gibibytes(30) })
        .addDisk('img', { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') }),
      networks: [pod, Network.multus('lan')],
      clock: Clock.windows(),
      firmware: Firmware.efi({ secureBoot: true }),
      features: { hyperv: HypervPreset.WINDOWS },
      sysprep: Sysprep.fromConfigMap('unattend'),
      readinessProbe: Probe.tcpSocket(22, { timeout: Duration.seconds(5) }),
      livenessProbe: Probe.guestAgentPing(),
      inputs: [InputDevice.tablet()],
      watchdog: Watchdog.i6300esb(WatchdogAction.RESET),
      nodeSelector: { zone: 'a' },
      dnsConfig: { nameservers: ['10.0.0.10'], options: [{ name: 'ndots', value: '2' }] },
      cloudInit: CloudInit.fromConfig({ hostname: name }),
      accessCredentials: [AccessCredential.sshFromSecret('keys', { propagation: SshPropagation.NO_CLOUD })],
    });
    const a = new Machine(chart, 'a', props('a'));
    const b = new Machine(chart, 'b', props('b'));
    a.scheduling.separate(b);
    a.scheduling.spread();
    const renders = [a._toKube(), a._toKube(), b._toKube()];
    const seen = new Set<object>();
    for (const spec of renders) {
      for (const o of objectsOf(spec)) {
        expect(seen.has(o)).toBe(false);
        seen.add(o);
      }
    }
    expect(YAML.stringify(a.apiObject.toJson())).not.toMatch(/[&*]a\d/);

    // Keys in sorted order, or in the order built with CDK8S_DISABLE_SORT: the same keys and values.
    const sorted = a._toKube();
    process.env.CDK8S_DISABLE_SORT = '1';
    let unsorted: unknown;
    try {
      unsorted = a._toKube();
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
    expect(JSON.stringify(plainCopy(unsorted, true))).toBe(JSON.stringify(plainCopy(sorted, true)));
    expect(JSON.stringify(unsorted)).not.toBe(JSON.stringify(sorted));
  });
});
