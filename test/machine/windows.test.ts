import { Duration } from 'cdk8s';
import { Clock, CloudInit, DiskBus, DiskSet, DiskSource, Machine, MachineTemplate, Network, Sysprep } from '../../src';
import { synthValid } from '../support/conformance';
import { expectRoundTripClean } from '../support/roundtrip';
import { newChart, synthMachine, templateSpec } from '../support/synth';

describe('Windows', () => {
  test('MachineTemplate.windows() does what upstream\'s Windows preference and template do', () => {
    const chart = newChart();
    new Machine(chart, 'win', {
      template: MachineTemplate.windows(),
      disks: new DiskSet({ root: { source: DiskSource.dataSource('win2k22', 'kubevirt-os-images') } }),
      networks: [Network.pod()],
      sysprep: Sysprep.fromConfigMap('win-unattend'),
    });
    const vm = expectRoundTripClean(synthValid(chart)).find(o => o.kind === 'VirtualMachine');
    const spec = templateSpec(vm);
    const d = spec.domain;
    expect(d.cpu).toEqual({ cores: 2, sockets: 1, threads: 1 });
    expect(d.memory).toEqual({ guest: '4Gi' });
    expect(d.clock).toEqual({ utc: {}, timer: { hpet: { present: false }, pit: { tickPolicy: 'delay' }, rtc: { tickPolicy: 'catchup' }, hyperv: {} } });
    expect(d.firmware.bootloader).toEqual({ efi: { secureBoot: true, persistent: true } });
    expect(d.features.smm).toEqual({ enabled: true });
    expect(d.features.acpi).toEqual({ enabled: true });
    expect(d.features.apic).toEqual({ enabled: true });
    expect(Object.keys(d.features.hyperv).sort()).toEqual(['frequencies', 'ipi', 'reenlightenment', 'relaxed', 'reset', 'runtime', 'spinlocks', 'synic', 'synictimer', 'tlbflush', 'vapic', 'vpindex']);
    expect(d.devices.tpm).toEqual({ persistent: true });
    expect(d.devices.inputs).toEqual([{ name: 'tablet', type: 'tablet', bus: 'usb' }]);
    expect(d.devices.disks).toEqual([{ name: 'root', disk: { bus: 'sata' } }, { name: 'sysprep', cdrom: { bus: 'sata' } }]);
    expect(d.devices.interfaces).toEqual([{ name: 'default', masquerade: {}, model: 'e1000e' }]);
    expect(spec.volumes[1]).toEqual({ name: 'sysprep', sysprep: { configMap: { name: 'win-unattend' } } });
    expect(spec.terminationGracePeriodSeconds).toBe(3600);
    expect(vm.spec.dataVolumeTemplates[0].spec.storage.resources.requests.storage).toBe('64Gi');
  });

  test('with virtio drivers, without secure boot, persistence or tablet; machine props override the profile', () => {
    const { vm } = synthMachine({
      template: MachineTemplate.windows({ virtioDrivers: true, secureBoot: false, persistentState: false, tablet: false }),
      sysprep: Sysprep.fromSecret('win-unattend'),
      clock: Clock.timezone('Europe/Berlin'),
      terminationGracePeriod: Duration.minutes(10),
    });
    const spec = templateSpec(vm);
    expect(spec.domain.devices.disks[0]).toEqual({ name: 'root', disk: { bus: 'virtio' } });
    expect(spec.domain.devices.interfaces[0].model).toBe('virtio');
    expect(spec.domain.firmware.bootloader).toEqual({ efi: { secureBoot: false } });
    expect(spec.domain.devices.tpm).toEqual({});
    expect(spec.domain.devices.inputs).toBeUndefined();
    expect(spec.domain.clock).toEqual({ timezone: 'Europe/Berlin' });
    expect(spec.terminationGracePeriodSeconds).toBe(600);
    expect(spec.volumes.find((v: any) => v.name === 'sysprep')).toEqual({ name: 'sysprep', sysprep: { secret: { name: 'win-unattend' } } });
    const noTpm = synthMachine({ template: MachineTemplate.windows(), tpm: false, persistentTpm: false }).vm;
    expect(templateSpec(noTpm).domain.devices.tpm).toBeUndefined();
  });

  test('fails when a sysprep source is not an object name', () => {
    expect(() => Sysprep.fromConfigMap('Win Unattend')).toThrow('Sysprep.fromConfigMap: name must be a Kubernetes object name: got "Win Unattend"');
  });

  test('the cloud-init disk follows the root disk\'s bus (bug: it was always virtio)', () => {
    const cloudInit = CloudInit.fromUserData('#!/bin/sh\necho hi\n');
    // Under a preference the root disk names no bus, and neither does the cloud-init disk.
    const pref = templateSpec(synthMachine({ template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'windows.2k22' }), cloudInit }).vm);
    expect(pref.domain.devices.disks).toEqual([{ name: 'root', disk: {} }, { name: 'cloudinitdisk', disk: {} }]);
    // With a sata template both are on sata.
    const sata = templateSpec(synthMachine({ template: MachineTemplate.windows(), cloudInit }).vm);
    expect(sata.domain.devices.disks.map((x: any) => x.disk?.bus)).toEqual(['sata', 'sata']);
    // An explicit root bus is followed too.
    const scsi = templateSpec(synthMachine({ disks: new DiskSet({ root: { bus: DiskBus.SCSI } }), cloudInit }).vm);
    expect(scsi.domain.devices.disks[1]).toEqual({ name: 'cloudinitdisk', disk: { bus: 'scsi' } });
    // Default: virtio, as before.
    expect(templateSpec(synthMachine({ cloudInit }).vm).domain.devices.disks[1]).toEqual({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
  });
});
