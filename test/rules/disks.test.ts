import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

const D = `${VMI}.domain.devices.disks`;

/** A valid VM with a second disk `data` (volume `data`, emptyDisk) changed by `change`. */
function withDataDisk(disk: any, volume: any = { emptyDisk: { capacity: '1Gi' } }): any {
  return vmWith(spec => {
    spec.domain.devices.disks.push({ name: 'data', ...disk });
    spec.volumes.push({ name: 'data', ...volume });
  });
}

describe('disk rules', () => {
  test('accepts every valid disk option, schema included', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks = [
        { name: 'root', disk: { bus: 'virtio', pciAddress: '0000:81:01.1' }, bootOrder: 1, serial: 'ABC_1.2+3-4', cache: 'none', io: 'native', errorPolicy: 'report', dedicatedIOThread: true },
        { name: 'iso', cdrom: { bus: 'sata' }, bootOrder: 2 },
        { name: 'lun', lun: { bus: 'scsi', reservation: true }, blockSize: { custom: { logical: 512, physical: 4096 } } },
        { name: 'plain' },
      ];
      spec.domain.devices.interfaces[0].bootOrder = 3;
      spec.volumes = [
        { name: 'root', containerDisk: { image: 'x' } },
        { name: 'iso', containerDisk: { image: 'y' } },
        { name: 'lun', persistentVolumeClaim: { claimName: 'lun-pvc' } },
        { name: 'plain', emptyDisk: { capacity: '1Gi' } },
      ];
    });
    expectConformant([vm]);
    expect(messages(vm, { clusterDependent: true })).toEqual([]);
  });

  test('fails when two disks share a name (disk-name-unique)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'root', disk: { bus: 'virtio' } });
    });
    expect(messages(vm)).toEqual([`${D}[1].name must be unique among disks: got "root"; a name no other disk uses (disk-name-unique)`]);
  });

  test('fails when a disk name is camelCase (disk-name-dns1123)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks[0].name = 'rootDisk';
      spec.volumes[0].name = 'rootDisk';
    });
    expect(messages(vm)).toEqual([
      `${D}[0].name must be a DNS-1123 label: got "rootDisk"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (disk-name-dns1123)`,
    ]);
  });

  test('fails when a disk is both disk and cdrom (disk-one-target)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, cdrom: { bus: 'sata' } }))).toEqual([
      `${D}[1] must set only one of disk, lun, cdrom (disk "data"): got ["disk","cdrom"]; one of disk, lun, cdrom (disk-one-target)`,
    ]);
  });

  test('fails when a bootOrder is 0 (boot-order-min)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, bootOrder: 0 }))).toEqual([
      `${D}[1].bootOrder must be at least 1 (disk "data"): got 0; an integer of 1 or more, or unset (boot-order-min)`,
    ]);
  });

  test('fails when an interface bootOrder is 0 (boot-order-min)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0].bootOrder = 0;
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.interfaces[0].bootOrder must be at least 1 (interface "default"): got 0; an integer of 1 or more, or unset (boot-order-min)`,
    ]);
  });

  test('fails when a disk and an interface share a bootOrder (boot-order-unique)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks[0].bootOrder = 1;
      spec.domain.devices.interfaces[0].bootOrder = 1;
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.interfaces[0].bootOrder must be unique across disks and interfaces (interface "default" repeats disk "root"): got 1; `
      + 'a boot order no other disk or interface uses (boot-order-unique)',
    ]);
  });

  test('fails when two disks share a bootOrder (boot-order-unique)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks[0].bootOrder = 2;
    });
    expect(messages(withDataDiskOn(vm, { disk: { bus: 'virtio' }, bootOrder: 2 }))).toEqual([
      `${D}[1].bootOrder must be unique across disks and interfaces (disk "data" repeats disk "root"): got 2; a boot order no other disk or interface uses (boot-order-unique)`,
    ]);
  });

  test('fails when the bus is ide (disk-bus)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'ide' } }))).toEqual([
      `${D}[1].disk.bus must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)`,
    ]);
  });

  test('fails when a cdrom uses virtio (disk-cdrom-virtio)', () => {
    expect(messages(withDataDisk({ cdrom: { bus: 'virtio' } }))).toEqual([
      `${D}[1].cdrom.bus must not be virtio for a cdrom: got "virtio"; one of sata, scsi (disk-cdrom-virtio)`,
    ]);
  });

  test('fails when a sata disk is readonly (disk-sata-read-only)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'sata', readonly: true } }))).toEqual([
      `${D}[1].disk.readonly must not be true on a sata disk: got true; readonly: false on sata, or bus virtio or scsi, or a sata cdrom (disk-sata-read-only)`,
    ]);
  });

  test('fails when a LUN reservation is not on scsi (disk-lun-reservation-scsi)', () => {
    expect(messages(withDataDisk({ lun: { bus: 'sata', reservation: true } }, { persistentVolumeClaim: { claimName: 'c' } }))).toEqual([
      `${D}[1].lun.bus must be scsi when reservation is true: got "sata"; scsi (disk-lun-reservation-scsi)`,
    ]);
  });

  test('fails when pciAddress is set on a scsi disk (disk-pci-address-bus)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'scsi', pciAddress: '0000:81:01.1' } }))).toEqual([
      `${D}[1].disk.bus must be virtio when pciAddress is set (disk "data"): got "scsi"; bus: virtio, set explicitly (disk-pci-address-bus)`,
    ]);
  });

  test('fails when pciAddress is set and the bus is left to the default (disk-pci-address-bus)', () => {
    expect(messages(withDataDisk({ disk: { pciAddress: '0000:81:01.1' } }))).toEqual([
      `${D}[1].disk.bus must be virtio when pciAddress is set (disk "data"): got undefined; bus: virtio, set explicitly (disk-pci-address-bus)`,
    ]);
  });

  test('fails when pciAddress is malformed (disk-pci-address-format)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio', pciAddress: '81:01.1' } }))).toEqual([
      `${D}[1].disk.pciAddress must be a well-formed PCI address: got "81:01.1"; a PCI address dddd:bb:ss.f in hex, function 0-7, e.g. 0000:81:01.1 (disk-pci-address-format)`,
    ]);
  });

  test('fails when the serial has a space (disk-serial)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, serial: 'has space' }))).toEqual([
      `${D}[1].serial must contain only letters, digits, _ . + -: got "has space"; characters [A-Za-z0-9_.+-], at most 256 (disk-serial)`,
    ]);
  });

  test('fails when the serial is longer than 256 (disk-serial)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, serial: 'a'.repeat(257) }))).toEqual([
      `${D}[1].serial must be at most 256 characters: got "${'a'.repeat(76)}...; characters [A-Za-z0-9_.+-], at most 256 (disk-serial)`,
    ]);
  });

  test('fails when cache is unknown (disk-cache)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, cache: 'unsafe' }))).toEqual([
      `${D}[1].cache must be one of none, writethrough, writeback, directsync: got "unsafe"; one of none, writethrough, writeback, directsync (disk-cache)`,
    ]);
  });

  test('fails when io is unknown (disk-io)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, io: 'io_uring' }))).toEqual([
      `${D}[1].io must be one of native, threads: got "io_uring"; one of native, threads (disk-io)`,
    ]);
  });

  test('fails when errorPolicy is unknown (disk-error-policy)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, errorPolicy: 'retry' }))).toEqual([
      `${D}[1].errorPolicy must be one of stop, ignore, report, enospace: got "retry"; one of stop, ignore, report, enospace (disk-error-policy)`,
    ]);
  });

  test('fails when dedicatedIOThread is set on a sata disk (disk-dedicated-io-thread)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'sata' }, dedicatedIOThread: true }))).toEqual([
      `${D}[1].dedicatedIOThread must not be true unless the bus is virtio (disk "data"): got true; bus: virtio set explicitly on the disk, or no dedicatedIOThread (disk-dedicated-io-thread)`,
    ]);
  });

  test('fails when a custom block size is not a power of 2 (disk-block-size)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, blockSize: { custom: { logical: 512, physical: 3000 } } }))).toEqual([
      `${D}[1].blockSize.custom.physical must be a power of 2 from 512 B to 2 MiB: got 3000; a power of 2 from 512 to 2097152 bytes, logical at most physical (disk-block-size)`,
    ]);
  });

  test('fails when a custom block size is too small (disk-block-size)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, blockSize: { custom: { logical: 256, physical: 256 } } }))).toEqual([
      `${D}[1].blockSize.custom.logical must be a power of 2 from 512 B to 2 MiB: got 256; a power of 2 from 512 to 2097152 bytes, logical at most physical (disk-block-size)`,
      `${D}[1].blockSize.custom.physical must be a power of 2 from 512 B to 2 MiB: got 256; a power of 2 from 512 to 2097152 bytes, logical at most physical (disk-block-size)`,
    ]);
  });

  test('fails when logical exceeds physical (disk-block-size)', () => {
    expect(messages(withDataDisk({ disk: { bus: 'virtio' }, blockSize: { custom: { logical: 4096, physical: 512 } } }))).toEqual([
      `${D}[1].blockSize.custom.logical must be at most the physical size: got 4096; a power of 2 from 512 to 2097152 bytes, logical at most physical (disk-block-size)`,
    ]);
  });

  test('fails when a LUN is backed by a containerDisk (disk-lun-source)', () => {
    expect(messages(withDataDisk({ lun: { bus: 'scsi' } }, { containerDisk: { image: 'x' } }))).toEqual([
      `${D}[1].lun must be backed by a persistentVolumeClaim or dataVolume volume (disk "data"): got ["containerDisk"]; a volume with persistentVolumeClaim or dataVolume (disk-lun-source)`,
    ]);
  });

  test('fails when a disk has no volume (disk-volume)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'data', disk: { bus: 'virtio' } });
    });
    expect(messages(vm)).toEqual([`${D}[1].name must match the name of a volume (disk "data"): got "data"; the name of a volume in volumes (disk-volume)`]);
  });

  test('fails when a cdrom is empty, with cluster-dependent rules on (disk-cdrom-empty)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.disks.push({ name: 'iso', cdrom: { bus: 'sata' } });
    });
    expect(messages(vm)).toEqual([]);
    expect(messages(vm, { clusterDependent: true })).toEqual([
      `${D}[1].name must match the name of a volume unless empty cdroms are enabled (disk "iso"): got "iso"; the name of a volume, or a cluster with the empty-cdrom feature gate (disk-cdrom-empty)`,
    ]);
  });
});

function withDataDiskOn(vm: any, disk: any): any {
  vm.spec.template.spec.domain.devices.disks.push({ name: 'data', ...disk });
  vm.spec.template.spec.volumes.push({ name: 'data', emptyDisk: { capacity: '1Gi' } });
  return vm;
}
