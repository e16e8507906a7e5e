import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { CpuFeaturePolicy, CpuModel, DiskBus, DiskSet, DiskSource, HugepageSize, IoThreadsPolicy, MachineTemplate, Realtime } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

const ERR = "Machine 'test/web'";

describe('Machine tuning', () => {
  test('CPU model and features, dedicated CPUs with emulator thread, NUMA, realtime, hugepages', () => {
    const { vm } = synthMachine({
      cpu: { cores: 4 },
      memory: Size.gibibytes(8),
      cpuModel: CpuModel.named('Skylake-Server'),
      cpuFeatures: [{ name: 'pcid', policy: CpuFeaturePolicy.REQUIRE }, { name: 'vmx' }],
      dedicatedCpuPlacement: true,
      isolateEmulatorThread: true,
      guestNumaPassthrough: true,
      realtime: Realtime.vcpus('0-3,^1'),
      hugepages: HugepageSize.ONE_GIB,
    });
    const d = templateSpec(vm).domain;
    expect(d.cpu).toEqual({
      cores: 4,
      sockets: 1,
      threads: 1,
      dedicatedCpuPlacement: true,
      model: 'Skylake-Server',
      features: [{ name: 'pcid', policy: 'require' }, { name: 'vmx' }],
      isolateEmulatorThread: true,
      numa: { guestMappingPassthrough: {} },
      realtime: { mask: '0-3,^1' },
    });
    expect(d.memory).toEqual({ guest: '8Gi', hugepages: { pageSize: '1Gi' } });
    expect(templateSpec(synthMachine({ cpuModel: CpuModel.HOST_PASSTHROUGH }).vm).domain.cpu.model).toBe('host-passthrough');
    expect(templateSpec(synthMachine({ cpuModel: CpuModel.HOST_MODEL }).vm).domain.cpu.model).toBe('host-model');
    expect(HugepageSize.TWO_MIB.pageSize).toBe('2Mi');
    expect(HugepageSize.of(Size.mebibytes(1024)).pageSize).toBe('1Gi');
  });

  test('realtime on every vCPU renders an empty realtime', () => {
    const { vm } = synthMachine({
      dedicatedCpuPlacement: true, guestNumaPassthrough: true, hugepages: HugepageSize.TWO_MIB, realtime: Realtime.allVcpus(),
    });
    expect(templateSpec(vm).domain.cpu.realtime).toEqual({});
  });

  test('ioThreadsPolicy with a dedicated I/O thread on a disk (the bus becomes virtio)', () => {
    const disks = new DiskSet().addDisk('data', { size: Size.gibibytes(10), dedicatedIOThread: true });
    const { vm } = synthMachine({ template: MachineTemplate.custom({ diskBus: DiskBus.SATA }), ioThreadsPolicy: IoThreadsPolicy.SHARED, disks });
    const d = templateSpec(vm).domain;
    expect(d.ioThreadsPolicy).toBe('shared');
    expect(d.ioThreads).toBeUndefined();
    expect(d.devices.disks[1]).toEqual({ name: 'data', disk: { bus: 'virtio' }, dedicatedIOThread: true });
    const pool = templateSpec(synthMachine({ ioThreadsPolicy: IoThreadsPolicy.supplementalPool(4) }).vm).domain;
    expect(pool.ioThreadsPolicy).toBe('supplementalPool');
    expect(pool.ioThreads).toEqual({ supplementalPoolThreadCount: 4 });
    expect(templateSpec(synthMachine({ ioThreadsPolicy: IoThreadsPolicy.AUTO }).vm).domain.ioThreadsPolicy).toBe('auto');
  });

  test('resources: requests and limits, memory overcommit below guest memory', () => {
    const { vm } = synthMachine({
      memory: Size.gibibytes(8),
      resources: {
        memoryRequest: Size.gibibytes(4),
        cpuRequest: kplus.Cpu.millis(500),
        cpuLimit: kplus.Cpu.millis(2000),
        memoryLimit: Size.gibibytes(9),
        overcommitGuestOverhead: true,
      },
    });
    expect(templateSpec(vm).domain.resources).toEqual({
      requests: { cpu: '500m', memory: '4Gi' }, limits: { cpu: '2', memory: '9Gi' }, overcommitGuestOverhead: true,
    });
    expect(templateSpec(vm).domain.memory).toEqual({ guest: '8Gi' });
  });

  test('hot-plug headroom: maxSockets and maxGuest, and hot-pluggable volumes', () => {
    const disks = new DiskSet()
      .addDisk('data', { size: Size.gibibytes(10), hotpluggable: true, bus: DiskBus.SCSI })
      .addDisk('shared', { source: DiskSource.existingPvc('shared-data'), hotpluggable: true });
    const { vm } = synthMachine({ cpu: { sockets: 2 }, maxSockets: 8, memory: Size.gibibytes(4), maxGuest: Size.gibibytes(16), disks });
    const spec = templateSpec(vm);
    expect(spec.domain.cpu.maxSockets).toBe(8);
    expect(spec.domain.memory).toEqual({ guest: '4Gi', maxGuest: '16Gi' });
    expect(spec.volumes.find((v: any) => v.name === 'data')).toEqual({ name: 'data', dataVolume: { name: 'web-data', hotpluggable: true } });
    expect(spec.volumes.find((v: any) => v.name === 'shared')).toEqual({ name: 'shared', persistentVolumeClaim: { claimName: 'shared-data', hotpluggable: true } });
  });

  test('fails when isolateEmulatorThread has no dedicated CPUs', () => {
    expect(() => synthMachine({ isolateEmulatorThread: true })).toThrow(
      `${ERR}: isolateEmulatorThread needs dedicatedCpuPlacement: got true; dedicatedCpuPlacement: true alongside (isolate-emulator-thread-dedicated)`);
  });

  test('fails when NUMA passthrough has no hugepages', () => {
    expect(() => synthMachine({ dedicatedCpuPlacement: true, guestNumaPassthrough: true })).toThrow(
      `${ERR}: guestNumaPassthrough needs hugepages: got true; dedicatedCpuPlacement: true and hugepages alongside (numa-passthrough-requirements)`);
  });

  test('fails when realtime has no NUMA passthrough', () => {
    expect(() => synthMachine({ dedicatedCpuPlacement: true, realtime: Realtime.allVcpus() })).toThrow(
      `${ERR}: realtime needs guestNumaPassthrough: got "all vCPUs"; dedicatedCpuPlacement: true and guestNumaPassthrough: true alongside (realtime-requirements)`);
  });

  test('fails when maxSockets is below sockets', () => {
    expect(() => synthMachine({ cpu: { sockets: 4 }, maxSockets: 2 })).toThrow(
      `${ERR}: maxSockets must be at least cpu.sockets (4): got 2; an integer ≥ 4 (cpu-sockets-max)`);
  });

  test('fails when maxGuest is below guest memory', () => {
    expect(() => synthMachine({ memory: Size.gibibytes(8), maxGuest: Size.gibibytes(4) })).toThrow(
      `${ERR}: maxGuest must be at least the guest memory (8Gi): got "4Gi"; a size ≥ 8Gi (memory-hotplug)`);
  });

  test('fails when maxGuest is not a multiple of 2Mi', () => {
    expect(() => synthMachine({ maxGuest: Size.mebibytes(4097) })).toThrow(
      `${ERR}: maxGuest must be a multiple of 2Mi: got "4097Mi"; e.g. Size.gibibytes(16) (memory-hotplug)`);
  });

  test('fails when the memory request exceeds the memory limit', () => {
    expect(() => synthMachine({ resources: { memoryRequest: Size.gibibytes(4), memoryLimit: Size.gibibytes(2) } })).toThrow(
      `${ERR}: resources.memoryRequest must not exceed resources.memoryLimit: got "4Gi"; at most 2Gi (resources-requests-within-limits)`);
  });

  test('fails when a CPU feature is listed twice', () => {
    expect(() => synthMachine({ cpuFeatures: [{ name: 'vmx' }, { name: 'vmx', policy: CpuFeaturePolicy.DISABLE }] })).toThrow(
      `${ERR}: cpuFeatures lists a feature twice: got "vmx"; each feature once`);
  });

  test('fails when factories get bad values', () => {
    expect(() => CpuModel.named('Skylake Server')).toThrow('CpuModel.named: name must be a libvirt CPU model name: got "Skylake Server"');
    expect(() => Realtime.vcpus('0-3;5')).toThrow('Realtime.vcpus: mask must be a vCPU mask: got "0-3;5"');
    expect(() => IoThreadsPolicy.supplementalPool(0)).toThrow(
      'IoThreadsPolicy.supplementalPool: threads must be a whole number of at least 1: got 0; an integer ≥ 1 (io-threads-policy)');
  });

  test('fails when a dedicated I/O thread is on a sata disk', () => {
    expect(() => new DiskSet().addDisk('data', { size: Size.gibibytes(1), bus: DiskBus.SATA, dedicatedIOThread: true })).toThrow(
      "DiskSet disk 'data': dedicatedIOThread is not supported on the sata bus: got true; bus virtio (or no bus: it is then set to virtio) (disk-dedicated-io-thread)");
  });

  test('fails when a hot-pluggable volume is a containerDisk or on sata', () => {
    expect(() => new DiskSet().addDisk('data', { source: DiskSource.containerDisk('quay.io/x/y:1'), hotpluggable: true })).toThrow(
      "DiskSet disk 'data': hotpluggable is not supported for a containerDisk source: got true; a DataVolume source or DiskSource.existingPvc()");
    expect(() => new DiskSet().addDisk('data', { size: Size.gibibytes(1), bus: DiskBus.SATA, hotpluggable: true })).toThrow(
      "DiskSet disk 'data': hotpluggable is not supported for a disk on the sata bus: got true; a disk on the virtio or scsi bus, or a LUN on the scsi bus");
  });
});

