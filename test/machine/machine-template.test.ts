import { Size } from 'cdk8s';
import { Firmware, HypervPreset, MachineTemplate, ResourceScope } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

describe('MachineTemplate', () => {
  test.each([
    ['small', MachineTemplate.SMALL, { cores: 1, sockets: 1, threads: 1 }, '2Gi', '20Gi'],
    ['medium', MachineTemplate.MEDIUM, { cores: 2, sockets: 1, threads: 1 }, '4Gi', '40Gi'],
    ['large', MachineTemplate.LARGE, { cores: 4, sockets: 1, threads: 1 }, '8Gi', '80Gi'],
  ])('built-in %s renders the Viti reference values', (_name, template, cpu, memory, rootSize) => {
    const { vm } = synthMachine({ template });
    expect(templateSpec(vm).domain.cpu).toEqual(cpu);
    expect(templateSpec(vm).domain.memory).toEqual({ guest: memory });
    expect(vm.spec.dataVolumeTemplates).toEqual([{
      metadata: { name: 'web-root' },
      spec: { source: { blank: {} }, storage: { resources: { requests: { storage: rootSize } } } },
    }]);
  });

  test('fromName resolves the built-ins', () => {
    expect(MachineTemplate.fromName('small')).toBe(MachineTemplate.SMALL);
    expect(MachineTemplate.fromName('medium')).toBe(MachineTemplate.MEDIUM);
    expect(MachineTemplate.fromName('large')).toBe(MachineTemplate.LARGE);
  });

  test('fails when the template name is unknown (TemplateNotFound)', () => {
    expect(() => MachineTemplate.fromName('xlarge')).toThrow(
      'MachineTemplate: name is not a known template (TemplateNotFound): got "xlarge"; one of small, medium, large');
  });

  test('custom template: topology, memory, root disk, firmware, machine type, features, bus and model', () => {
    const { vm } = synthMachine({
      template: MachineTemplate.custom({
        name: 'win',
        cpu: { cores: 2, sockets: 2, threads: 2 },
        memory: Size.mebibytes(6144),
        rootDiskSize: Size.gibibytes(60),
        rootDiskStorageClass: 'fast',
        firmware: Firmware.efi({ secureBoot: true }),
        machineType: 'pc-q35-rhel9.4.0',
        features: { acpi: true, apic: true, hyperv: HypervPreset.WINDOWS },
      }),
    });
    const domain = templateSpec(vm).domain;
    expect(domain.cpu).toEqual({ cores: 2, sockets: 2, threads: 2 });
    expect(domain.memory).toEqual({ guest: '6Gi' });
    expect(domain.machine).toEqual({ type: 'pc-q35-rhel9.4.0' });
    expect(domain.firmware.bootloader).toEqual({ efi: { secureBoot: true } });
    expect(domain.features.smm).toEqual({ enabled: true });
    expect(domain.features.acpi).toEqual({ enabled: true });
    expect(domain.features.apic).toEqual({ enabled: true });
    expect(Object.keys(domain.features.hyperv).sort()).toEqual(
      ['frequencies', 'ipi', 'reenlightenment', 'relaxed', 'reset', 'runtime', 'spinlocks', 'synic', 'synictimer', 'tlbflush', 'vapic', 'vpindex']);
    expect(domain.features.hyperv.spinlocks).toEqual({ spinlocks: 8191 });
    expect(vm.spec.dataVolumeTemplates[0].spec.storage).toEqual({ resources: { requests: { storage: '60Gi' } }, storageClassName: 'fast' });
  });

  test('memory is rendered in canonical form and never rounded', () => {
    const { vm } = synthMachine({ template: MachineTemplate.custom({ memory: Size.gibibytes(1.5) }) });
    expect(templateSpec(vm).domain.memory.guest).toBe('1536Mi');
  });

  test('fails when a size is not a whole number of kibibytes', () => {
    expect(() => MachineTemplate.custom({ name: 'odd', memory: Size.kibibytes(0.5) })).toThrow(
      "MachineTemplate 'odd': memory must be a positive whole number of kibibytes: got \"0.5Ki\"; a positive whole number of kibibytes, e.g. Size.gibibytes(20)");
  });

  test('fails when a CPU count is not a whole number ≥ 1', () => {
    expect(() => MachineTemplate.custom({ name: 'bad', cpu: { cores: 0 } })).toThrow(
      "MachineTemplate 'bad': cpu.cores must be a whole number of at least 1: got 0; an integer ≥ 1");
    expect(() => MachineTemplate.custom({ name: 'bad', cpu: { threads: 1.5 } })).toThrow(
      "MachineTemplate 'bad': cpu.threads must be a whole number of at least 1: got 1.5; an integer ≥ 1");
  });

  test('an instancetype template emits spec.instancetype and spec.preference, and no inline CPU or memory', () => {
    const { vm } = synthMachine({ template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'ubuntu' }) });
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'u1.medium' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachineClusterPreference', name: 'ubuntu' });
    expect(templateSpec(vm).domain.cpu).toBeUndefined();
    expect(templateSpec(vm).domain.memory).toBeUndefined();
  });

  test('namespaced instancetype and preference', () => {
    const { vm } = synthMachine({
      template: MachineTemplate.fromInstancetype('my-size', { scope: ResourceScope.NAMESPACED, preference: 'my-pref', preferenceScope: ResourceScope.NAMESPACED }),
    });
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineInstancetype', name: 'my-size' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachinePreference', name: 'my-pref' });
  });

  test('fails when the instancetype name is not a DNS-1123 subdomain', () => {
    expect(() => MachineTemplate.fromInstancetype('U1_Medium')).toThrow(
      "MachineTemplate 'U1_Medium': instancetype must be a DNS-1123 subdomain: got \"U1_Medium\"; lowercase letters, digits, '-' and '.', at most 253 characters, e.g. 'u1.medium'");
  });
});
