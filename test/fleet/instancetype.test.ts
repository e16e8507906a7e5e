import { Duration, Size } from 'cdk8s';
import { Architecture, CommonInstancetype, CommonPreference, DiskBus, DiskSet, DiskSource, Firmware, HypervPreset, HypervSet, InferFromVolumeFailurePolicy, InstancetypeIoThreadsPolicy, InterfaceModel, Machine, MachineInstancetype, MachinePool, MachinePreference, MachineTemplate, PreferenceClock, PreferredCpuTopology, ResourceScope } from '../../src';
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
      cpu: { preferredCPUTopology: 'cores' },
      devices: { preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e' },
      firmware: { preferredEfi: { secureBoot: true } },
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

describe('MachineInstancetype: deprecated fields and preferences', () => {
  const DEPRECATED = ['preferSockets', 'preferCores', 'preferThreads', 'preferSpread', 'preferAny', 'preferredUseEfi', 'preferredUseSecureBoot'];

  test('never emits a deprecated field or value', () => {
    const chart = newChart();
    new MachineInstancetype(chart, 'a', { template: MachineTemplate.custom({ name: 'a', cpu: { sockets: 4 }, firmware: Firmware.efi({ persistent: true }) }) });
    new MachineInstancetype(chart, 'b', { template: MachineTemplate.custom({ name: 'b', cpu: { threads: 2 }, firmware: Firmware.bios() }) });
    const text = JSON.stringify(synthValid(chart));
    for (const d of DEPRECATED) expect(text).not.toContain(d);
    const prefs = synthValid(chart).filter(o => o.kind === 'VirtualMachinePreference');
    expect(prefs.map(p => p.spec)).toEqual([
      { firmware: { preferredEfi: { secureBoot: false, persistent: true } } },
      { cpu: { preferredCPUTopology: 'threads' }, firmware: { preferredUseBios: true } },
    ]);
  });

  test('an instancetype with 4 vCPUs can be published without a preference', () => {
    const chart = newChart();
    const sockets = new MachineInstancetype(chart, 'a', { template: MachineTemplate.custom({ name: 'four-sockets', cpu: { sockets: 4 } }) });
    const cores = new MachineInstancetype(chart, 'b', { template: MachineTemplate.custom({ name: 'four-cores', cpu: { cores: 4 } }), preference: false });
    expect(sockets.preference).toBeUndefined();
    expect(cores.preference).toBeUndefined();
    const out = synthValid(chart);
    expect(out.filter(o => o.kind.endsWith('Preference'))).toEqual([]);
    expect(out.map(o => o.spec.cpu)).toEqual([{ guest: 4 }, { guest: 4 }]);
  });

  test('fails when preference is false but the template has shape settings', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.custom({ name: 'x', diskBus: DiskBus.SATA }), preference: false })).toThrow(
      "MachineInstancetype 'test/x': preference is false, but the template has shape settings only a preference can carry: got [\"devices\"]");
  });

  test('carries GPUs, host devices, dedicated CPUs, hugepages, NUMA and ioThreadsPolicy; machines cannot resolve it away', () => {
    const chart = newChart();
    const gpu = new MachineInstancetype(chart, 'gpu', {
      template: MachineTemplate.custom({ name: 'gpu-large', cpu: { sockets: 8 }, memory: Size.gibibytes(32) }),
      gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }],
      hostDevices: [{ name: 'nic1', deviceName: 'intel.com/sriov' }],
      dedicatedCpuPlacement: true,
      isolateEmulatorThread: true,
      hugepagesPageSize: Size.gibibytes(1),
      numaGuestMappingPassthrough: true,
      ioThreadsPolicy: InstancetypeIoThreadsPolicy.SHARED,
    });
    const out = synthValid(chart);
    expect(out[0].spec).toEqual({
      cpu: { guest: 8, dedicatedCPUPlacement: true, isolateEmulatorThread: true, numa: { guestMappingPassthrough: {} } },
      memory: { guest: '32Gi', hugepages: { pageSize: '1Gi' } },
      gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }],
      hostDevices: [{ name: 'nic1', deviceName: 'intel.com/sriov' }],
      ioThreadsPolicy: 'shared',
    });
    expect(() => new Machine(chart, 'm', { template: gpu.template, memory: Size.gibibytes(64) })).toThrow("cannot override the instancetype 'gpu-large'");
  });

  test('fails when NUMA passthrough lacks dedicated CPUs or hugepages, or isolateEmulatorThread lacks dedicated CPUs', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.SMALL, numaGuestMappingPassthrough: true, dedicatedCpuPlacement: true })).toThrow(
      "MachineInstancetype 'test/x': numaGuestMappingPassthrough needs dedicatedCpuPlacement and hugepages: got true; dedicatedCpuPlacement: true and a hugepagesPageSize (numa-passthrough-requirements)");
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.SMALL, isolateEmulatorThread: true })).toThrow(
      "MachineInstancetype 'test/x': isolateEmulatorThread needs dedicatedCpuPlacement: got true; dedicatedCpuPlacement: true too (isolate-emulator-thread-dedicated)");
  });

  test('fails when the hugepage size is not 2Mi or 1Gi', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.SMALL, hugepagesPageSize: Size.mebibytes(4) })).toThrow(
      "MachineInstancetype 'test/x': hugepagesPageSize must be a hugepage size x86 hosts offer: got \"4Mi\"; Size.mebibytes(2) or Size.gibibytes(1)");
  });

  test('fails when two GPUs share a name', () => {
    expect(() => new MachineInstancetype(newChart(), 'x', { template: MachineTemplate.SMALL, gpus: [{ name: 'g', deviceName: 'a/b' }, { name: 'g', deviceName: 'a/c' }] })).toThrow(
      "MachineInstancetype 'test/x': gpus[1].name is used twice: got \"g\"");
  });
});

