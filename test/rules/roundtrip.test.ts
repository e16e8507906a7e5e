import { validPool, validVm, vmWith } from './fixtures';
import { GOTYPES_INPUTS, REENCODED } from '../../src/rules/gotypes.generated';
import { canonicalIp, formatRoundTripDifference, roundTripDifferences, simulateStorage } from '../../src/rules/roundtrip';

const VMI = 'spec.template.spec';

describe('roundTripDifferences', () => {
  test('the minimal valid VM survives unchanged', () => {
    expect(roundTripDifferences(validVm())).toEqual([]);
  });

  test('zero probe timings are dropped (int32, omitempty)', () => {
    const vm = vmWith(spec => {
      spec.readinessProbe = { guestAgentPing: {}, initialDelaySeconds: 0, periodSeconds: 0, timeoutSeconds: 5, failureThreshold: 0 };
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: `${VMI}.readinessProbe.initialDelaySeconds`, emitted: 0, stored: undefined, reason: 'omitempty drops the zero value of int32' },
      { path: `${VMI}.readinessProbe.periodSeconds`, emitted: 0, stored: undefined, reason: 'omitempty drops the zero value of int32' },
      { path: `${VMI}.readinessProbe.failureThreshold`, emitted: 0, stored: undefined, reason: 'omitempty drops the zero value of int32' },
    ]);
  });

  test('empty networks, interfaces and tolerations are dropped', () => {
    const vm = vmWith(spec => {
      spec.networks = [];
      spec.domain.devices.interfaces = [];
      spec.tolerations = [];
      spec.nodeSelector = {};
    });
    expect(roundTripDifferences(vm).map(formatRoundTripDifference)).toEqual([
      `${VMI}.domain.devices.interfaces: emitted [], stored (left out) (omitempty drops an empty list)`,
      `${VMI}.networks: emitted [], stored (left out) (omitempty drops an empty list)`,
      `${VMI}.tolerations: emitted [], stored (left out) (omitempty drops an empty list)`,
      `${VMI}.nodeSelector: emitted {}, stored (left out) (omitempty drops an empty map)`,
    ]);
  });

  test('false and 0 in omitempty value fields are dropped; pointers keep them', () => {
    const vm = vmWith((spec, m) => {
      spec.domain.cpu.dedicatedCpuPlacement = false;
      spec.domain.cpu.sockets = 0;
      spec.domain.features = { acpi: { enabled: false } };
      spec.domain.devices.autoattachPodInterface = false;
      spec.terminationGracePeriodSeconds = 0;
      spec.domain.devices.disks[0].bootOrder = 1;
      m.metadata.labels = {};
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: 'metadata.labels', emitted: {}, stored: undefined, reason: 'omitempty drops an empty map' },
      { path: `${VMI}.domain.cpu.dedicatedCpuPlacement`, emitted: false, stored: undefined, reason: 'omitempty drops the zero value of bool' },
      { path: `${VMI}.domain.cpu.sockets`, emitted: 0, stored: undefined, reason: 'omitempty drops the zero value of uint32' },
    ]);
  });

  test('empty structs are kept: bindings, disk targets, pointers to empty structs', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks[0] = { name: 'root', disk: {} };
      spec.domain.devices.interfaces[0] = { name: 'default', masquerade: {} };
      spec.domain.firmware = { bootloader: { efi: {} } };
    });
    expect(roundTripDifferences(vm)).toEqual([]);
  });

  test('quantities are stored in canonical form', () => {
    const vm = vmWith(spec => {
      spec.domain.memory.guest = '1024Mi';
      spec.domain.resources = { requests: { cpu: 0.5, memory: '1.5Gi' }, limits: { cpu: '2000m' } };
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: `${VMI}.domain.memory.guest`, emitted: '1024Mi', stored: '1Gi', reason: 'resource.Quantity is stored in canonical form' },
      { path: `${VMI}.domain.resources.requests.cpu`, emitted: 0.5, stored: '500m', reason: 'resource.Quantity is stored in canonical form' },
      { path: `${VMI}.domain.resources.requests.memory`, emitted: '1.5Gi', stored: '1536Mi', reason: 'resource.Quantity is stored in canonical form' },
      { path: `${VMI}.domain.resources.limits.cpu`, emitted: '2000m', stored: '2', reason: 'resource.Quantity is stored in canonical form' },
    ]);
  });

  test('a quantity that does not parse is reported', () => {
    const vm = vmWith(spec => {
      spec.domain.memory.guest = '2 GB';
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: `${VMI}.domain.memory.guest`, emitted: '2 GB', stored: undefined, reason: 'not a valid quantity: the API server rejects the object' },
    ]);
  });

  test('unknown keys are dropped; inside template metadata a mis-cased key is read case-insensitively', () => {
    const vm = vmWith((spec, m) => {
      spec.domain.cpu.coreCount = 2;
      m.spec.template.metadata = { Labels: { app: 'web' } };
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: 'spec.template.metadata.Labels', emitted: { app: 'web' }, stored: undefined, reason: 'read case-insensitively and stored as labels' },
      { path: `${VMI}.domain.cpu.coreCount`, emitted: 2, stored: undefined, reason: 'not a field of the Go type: pruned by the API server or dropped by the webhook' },
    ]);
    expect((simulateStorage(vm) as any).spec.template.metadata).toEqual({ labels: { app: 'web' } });
  });

  test('creationTimestamp: null in template metadata is dropped (omitzero)', () => {
    const vm = vmWith((_spec, m) => {
      m.spec.template.metadata.creationTimestamp = null;
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: 'spec.template.metadata.creationTimestamp', emitted: null, stored: undefined, reason: 'omitzero drops a zero time' },
    ]);
  });

  test('nameservers, NTP servers and the pod network CIDR are rewritten as Go prints them', () => {
    const vm = vmWith(spec => {
      spec.dnsConfig = { nameservers: ['010.000.000.001', '2001:DB8:0:0::0001', 'dns.example'] };
      spec.networks[0].pod = { vmNetworkCIDR: '10.0.2.0/24' };
    });
    expect(roundTripDifferences(vm)).toEqual([
      { path: `${VMI}.dnsConfig.nameservers[0]`, emitted: '010.000.000.001', stored: '10.0.0.1', reason: 'an IP address is stored as Go writes it' },
      { path: `${VMI}.dnsConfig.nameservers[1]`, emitted: '2001:DB8:0:0::0001', stored: '2001:db8::1', reason: 'an IP address is stored as Go writes it' },
    ]);
  });

  test('keys Go adds are not differences, but simulateStorage shows them', () => {
    const vm = validVm();
    delete vm.spec.template.metadata;
    delete vm.spec.template.spec.domain.devices;
    expect(roundTripDifferences(vm)).toEqual([]);
    const stored = simulateStorage(vm) as any;
    expect(stored.spec.template.metadata).toEqual({});
    expect(stored.spec.template.spec.domain.devices).toEqual({});
    expect(stored.spec.template.spec.domain.resources).toEqual({});
  });

  test('kinds stored as written have no differences', () => {
    const pool = validPool();
    pool.spec.virtualMachineTemplate.spec.template.spec.tolerations = [];
    expect(roundTripDifferences(pool)).toEqual([]);
    expect(simulateStorage(pool)).toBe(pool);
    expect(roundTripDifferences({ apiVersion: 'cdi.kubevirt.io/v1beta1', kind: 'DataVolume', metadata: { name: 'x', labels: {} }, spec: {} })).toEqual([]);
  });

  test('does not mutate its input and never throws', () => {
    const vm = vmWith(spec => {
      spec.tolerations = [];
      spec.domain.memory.guest = '1024Mi';
    });
    const before = JSON.stringify(vm);
    roundTripDifferences(vm);
    expect(JSON.stringify(vm)).toEqual(before);
    for (const x of [null, 1, [], { kind: 'VirtualMachine' }, { kind: 'VirtualMachine', spec: 'x', metadata: [] }, { kind: 'VirtualMachine', spec: { template: { spec: { domain: { devices: { disks: 'oops' } } } } } }]) {
      expect(() => roundTripDifferences(x)).not.toThrow();
    }
  });
});

