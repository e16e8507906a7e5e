import { App, Chart } from 'cdk8s';
import { Machine } from '../../src';
import { MachineClone } from '../../src/day2/clone';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

function clones(all: any[]): any[] {
  return all.filter(o => o.kind === 'VirtualMachineClone');
}

describe('MachineClone', () => {
  test('clones a machine into a named VM: clone.kubevirt.io/v1beta1 (the storage version)', () => {
    // GIVEN
    const chart = newChart();
    const web = new Machine(chart, 'web');
    // WHEN
    const c = new MachineClone(chart, 'copy', { machine: web, targetName: 'web-2' });
    // THEN
    expect(clones(synthValid(chart))).toEqual([{
      apiVersion: 'clone.kubevirt.io/v1beta1',
      kind: 'VirtualMachineClone',
      metadata: { name: 'web-copy', namespace: 'vms' },
      spec: {
        source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
        target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web-2' },
      },
    }]);
    expect(c.targetName).toBe('web-2');
  });

  test('label and annotation filters, template filters, new MAC addresses (sorted, normalized) and SMBIOS serial', () => {
    const chart = newChart();
    new MachineClone(chart, 'copy', {
      machineName: 'web',
      targetName: 'web-2',
      labelFilters: ['*', '!app.kubernetes.io/*'],
      annotationFilters: ['backup.example.com/*'],
      templateLabelFilters: ['*'],
      templateAnnotationFilters: ['!kubevirt.io/*'],
      newMacAddresses: { eth1: '52-54-00-AA-BB-02', eth0: '52:54:00:aa:bb:01' },
      newSmBiosSerial: 'web-2-serial',
    });
    expect(clones(synthValid(chart))[0].spec).toEqual({
      source: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' },
      target: { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web-2' },
      labelFilters: ['*', '!app.kubernetes.io/*'],
      annotationFilters: ['backup.example.com/*'],
      template: { labelFilters: ['*'], annotationFilters: ['!kubevirt.io/*'] },
      newMacAddresses: { eth0: '52:54:00:aa:bb:01', eth1: '52:54:00:aa:bb:02' },
      newSMBiosSerial: 'web-2-serial',
    });
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'vms' });
    new MachineClone(chart, 'copy', { machineName: 'web', targetName: 'web-2', labelFilters: ['*'], newMacAddresses: { default: '52:54:00:00:00:02' } });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fails when the target is the source', () => {
    expect(() => new MachineClone(newChart(), 'copy', { machineName: 'web', targetName: 'web' })).toThrow(
      "MachineClone 'test/copy': targetName must differ from the source machine: got \"web\"; any name but 'web'");
  });

  test('fails when the target name is not a VM name', () => {
    expect(() => new MachineClone(newChart(), 'copy', { machineName: 'web', targetName: 'Web2' })).toThrow(
      "MachineClone 'test/copy': targetName must be a VirtualMachine name: got \"Web2\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (vm-name-length)");
  });

  test('fails when a filter breaks KubeVirt\'s filter syntax', () => {
    const allowed = "keys or key prefixes ending in '*', optionally preceded by '!' to exclude; '!' only first, '*' only last";
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', labelFilters: ['*', '!'] })).toThrow(
      `MachineClone 'test/c': labelFilters[1] is not a valid filter: got "!"; ${allowed}`);
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', annotationFilters: ['a!b'] })).toThrow(
      `MachineClone 'test/c': annotationFilters[0] is not a valid filter: got "a!b"; ${allowed}`);
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', templateLabelFilters: ['*/app'] })).toThrow(
      `MachineClone 'test/c': templateLabelFilters[0] is not a valid filter: got "*/app"; ${allowed}`);
  });

  test('fails when a new MAC address is malformed or keyed by a bad interface name', () => {
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', newMacAddresses: { eth0: '52:54:00:aa:bb' } })).toThrow(
      "MachineClone 'test/c': newMacAddresses.eth0 must be a MAC address: got \"52:54:00:aa:bb\"; six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56 (interface-mac-address)");
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', newMacAddresses: { 'eth.0': '52:54:00:aa:bb:01' } })).toThrow(
      "MachineClone 'test/c': newMacAddresses has a key that is not an interface name: got \"eth.0\"; letters, digits, '_' and '-' (interface-name-format)");
  });

  test('fails when the SMBIOS serial has characters KubeVirt rejects', () => {
    expect(() => new MachineClone(newChart(), 'c', { machineName: 'web', targetName: 'w2', newSmBiosSerial: 'a b' })).toThrow(
      "MachineClone 'test/c': newSmBiosSerial must be a serial number: got \"a b\"; 1 to 256 of letters, digits, '_', '.', '+' and '-'");
  });
});