describe('MachinePreference', () => {
  test('a namespaced preference with clock, timers, TPM, EFI, custom Hyper-V, buses, rng, grace period and requirements', () => {
    const chart = newChart();
    const pref = new MachinePreference(chart, 'windows-ish', {
      cpuTopology: PreferredCpuTopology.SPREAD,
      clock: PreferenceClock.windows(),
      firmware: Firmware.efi({ secureBoot: true, persistent: true }),
      persistentTpm: true,
      hyperv: HypervSet.custom({ synictimer: true, relaxed: true, spinlocks: 8191, vendorId: 'KVMKVMKVM' }),
      diskBus: DiskBus.SATA,
      cdromBus: DiskBus.SATA,
      interfaceModel: InterfaceModel.E1000E,
      rng: true,
      machineType: 'q35',
      architecture: Architecture.AMD64,
      terminationGracePeriod: Duration.minutes(5),
      minCpus: 2,
      minMemory: Size.gibibytes(4),
      acpi: true,
    });
    new Machine(chart, 'win', { template: MachineTemplate.fromInstancetype(CommonInstancetype.U1_LARGE.name, { preference: pref.name, preferenceScope: pref.scope }) });
    const out = synthValid(chart);
    expect(out[0]).toEqual({
      apiVersion: 'instancetype.kubevirt.io/v1beta1',
      kind: 'VirtualMachinePreference',
      metadata: { name: 'windows-ish', namespace: 'vms' },
      spec: {
        clock: { preferredClockOffset: { utc: {} }, preferredTimer: { hpet: { present: false }, hyperv: {}, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' } } },
        cpu: { preferredCPUTopology: 'spread' },
        devices: { preferredCdromBus: 'sata', preferredDiskBus: 'sata', preferredInterfaceModel: 'e1000e', preferredRng: {}, preferredTPM: { persistent: true } },
        features: {
          preferredAcpi: { enabled: true },
          preferredHyperv: { relaxed: {}, synic: {}, synictimer: { direct: { enabled: true } }, vpindex: {}, spinlocks: { spinlocks: 8191 }, vendorid: { vendorid: 'KVMKVMKVM' } },
          preferredSmm: { enabled: true },
        },
        firmware: { preferredEfi: { secureBoot: true, persistent: true } },
        machine: { preferredMachineType: 'q35' },
        preferredArchitecture: 'amd64',
        preferredTerminationGracePeriodSeconds: 300,
        requirements: { cpu: { guest: 2 }, memory: { guest: '4Gi' } },
      },
    });
    const vm = out.find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'u1.large' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachinePreference', name: 'windows-ish' });
  });

  test('a cluster-wide preference with a timezone clock carries no namespace; an empty one is just a name', () => {
    const chart = newChart();
    new MachinePreference(chart, 'berlin', { scope: ResourceScope.CLUSTER, clock: PreferenceClock.timezone('Europe/Berlin', { kvm: { present: true } }) });
    new MachinePreference(chart, 'plain', { clock: PreferenceClock.utc(Duration.hours(1)) });
    const [a, b] = synthValid(chart);
    expect(a).toEqual({ apiVersion: 'instancetype.kubevirt.io/v1beta1', kind: 'VirtualMachineClusterPreference', metadata: { name: 'berlin' }, spec: { clock: { preferredClockOffset: { timezone: 'Europe/Berlin' }, preferredTimer: { kvm: { present: true } } } } });
    expect(b.spec).toEqual({ clock: { preferredClockOffset: { utc: { offsetSeconds: 3600 } } } });
  });

  test('fails when a timer gets a tick policy it does not support', () => {
    expect(() => PreferenceClock.utc(undefined, { rtc: { tickPolicy: 'merge' } })).toThrow(
      'PreferenceClock: timers.rtc.tickPolicy is not supported by the rtc timer: got "merge"; one of delay, catchup');
  });

  test('fails when spinlocks are below 4096 or the requirements are not positive', () => {
    expect(() => HypervSet.custom({ spinlocks: 100 })).toThrow('HypervSet.custom: spinlocks must be a whole number of at least 4096: got 100; e.g. 8191');
    expect(() => new MachinePreference(newChart(), 'p', { minCpus: 0 })).toThrow("MachinePreference 'test/p': minCpus must be a whole number of at least 1: got 0");
  });

  test('fails when a CD-ROM bus is virtio', () => {
    expect(() => new MachinePreference(newChart(), 'p', { cdromBus: DiskBus.VIRTIO })).toThrow(
      "MachinePreference 'test/p': cdromBus cannot be virtio for a CD-ROM: got \"virtio\"; sata, scsi or usb (disk-cdrom-virtio)");
  });
});

describe('MachineTemplate.inferFromVolume', () => {
  test('renders inferFromVolume with the failure policy and no CPU or memory', () => {
    const chart = newChart();
    new Machine(chart, 'web', {
      template: MachineTemplate.inferFromVolume('root', { failurePolicy: InferFromVolumeFailurePolicy.IGNORE }),
      disks: new DiskSet({ root: { source: DiskSource.dataSource('fedora', 'kubevirt-os-images') } }),
    });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toEqual({ inferFromVolume: 'root', inferFromVolumeFailurePolicy: 'Ignore' });
    expect(vm.spec.preference).toEqual({ inferFromVolume: 'root', inferFromVolumeFailurePolicy: 'Ignore' });
    expect(vm.spec.template.spec.domain.cpu).toBeUndefined();
    expect(vm.spec.template.spec.domain.memory).toBeUndefined();
    expect(vm.spec.template.spec.architecture).toBeUndefined();
  });

  test('without the preference', () => {
    const chart = newChart();
    new Machine(chart, 'web', { template: MachineTemplate.inferFromVolume('root', { inferPreference: false }), disks: new DiskSet({ root: { source: DiskSource.pvcClone('golden') } }) });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toEqual({ inferFromVolume: 'root' });
    expect(vm.spec.preference).toBeUndefined();
  });

  test('fails when the volume is not a DataVolume or PVC disk of the machine', () => {
    expect(() => new Machine(newChart(), 'web', { template: MachineTemplate.inferFromVolume('data') })).toThrow(
      "Machine 'test/web': template infers from a volume that is not a DataVolume or PVC disk of this machine: got \"data\"; one of root");
  });

  test('fails when a machine overrides CPU', () => {
    expect(() => new Machine(newChart(), 'web', { template: MachineTemplate.inferFromVolume('root'), cpu: { cores: 2 } })).toThrow(
      "Machine 'test/web': cpu cannot override the instancetype 'root'");
  });
});

describe('CommonInstancetype and CommonPreference', () => {
  test('the catalog matches common-instancetypes v1.7.0', () => {
    expect(CommonInstancetype.U1_MEDIUM).toMatchObject({ name: 'u1.medium', series: 'u1', size: 'medium', vcpus: 1 });
    expect(CommonInstancetype.U1_MEDIUM.memory.toGibibytes()).toBe(4);
    expect(CommonInstancetype.CX1_2XLARGE1GI.hugepagesPageSize!.toGibibytes()).toBe(1);
    expect(CommonInstancetype.N1_MEDIUM.vcpus).toBe(4);
    expect(new Set(CommonInstancetype.ALL.map(i => i.series))).toEqual(new Set(['u1', 'o1', 'cx1', 'm1', 'n1', 'rt1', 'd1']));
    expect(CommonInstancetype.ALL.length).toBe(new Set(CommonInstancetype.ALL.map(i => i.name)).size);
    expect(CommonInstancetype.fromName('rt1.small')).toBe(CommonInstancetype.RT1_SMALL);
    expect(CommonInstancetype.isCommon('u1.huge')).toBe(false);
    expect(CommonPreference.UBUNTU.name).toBe('ubuntu');
    expect(CommonPreference.WINDOWS_2K22_VIRTIO.name).toBe('windows.2k22.virtio');
    expect(CommonPreference.CENTOS_STREAM10.name).toBe('centos.stream10');
  });

  test('usable in MachineTemplate.fromInstancetype', () => {
    const chart = newChart();
    new Machine(chart, 'web', { template: MachineTemplate.fromInstancetype(CommonInstancetype.O1_SMALL.name, { preference: CommonPreference.FEDORA.name }) });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.instancetype).toEqual({ kind: 'VirtualMachineClusterInstancetype', name: 'o1.small' });
    expect(vm.spec.preference).toEqual({ kind: 'VirtualMachineClusterPreference', name: 'fedora' });
  });

  test('fails when a name is not in the bundle', () => {
    expect(() => CommonInstancetype.fromName('u1.medum')).toThrow('CommonInstancetype: name is not in common-instancetypes v1.7.0: got "u1.medum"');
  });
});
