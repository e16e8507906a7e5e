import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { messages, validPool, validVm, vmWith } from './fixtures';
import { checkManifest, formatViolation, RULES } from '../../src/rules';
import { expectConformant } from '../support/conformance';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Every `fails when … (rule-id)` test name under test/rules. */
function failsWhenTests(): Map<string, string[]> {
  const byRule = new Map<string, string[]>();
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.test.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf-8');
    for (const m of text.matchAll(/test\('(fails when [^']*\(([a-z0-9-]+)\))'/g)) {
      if (!byRule.has(m[2])) byRule.set(m[2], []);
      byRule.get(m[2])!.push(`${file}: ${m[1]}`);
    }
  }
  return byRule;
}

describe('RULES', () => {
  test('ids are unique and kebab-case', () => {
    const ids = RULES.map(r => r.id);
    expect(new Set(ids).size).toEqual(ids.length);
    expect(ids.filter(id => !KEBAB.test(id))).toEqual([]);
  });

  test('every rule names its upstream source, a summary and its kinds', () => {
    for (const rule of RULES) {
      expect(rule.source.length).toBeGreaterThan(0);
      expect(rule.summary).toMatch(/^rejects /);
      expect(rule.kinds.length).toBeGreaterThan(0);
    }
  });

  test('every rule has a test named "fails when … (<id>)"', () => {
    const tests = failsWhenTests();
    expect(RULES.map(r => r.id).filter(id => !tests.has(id))).toEqual([]);
  });

  test('README.md lists every rule', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'rules', 'README.md'), 'utf-8');
    expect(RULES.map(r => r.id).filter(id => !readme.includes(`| \`${id}\` |`))).toEqual([]);
  });
});

describe('valid fixtures', () => {
  test('the minimal VM is schema-valid and breaks no rule, cluster-dependent ones included', () => {
    expectConformant([validVm()]);
    expect(messages(validVm(), { clusterDependent: true })).toEqual([]);
  });

  test('the minimal pool is schema-valid and breaks no rule, cluster-dependent ones included', () => {
    expectConformant([validPool()]);
    expect(messages(validPool(), { clusterDependent: true })).toEqual([]);
  });
});

describe('checkManifest', () => {
  test('returns [] for unknown kinds and non-objects', () => {
    expect(checkManifest({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([]);
    for (const x of [null, undefined, 0, 'VirtualMachine', [], [validVm()], { kind: 7 }]) expect(checkManifest(x)).toEqual([]);
  });

  test('skips cluster-dependent rules unless asked', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0] = { name: 'default', bridge: {} };
    });
    expect(messages(vm)).toEqual([]);
    expect(messages(vm, { clusterDependent: true })).toEqual([
      'spec.template.spec.domain.devices.interfaces[0].bridge must not be used on the pod network unless the cluster permits it (interface "default"): '
      + 'got {}; masquerade on the pod network (interface-bridge-pod)',
    ]);
  });

  test('does not mutate its input', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'Bad_Name', cdrom: { bus: 'virtio' }, bootOrder: 0 });
    });
    const before = JSON.stringify(vm);
    expect(checkManifest(vm, { clusterDependent: true }).length).toBeGreaterThan(0);
    expect(JSON.stringify(vm)).toEqual(before);
  });

  test('reports every violation together, in rule order', () => {
    const vm = vmWith((spec, m) => {
      delete m.spec.runStrategy;
      spec.domain.devices.disks[0].disk.bus = 'ide';
    });
    expect(messages(vm)).toEqual([
      'spec.runStrategy must be set: got undefined; one of Always, Halted, Manual, RerunOnFailure, Once (vm-run-strategy-required)',
      'spec.template.spec.domain.devices.disks[0].disk.bus must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)',
    ]);
  });

  test('formatViolation uses the library message format', () => {
    expect(formatViolation({ ruleId: 'disk-bus', path: 'a.b', problem: 'must be x', value: 'y', allowed: 'x' })).toEqual('a.b must be x: got "y"; x (disk-bus)');
  });

  test('never throws on garbage at every level (hand cases)', () => {
    const garbage = [null, 0, -1, 1.5, '', 'x', true, [], [null], {}, { name: 5 }, [{ bus: {} }]];
    const paths: string[][] = [
      ['spec'], ['spec', 'template'], ['spec', 'template', 'spec'], ['spec', 'template', 'spec', 'domain'],
      ['spec', 'template', 'spec', 'domain', 'devices'], ['spec', 'template', 'spec', 'domain', 'devices', 'disks'],
      ['spec', 'template', 'spec', 'domain', 'devices', 'interfaces'], ['spec', 'template', 'spec', 'networks'],
      ['spec', 'template', 'spec', 'volumes'], ['spec', 'dataVolumeTemplates'], ['spec', 'template', 'spec', 'accessCredentials'],
      ['spec', 'template', 'spec', 'domain', 'resources'], ['spec', 'template', 'spec', 'domain', 'cpu'], ['spec', 'template', 'spec', 'domain', 'memory'],
      ['spec', 'template', 'spec', 'domain', 'firmware'], ['spec', 'template', 'metadata'], ['metadata'],
    ];
    for (const p of paths) {
      for (const g of garbage) {
        for (const make of [validVm, validPool]) {
          const m = make();
          let at = m;
          const full = make === validPool && p[0] === 'spec' && p.length > 1 ? ['spec', 'virtualMachineTemplate', 'spec', ...p.slice(1)] : p;
          for (const key of full.slice(0, -1)) at = at[key];
          at[full[full.length - 1]] = g;
          expect(() => checkManifest(m, { clusterDependent: true }).map(formatViolation)).not.toThrow();
        }
      }
    }
  });

  test('never throws on random JSON shaped like a VM (property)', () => {
    const anyJson = fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withMap: false, withSet: false });
    const vmLike = fc.record({
      kind: fc.constantFrom('VirtualMachine', 'VirtualMachinePool', 'VirtualMachineInstance'),
      metadata: anyJson,
      spec: fc.oneof(anyJson, fc.record({
        runStrategy: anyJson,
        dataVolumeTemplates: anyJson,
        instancetype: anyJson,
        virtualMachineTemplate: anyJson,
        selector: anyJson,
        maxUnavailable: anyJson,
        template: fc.oneof(anyJson, fc.record({
          metadata: anyJson,
          spec: fc.oneof(anyJson, fc.record({
            domain: fc.oneof(anyJson, fc.record({ devices: anyJson, cpu: anyJson, memory: anyJson, resources: anyJson, firmware: anyJson })),
            networks: anyJson,
            volumes: anyJson,
            accessCredentials: anyJson,
          }, { requiredKeys: [] })),
        }, { requiredKeys: [] })),
      }, { requiredKeys: [] })),
    });
    fc.assert(fc.property(vmLike, m => {
      checkManifest(m, { clusterDependent: true }).map(formatViolation);
    }), { numRuns: 300 });
  });

  // Speed is measured by `npx projen bench`, not asserted in tests (timed tests are flaky under load).
  test('checks 2000 valid VMs without a finding', () => {
    const vms = Array.from({ length: 2000 }, validVm);
    expect(vms.flatMap(vm => checkManifest(vm))).toEqual([]);
  });
});
