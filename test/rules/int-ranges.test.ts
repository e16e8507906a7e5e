import { messages, validPool, vmWith } from './fixtures';
import { INTEGER_PATHS } from '../../src/rules/gotypes.generated';
import { INT_RANGE_KINDS, intRangeViolations } from '../../src/rules/int-ranges';

describe('int-ranges', () => {
  test('fails when cores is 1000000000000 (int-range)', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu.cores = 1000000000000;
    });
    expect(messages(vm)).toEqual([
      'spec.template.spec.domain.cpu.cores must fit the Go type uint32: got 1000000000000; an integer from 0 to 4294967295 (int-range)',
    ]);
  });

  test('fails when a uint32 is negative (int-range)', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu.sockets = -1;
    });
    expect(messages(vm)).toEqual([
      'spec.template.spec.domain.cpu.sockets must fit the Go type uint32: got -1; an integer from 0 to 4294967295 (int-range)',
    ]);
  });

  test('fails when an int32 in a list item overflows (int-range)', () => {
    const vm = vmWith(spec => {
      spec.topologySpreadConstraints = [{ maxSkew: 2147483648, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }];
    });
    expect(messages(vm)).toEqual([
      'spec.template.spec.topologySpreadConstraints[0].maxSkew must fit the Go type int32: got 2147483648; an integer from -2147483648 to 2147483647 (int-range)',
    ]);
  });

  test('fails when an integer field has a fraction (int-range)', () => {
    const vm = vmWith(spec => {
      spec.readinessProbe = { periodSeconds: 1.5, guestAgentPing: {} };
    });
    expect(messages(vm)).toEqual([
      'spec.template.spec.readinessProbe.periodSeconds must be a whole number (Go type int32): got 1.5; an integer from -2147483648 to 2147483647 (int-range)',
    ]);
  });

  test('fails when an int64 is 2^63 (int-range)', () => {
    const vm = vmWith(spec => {
      spec.terminationGracePeriodSeconds = 2 ** 63;
    });
    expect(messages(vm)).toEqual([
      'spec.template.spec.terminationGracePeriodSeconds must fit the Go type int64: got 9223372036854776000; an integer from -9223372036854775808 to 9223372036854775807 (int-range)',
    ]);
  });

  test('fails when an IntOrString number overflows int32 (int-range)', () => {
    const vm = vmWith(spec => {
      spec.livenessProbe = { tcpSocket: { port: 99999999999 } };
    });
    expect(intRangeViolations(vm).map(v => [v.path, v.problem])).toEqual([
      ['spec.template.spec.livenessProbe.tcpSocket.port', 'must fit the Go type int32 (intstr.IntOrString)'],
    ]);
  });

  test('fails when a pool replica count overflows int32 (int-range)', () => {
    const pool = validPool();
    pool.spec.replicas = 3000000000;
    expect(messages(pool)).toEqual([
      'spec.replicas must fit the Go type int32: got 3000000000; an integer from -2147483648 to 2147483647 (int-range)',
    ]);
  });

  test('fails when a cluster instancetype has a fractional guest CPU count (int-range)', () => {
    const it = { apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineClusterInstancetype', metadata: { name: 'x' }, spec: { cpu: { guest: 2.5 }, memory: { guest: '1Gi' } } };
    expect(messages(it)).toEqual([
      'spec.cpu.guest must be a whole number (Go type uint32): got 2.5; an integer from 0 to 4294967295 (int-range)',
    ]);
  });

  test('accepts the bounds and ignores strings, which the schema checks', () => {
    const vm = vmWith(spec => {
      spec.domain.cpu.cores = 4294967295;
      spec.topologySpreadConstraints = [{ maxSkew: -2147483648, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }];
      spec.terminationGracePeriodSeconds = -(2 ** 63);
      spec.domain.cpu.threads = 'two';
    });
    expect(intRangeViolations(vm)).toEqual([]);
  });

  test('checks CDI kinds too', () => {
    const dic = {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name: 'x' },
      spec: { importsToKeep: -1, managedDataSource: 'x', schedule: '0 0 * * *', template: { spec: {} } },
    };
    expect(intRangeViolations(dic).map(v => v.path)).toEqual([]);
    dic.spec.importsToKeep = 2 ** 40;
    expect(intRangeViolations(dic).map(v => v.path)).toEqual(['spec.importsToKeep']);
  });

  test('the generated table covers every kind with the Go types of known fields', () => {
    expect(Object.keys(INTEGER_PATHS).sort()).toEqual([
      'DataImportCron', 'DataSource', 'DataVolume', 'VirtualMachine', 'VirtualMachineClone', 'VirtualMachineExport',
      'VirtualMachineInstancetype', 'VirtualMachinePool', 'VirtualMachinePreference', 'VirtualMachineRestore', 'VirtualMachineSnapshot',
    ]);
    expect(INTEGER_PATHS.VirtualMachine.paths['spec.template.spec.domain.cpu.cores']).toEqual('uint32');
    expect(INTEGER_PATHS.VirtualMachine.paths['spec.template.spec.domain.devices.disks[].bootOrder']).toEqual('uint');
    expect(INTEGER_PATHS.VirtualMachinePool.paths['spec.replicas']).toEqual('int32');
  });

  test('never throws on malformed input', () => {
    for (const x of [null, 1, 'VirtualMachine', [], { kind: 'VirtualMachine', spec: [] }, { kind: 'VirtualMachine', spec: { template: { spec: { domain: { devices: { disks: 'oops' } } } } } }]) {
      expect(intRangeViolations(x)).toEqual([]);
    }
  });
});

test('INT_RANGE_KINDS lists the generated table\'s kinds and the kinds that share their types', () => {
  const shared = ['VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference'];
  expect(INT_RANGE_KINDS).toEqual([...Object.keys(INTEGER_PATHS), ...shared].sort());
});
