import { Size } from 'cdk8s';
import { DiskBus, Firmware, HypervPreset, InterfaceModel, Machine, MachineInstancetype, MachinePool, MachineTemplate, ResourceScope } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

describe('MachineInstancetype', () => {
  test('publishes a template as a namespaced instancetype and preference; machines reference them', () => {
    const chart = newChart();
    const size = new MachineInstancetype(chart, 'medium', {
      template: MachineTemplate.custom({
        name: 'win-medium',
        cpu: { cores: 2 },
        memory: Size.gibibytes(8),
        diskBus: DiskBus.SATA,
        interfaceModel: InterfaceModel.E1000E,
        firmware: Firmware.efi({ secureBoot: true }),
        machineType: 'q35',
        features: { acpi: true, hyperv: HypervPreset.WINDOWS },
      }),
    });
    new Machine(chart, 'win', { template: size.template });
    const out = synthValid(chart);
    const itype = out.find(o => o.kind === 'VirtualMachineInstancetype');
    expect(itype).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachineInstancetype',
      metadata: { name: 'win-medium', namespace: 'vms' },
      spec: { cpu: { guest: 2 }, memory: { guest: '8Gi' } },
    });
    const pref = out.find(o => o.kind === 'VirtualMachinePreference');
    expect(pref.spec).toEqual({
      cpu: { preferredCPUTopology: 'preferCores' },
      devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e' },
      firmware: { preferredUseEfi: true, preferredUseSecureBoot: true },
      machine: { preferredMachineType: 'q35' },
      features: expect.objectContaining({ preferredAcpi: { enabled: true }, preferredSmm: { enabled: true } }),
    });
    expect(Object.keys(pref.spec.features.preferredHyperv)).toContain('synictimer');
    const vm = out.find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineInstancetype', name: 'win-medium' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachinePreference', name: 'win-medium' });
    expect(vm.spec.template.spec.domain.cpu).toBeUndefined();
    expect(vm.spec.template.spec.domain.memory).toBeUndefined();
    // the preference decides the bus: the VM leaves it unset
    expect(vm.spec.template.spec.domain.devices.disks[0]).toEqual({ name: 'root', disk: {} });
    expect(vm.spec.dataVolumeTemplates[0].spec.storage.resources.requests.storage).toBe('20Gi');
  });

  test('cluster scope, and no preference for a template without shape settings', () => {
    const chart = newChart();
    const size = new MachineInstancetype(chart, 'small', { template: MachineTemplate.SMALL, scope: ResourceScope.CLUSTER });
    new MachinePool(chart, 'p', { template: size.template });
    const out = synthValid(chart);
    expect(out.find(o => o.kind === 'VirtualMachineClusterInstancetype').metadata).toEqual({ name: 'small' });
    expect(out.some(o => o.kind.endsWith('Preference'))).toBe(false);
    expect(out.find(o => o.kind === 'VirtualMachinePool').spec.virtualMachineTemplate.spec.instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'small' });
  });

  test('a machine overriding CPU or memory on a published template is resolved to explicit values', () => {
    const chart = newChart();
    const size = new MachineInstancetype(chart, 'large', { template: MachineTemplate.LARGE });
    new Machine(chart, 'big', { template: size.template, memory: Size.gibibytes(32) });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toBeUndefined();
    expect(vm.spec.template.spec.domain.cpu).toEqual({ cores: 4, sockets: 1, threads: 1 });
    expect(vm.spec.template.spec.domain.memory).toEqual({ guest: '32Gi' });
  });

  test('fails when the template refers to an instancetype already', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.fromInstancetype('u1.medium') })).toThrow(
      "MachineInstancetype 'test/x': template refers to an instancetype already, so the library does not know its values: got \"u1.medium\"; a template with explicit values (MachineTemplate.custom(), SMALL, MEDIUM, LARGE)");
  });

  test('fails when the topology has more than one axis', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.custom({ name: 'odd', cpu: { cores: 2, sockets: 2 } }) })).toThrow(
      "MachineInstancetype 'test/x': template.cpu cannot be published exactly: an instancetype has one vCPU count, and a preference one topology axis: got {\"cores\":2,\"sockets\":2,\"threads\":1}; more than one of sockets, cores and threads only in machines with inline CPU (use the template directly)");
  });
});
