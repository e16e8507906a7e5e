/**
 * `report` counts as KubeVirt sizes guests: instancetype kinds case-insensitive, vCPUs from topology,
 * else CPU limits, else requests; inferred instancetypes unknown; the common-instancetypes sizes.
 */
import { runCli } from './support';

function vm(name: string, spec: string): string {
  return `apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: ${name}, namespace: ns}\nspec:\n${spec}`;
}

function report(...docs: string[]): any {
  const r = runCli(['report', '--format', 'json', '-'], docs.join('---\n'));
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('report', () => {
  test('matches the instancetype kind case-insensitively, singular or plural, as KubeVirt does', () => {
    const out = report(
      vm('a', '  instancetype: {kind: virtualmachineclusterinstancetype, name: u1.large}\n'),
      vm('b', '  instancetype: {kind: VirtualMachineClusterInstancetypes, name: n1.medium}\n'),
      vm('c', '  instancetype: {kind: virtualMachineInstancetype, name: mine}\n'),
      // defined after the VM that uses it
      'apiVersion: instancetype.kubevirt.io/v1beta1\nkind: VirtualMachineInstancetype\nmetadata: {name: mine, namespace: ns}\nspec: {cpu: {guest: 3}, memory: {guest: 3Gi}}\n',
    );
    // u1.large 2/8Gi, n1.medium 4/4Gi, mine 3/3Gi
    expect(out.total).toMatchObject({ machines: 3, vcpus: 9, memoryBytes: 15 * 2 ** 30 });
    expect(out.notCounted).toEqual([]);
  });

  test('takes vCPUs from the topology, else the CPU limit, else the CPU request', () => {
    const domain = (d: string): string => `  template:\n    spec:\n      domain:\n        memory: {guest: 1Gi}\n${d}`;
    const out = report(
      vm('limits', domain('        resources: {limits: {cpu: "3"}, requests: {cpu: "1"}}\n')),
      vm('requests', domain('        resources: {requests: {cpu: 1500m}}\n')),
      vm('topology', domain('        cpu: {threads: 2}\n        resources: {limits: {cpu: "8"}}\n')),
      vm('none', domain('')),
    );
    expect(out.total.vcpus).toBe(3 + 2 + 2 + 1);
  });

  test('shows a VM whose instancetype is inferred from a volume as unknown, with a note', () => {
    const out = report(vm('inferred', '  instancetype: {inferFromVolume: root}\n  template: {spec: {domain: {devices: {}}}}\n'));
    expect(out.total).toMatchObject({ machines: 1, vcpus: 0, memoryBytes: 0 });
    expect(out.notCounted).toEqual([{
      namespace: 'ns',
      object: 'VirtualMachine/inferred',
      what: 'vCPUs and memory',
      reason: 'instancetype inferred from volume "root" when the VM is created; not known offline',
    }]);
  });

  test.each([
    ['u1.nano', 1, 0.5], ['o1.xlarge', 4, 16], ['cx1.large1gi', 2, 4], ['m1.2xlarge', 8, 64],
    ['n1.2xlarge', 16, 32], ['rt1.small', 1, 2], ['d1.2xmedium', 2, 4],
  ])('knows the common-instancetypes size %s', (name, vcpus, gib) => {
    const out = report(vm('x', `  instancetype: {name: ${name}}\n`));
    expect(out.total).toMatchObject({ vcpus, memoryBytes: gib * 2 ** 30 });
  });

  test('a namespaced instancetype is never taken from the common (cluster) table', () => {
    const out = report(vm('x', '  instancetype: {kind: VirtualMachineInstancetype, name: u1.large}\n'));
    expect(out.notCounted).toEqual([{ namespace: 'ns', object: 'VirtualMachine/x', what: 'vCPUs and memory', reason: 'instancetype u1.large' }]);
  });
});
