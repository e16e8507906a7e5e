import { App, Chart, Duration } from 'cdk8s';
import { Machine } from '../../src';
import { MachineExport } from '../../src/day2/export';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

function exportsOf(all: any[]): any[] {
  return all.filter(o => o.kind === 'VirtualMachineExport');
}

describe('MachineExport', () => {
  test('exports a machine\'s volumes: export.kubevirt.io/v1, named {machine}-{id}', () => {
    // GIVEN
    const chart = newChart();
    const web = new Machine(chart, 'web');
    // WHEN
    new MachineExport(chart, 'export', { machine: web });
    // THEN
    expect(exportsOf(synthValid(chart))).toEqual([{
      apiVersion: 'export.kubevirt.io/v1',
      kind: 'VirtualMachineExport',
      metadata: { name: 'web-export', namespace: 'vms' },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' } },
    }]);
  });

  test('the sugar shape: scoped under the machine', () => {
    const chart = newChart();
    const web = new Machine(chart, 'web');
    new MachineExport(web, 'backup', { machine: web });
    expect(exportsOf(synthValid(chart))[0].metadata.name).toBe('web-backup');
  });

  test('token Secret and TTL (a cdk8s Duration, rendered as a Go duration)', () => {
    const chart = newChart();
    new MachineExport(chart, 'e', { machineName: 'web', name: 'web-dr', tokenSecretName: 'export-token', ttl: Duration.minutes(90), labels: { purpose: 'dr' } });
    expect(exportsOf(synthValid(chart))).toEqual([{
      apiVersion: 'export.kubevirt.io/v1',
      kind: 'VirtualMachineExport',
      metadata: { name: 'web-dr', namespace: 'vms', labels: { purpose: 'dr' } },
      spec: { source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' }, tokenSecretRef: 'export-token', ttlDuration: '1h30m0s' },
    }]);
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'vms' });
    new MachineExport(chart, 'export', { machineName: 'web', ttl: Duration.hours(4) });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fails when the TTL is zero or not whole seconds', () => {
    expect(() => new MachineExport(newChart(), 'e', { machineName: 'web', ttl: Duration.seconds(0) })).toThrow(
      "MachineExport 'test/e': ttl must be a positive whole number of seconds: got \"0ms\"; e.g. Duration.hours(4)");
    expect(() => new MachineExport(newChart(), 'e', { machineName: 'web', ttl: Duration.millis(2500) })).toThrow(
      "MachineExport 'test/e': ttl must be a positive whole number of seconds: got \"2500ms\"; e.g. Duration.hours(4)");
  });

  test('fails when the token Secret name is invalid', () => {
    expect(() => new MachineExport(newChart(), 'e', { machineName: 'web', tokenSecretName: 'Token' })).toThrow(
      "MachineExport 'test/e': tokenSecretName must be a Secret name: got \"Token\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
  });

  test('fails when no machine is given', () => {
    expect(() => new MachineExport(newChart(), 'e', {})).toThrow(
      "MachineExport 'test/e': machine must be given exactly once: got \"neither machine nor machineName\"; set either machine (a Machine construct) or machineName (the name of a VirtualMachine)");
  });
});
