import { ApiObject, App, Chart, Duration, JsonPatch } from 'cdk8s';
import { Machine } from '../../src';
import { MachineRestore, MachineSnapshot, RestoreTargetReadinessPolicy, SnapshotDeletionPolicy } from '../../src/day2/snapshot';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

const VM_REF = { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' };

function only(all: any[], kind: string): any {
  const found = all.filter(o => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('MachineSnapshot', () => {
  test('snapshots a machine: snapshot.kubevirt.io/v1beta1 (the storage version), named {machine}-{id}', () => {
    // GIVEN
    const chart = newChart();
    const web = new Machine(chart, 'web');
    // WHEN
    const snap = new MachineSnapshot(chart, 'before-upgrade', { machine: web });
    // THEN
    expect(only(synthValid(chart), 'VirtualMachineSnapshot')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshot',
      metadata: { name: 'web-before-upgrade', namespace: 'vms' },
      spec: { source: VM_REF },
    });
    expect(snap.name).toBe('web-before-upgrade');
    expect(snap.machineName).toBe('web');
  });

  test('fails when a JSON patch writes a string where the schema wants an object (every emitted object is schema-checked)', () => {
    const chart = newChart();
    const web = new Machine(chart, 'web');
    const snap = new MachineSnapshot(chart, 'snap', { machine: web });
    ApiObject.of(snap).addJsonPatch(JsonPatch.replace('/spec/source', 'web'));
    expect(() => (chart.node.root as App).synthYaml()).toThrow(
      "MachineSnapshot 'test/snap': spec.source must be an object: got \"web\"; a value of type object (schema)");
  });

  test('the sugar shape: scoped under the machine, the id alone names it', () => {
    const chart = newChart();
    const web = new Machine(chart, 'web');
    new MachineSnapshot(web, 'pre-patch', { machine: web });
    expect(only(synthValid(chart), 'VirtualMachineSnapshot').metadata.name).toBe('web-pre-patch');
  });

  test('explicit name, labels, deletion policy and failure deadline; a VM by name', () => {
    const chart = newChart();
    new MachineSnapshot(chart, 'snap', {
      machineName: 'legacy-db',
      name: 'legacy-db-2025',
      labels: { tier: 'db' },
      deletionPolicy: SnapshotDeletionPolicy.RETAIN,
      failureDeadline: Duration.minutes(15),
    });
    expect(only(synthValid(chart), 'VirtualMachineSnapshot')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineSnapshot',
      metadata: { name: 'legacy-db-2025', namespace: 'vms', labels: { tier: 'db' } },
      spec: { source: { ...VM_REF, name: 'legacy-db' }, deletionPolicy: 'Retain', failureDeadline: '15m0s' },
    });
  });

  test('durations render as Go durations', () => {
    const render = (d: Duration) => {
      const chart = newChart();
      new MachineSnapshot(chart, 's', { machineName: 'web', failureDeadline: d });
      return only(synthValid(chart), 'VirtualMachineSnapshot').spec.failureDeadline;
    };
    expect(render(Duration.seconds(0))).toBe('0s');
    expect(render(Duration.seconds(45))).toBe('45s');
    expect(render(Duration.seconds(90))).toBe('1m30s');
    expect(render(Duration.hours(2))).toBe('2h0m0s');
    expect(render(Duration.seconds(3723))).toBe('1h2m3s');
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'vms' });
    new MachineSnapshot(chart, 'snap', { machineName: 'web', failureDeadline: Duration.minutes(5) });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fails when neither or both of machine and machineName are given', () => {
    expect(() => new MachineSnapshot(newChart(), 's', {})).toThrow(
      "MachineSnapshot 'test/s': machine must be given exactly once: got \"neither machine nor machineName\"; set either machine (a Machine construct) or machineName (the name of a VirtualMachine)");
    const chart = newChart();
    const web = new Machine(chart, 'web');
    expect(() => new MachineSnapshot(chart, 's', { machine: web, machineName: 'web' })).toThrow(
      "MachineSnapshot 'test/s': machine must be given exactly once: got \"both machine and machineName\"; set either machine (a Machine construct) or machineName (the name of a VirtualMachine)");
  });

  test('fails when machineName is not a VM name', () => {
    expect(() => new MachineSnapshot(newChart(), 's', { machineName: 'Web' })).toThrow(
      "MachineSnapshot 'test/s': machineName must be a VirtualMachine name: got \"Web\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (vm-name-length)");
  });

  test('fails when the derived name is not an object name', () => {
    expect(() => new MachineSnapshot(newChart(), 'Before_Upgrade', { machineName: 'web' })).toThrow(
      "MachineSnapshot 'test/Before_Upgrade': name (from {machine}-{construct id}) must be a Kubernetes object name: got \"web-Before_Upgrade\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters; set props.name when the construct id does not give one");
  });

  test('fails when the failure deadline is not whole seconds', () => {
    expect(() => new MachineSnapshot(newChart(), 's', { machineName: 'web', failureDeadline: Duration.millis(1500) })).toThrow(
      "MachineSnapshot 'test/s': failureDeadline must be a whole number of seconds: got \"1500ms\"; e.g. Duration.minutes(10)");
  });
});