describe('canonicalIp', () => {
  test.each([
    ['10.0.0.1', '10.0.0.1'], ['010.0.0.001', '10.0.0.1'], ['2001:DB8::1', '2001:db8::1'], ['::ffff:1.2.3.4', '1.2.3.4'],
    ['fe80:0:0:0:0:0:0:1', 'fe80::1'],
  ])('%s → %s', (input, out) => {
    expect(canonicalIp(input)).toEqual(out);
  });

  test.each(['256.0.0.1', 'dns.example', '1.2.3', ':::'])('%s is not an IP', (input) => {
    expect(canonicalIp(input)).toBeUndefined();
  });
});

describe('gotypes.generated.ts', () => {
  test('records the sha256 of every input, as imports/manifest.json does', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../imports/manifest.json');
    expect(GOTYPES_INPUTS).toEqual(manifest.gotypes.files);
  });

  test('has the facts the simulator relies on', () => {
    const vm = REENCODED.VirtualMachine;
    expect(vm['spec.template.spec.tolerations']).toEqual({ k: 'slice', o: true });
    expect(vm['spec.template.spec.domain.cpu.cores']).toEqual({ k: 'scalar', o: true, t: 'uint32' });
    expect(vm['spec.template.spec.terminationGracePeriodSeconds']).toEqual({ k: 'pointer-to-scalar', p: true, o: true, t: 'int64' });
    expect(vm['spec.template.spec.domain.memory.guest']).toEqual({ k: 'quantity', p: true, o: true });
    expect(vm['spec.template.metadata']).toEqual({ k: 'struct', o: true, a: '{}', u: true });
  });
});
