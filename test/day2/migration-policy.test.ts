import { Duration, Size } from 'cdk8s';
import { Machine, MigrationPolicy } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

describe('MigrationPolicy', () => {
  test('the NovaCron policy: bandwidth, auto-converge, post-copy, timeout, selectors wired to a machine', () => {
    const chart = newChart();
    const policy = new MigrationPolicy(chart, 'fast-lane', {
      bandwidthPerMigration: Size.mebibytes(1024),
      allowAutoConverge: true,
      allowPostCopy: false,
      completionTimeoutPerGiB: Duration.seconds(300),
      namespaceSelector: { 'kubernetes.io/metadata.name': 'vms' },
    });
    const web = new Machine(chart, 'web');
    policy.applyTo(web);
    const out = synthValid(chart);
    expect(out[0]).toEqual({
      apiVersion: 'migrations.kubevirt.io/v1alpha1',
      kind: 'MigrationPolicy',
      metadata: { name: 'fast-lane' },
      spec: {
        allowAutoConverge: true,
        allowPostCopy: false,
        bandwidthPerMigration: '1Gi',
        completionTimeoutPerGiB: 300,
        selectors: {
          namespaceSelector: { 'kubernetes.io/metadata.name': 'vms' },
          virtualMachineInstanceSelector: { 'cdk8s-kubevirt/migration-policy': 'fast-lane' },
        },
      },
    });
    const vm = out.find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.template.metadata.labels['cdk8s-kubevirt/migration-policy']).toBe('fast-lane');
    expect(vm.metadata.labels['cdk8s-kubevirt/migration-policy']).toBeUndefined();
  });

  test('machineSelector labels go on the applied machine too', () => {
    const chart = newChart();
    const policy = new MigrationPolicy(chart, 'p', { machineSelector: { tier: 'db' } });
    policy.applyTo(new Machine(chart, 'db'));
    const out = synthValid(chart);
    expect(out[0].spec.selectors).toEqual({ virtualMachineInstanceSelector: { 'cdk8s-kubevirt/migration-policy': 'p', 'tier': 'db' } });
    expect(out[1].spec.template.metadata.labels).toMatchObject({ 'cdk8s-kubevirt/migration-policy': 'p', 'tier': 'db' });
  });

  test('fails when a machine follows two policies', () => {
    const chart = newChart();
    const m = new Machine(chart, 'web');
    new MigrationPolicy(chart, 'a').applyTo(m);
    expect(() => new MigrationPolicy(chart, 'b').applyTo(m)).toThrow(
      "Machine 'test/web': template label 'cdk8s-kubevirt/migration-policy' is already 'a', so MigrationPolicy 'b' cannot set it: got \"b\"; one value per label: a machine follows one migration policy");
  });

  test('fails when the policy selects nothing in particular', () => {
    const chart = newChart();
    new MigrationPolicy(chart, 'all');
    expect(() => synthValid(chart)).toThrow(
      "MigrationPolicy 'test/all': machineSelector is empty and no machine was applied: got {}; call applyTo(machine) or give machineSelector labels, else the policy selects every VMI");
  });

  test('fails when the timeout is not whole seconds, or a selector label is invalid', () => {
    expect(() => new MigrationPolicy(newChart(), 'p', { completionTimeoutPerGiB: Duration.millis(1500) })).toThrow(
      "MigrationPolicy 'test/p': completionTimeoutPerGiB must be a positive whole number of seconds: got \"1500ms\"; e.g. Duration.seconds(150)");
    expect(() => new MigrationPolicy(newChart(), 'p', { machineSelector: { 'bad key!': 'x' } })).toThrow(
      "MigrationPolicy 'test/p': machineSelector key must be a label key: got \"bad key!\"");
  });
});