describe('MachineRestore', () => {
  test('restores a machine from a snapshot construct', () => {
    // GIVEN
    const chart = newChart();
    const web = new Machine(chart, 'web');
    const snap = new MachineSnapshot(chart, 'before-upgrade', { machine: web });
    // WHEN
    const restore = new MachineRestore(chart, 'rollback', { machine: web, snapshot: snap });
    // THEN
    expect(only(synthValid(chart), 'VirtualMachineRestore')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineRestore',
      metadata: { name: 'web-rollback', namespace: 'vms' },
      spec: { target: VM_REF, virtualMachineSnapshotName: 'web-before-upgrade' },
    });
    expect(restore.snapshotName).toBe('web-before-upgrade');
  });

  test('restores from a snapshot name (e.g. one a SnapshotSchedule took), with a readiness policy', () => {
    const chart = newChart();
    new MachineRestore(chart, 'r', {
      machineName: 'web',
      snapshotName: 'web-20250101030000',
      name: 'web-restore-jan',
      targetReadinessPolicy: RestoreTargetReadinessPolicy.STOP_TARGET,
      labels: { reason: 'incident-42' },
    });
    expect(only(synthValid(chart), 'VirtualMachineRestore')).toEqual({
      apiVersion: 'snapshot.kubevirt.io/v1beta1',
      kind: 'VirtualMachineRestore',
      metadata: { name: 'web-restore-jan', namespace: 'vms', labels: { reason: 'incident-42' } },
      spec: { target: VM_REF, virtualMachineSnapshotName: 'web-20250101030000', targetReadinessPolicy: 'StopTarget' },
    });
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'vms' });
    new MachineRestore(chart, 'rollback', { machineName: 'web', snapshotName: 'web-before-upgrade' });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fails when neither or both of snapshot and snapshotName are given', () => {
    expect(() => new MachineRestore(newChart(), 'r', { machineName: 'web' })).toThrow(
      "MachineRestore 'test/r': snapshot must be given exactly once: got \"neither snapshot nor snapshotName\"; set either snapshot (a MachineSnapshot construct) or snapshotName (the name of a VirtualMachineSnapshot)");
    const chart = newChart();
    const snap = new MachineSnapshot(chart, 's', { machineName: 'web' });
    expect(() => new MachineRestore(chart, 'r', { machineName: 'web', snapshot: snap, snapshotName: 'x' })).toThrow(
      "MachineRestore 'test/r': snapshot must be given exactly once: got \"both snapshot and snapshotName\"; set either snapshot (a MachineSnapshot construct) or snapshotName (the name of a VirtualMachineSnapshot)");
  });

  test('fails when the snapshot is in another namespace', () => {
    const app = new App();
    const other = new Chart(app, 'other', { namespace: 'other' });
    const snap = new MachineSnapshot(other, 's', { machineName: 'web' });
    const chart = new Chart(app, 'test', { namespace: 'vms' });
    expect(() => new MachineRestore(chart, 'r', { machineName: 'web', snapshot: snap })).toThrow(
      "MachineRestore 'test/r': snapshot must be in the restore's namespace: got \"MachineSnapshot 'other/s' in namespace other\"; a snapshot in namespace vms (a restore names its snapshot without a namespace)");
  });

  test('fails when the snapshot name is not an object name', () => {
    expect(() => new MachineRestore(newChart(), 'r', { machineName: 'web', snapshotName: 'Snap 1' })).toThrow(
      "MachineRestore 'test/r': snapshotName must be a Kubernetes object name: got \"Snap 1\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
  });
});
