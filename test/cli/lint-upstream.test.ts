/**
 * `lint` agrees with the API server on patterns from KubeVirt v1.9.0 `examples/` and CDI v1.66.0
 * `manifests/example/` (test/fixtures/lint/upstream/: minimal manifests written for these tests).
 */
import * as YAML from 'yaml';
import { runCli, useBuiltSchemas } from './support';
import { validVm } from '../rules/fixtures';

const DIR = 'test/fixtures/lint/upstream';

beforeAll(useBuiltSchemas);

describe('lint on upstream patterns', () => {
  test.each([
    ['vmi-unquoted-model.yaml'], // examples/vmi-windows.yaml: `model: e1000`
    ['preference-unquoted-model.yaml'], // examples/windows.yaml: `preferredInterfaceModel: e1000`
    ['datavolume-clone.yaml'], // manifests/example/clone-datavolume.yaml
  ])('%s is clean', (file) => {
    expect(runCli(['lint', `${DIR}/${file}`])).toEqual({ code: 0, stdout: '', stderr: 'checked 1 object, 0 findings\n' });
  });

  test.each([
    ['vm-v1alpha3.yaml', 'VirtualMachine/old-api', 'apiVersion kubevirt.io/v1alpha3 is deprecated; use kubevirt.io/v1, the storage version; validated with its own schema'], // src/schemas has one schema per served version
    ['export-v1beta1.yaml', 'VirtualMachineExport/export-old', 'apiVersion export.kubevirt.io/v1beta1 is deprecated; use export.kubevirt.io/v1, the storage version; validated with its own schema'], // src/schemas has one schema per served version
    ['pool-v1alpha1.yaml', 'VirtualMachinePool/old-pool', 'apiVersion pool.kubevirt.io/v1alpha1 is an older served version; use pool.kubevirt.io/v1beta1, the storage version; validated with its own schema'], // src/schemas has one schema per served version
  ])('%s, a served older apiVersion, is accepted with a warning at its line, and validated against that version\'s schema', (file, object, warning) => {
    expect(runCli(['lint', `${DIR}/${file}`])).toEqual({
      code: 0,
      stdout: '',
      stderr: `${DIR}/${file}:2 ${object} warning: ${warning}\nchecked 1 object, 0 findings, 1 warning\n`,
    });
  });

  test('a served older apiVersion is still validated (against the storage version\'s schema) and ruled', () => {
    const vm = validVm();
    vm.apiVersion = 'kubevirt.io/v1alpha3';
    vm.spec.template.spec.domain.devices.disks[0].disk.bus = 'ide';
    vm.spec.template.spec.domain.devicez = {};
    const r = runCli(['lint', '--format', 'json', '-'], YAML.stringify(vm));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((f: any) => `${f.rule} ${f.path}`).sort()).toEqual([
      'disk-bus spec.template.spec.domain.devices.disks[0].disk.bus',
      'schema spec.template.spec.domain.devicez',
    ]);
    expect(r.stderr).toContain('<stdin>:1 VirtualMachine/web warning: apiVersion kubevirt.io/v1alpha3 is deprecated');
  });

  test('fails when an instancetype uses v1alpha2, which KubeVirt v1.9 no longer serves', () => {
    const r = runCli(['lint', '-'], 'apiVersion: instancetype.kubevirt.io/v1alpha2\nkind: VirtualMachineInstancetype\nmetadata: {name: old}\nspec: {cpu: {guest: 1}, memory: {guest: 1Gi}}\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('<stdin>:1 VirtualMachineInstancetype/old schema apiVersion has no schema for VirtualMachineInstancetype in this tool: '
      + 'got "instancetype.kubevirt.io/v1alpha2"; instancetype.kubevirt.io/v1beta1 (the storage version) (schema)\n');
  });

  test('fails when a VirtualMachineClone has a malformed MAC address, as the MachineClone construct does', () => {
    const file = `${DIR}/clone-bad-mac.yaml`;
    expect(runCli(['lint', file])).toEqual({
      code: 1,
      stdout: `${file}:17 VirtualMachineClone/copy interface-mac-address spec.newMacAddresses.short must be a MAC address: got "00-11-22"; `
        + 'six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56 (interface-mac-address)\n',
      stderr: 'checked 1 object, 1 finding\n',
    });
  });
});
