import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

const F = `${VMI}.domain.firmware.bootloader`;

/** A valid arm64 VM (EFI without secure boot), changed by `change`. */
function arm64(change: (spec: any) => void = () => undefined): any {
  return vmWith(spec => {
    spec.architecture = 'arm64';
    spec.domain.firmware = { bootloader: { efi: { secureBoot: false } } };
    change(spec);
  });
}

describe('firmware rules', () => {
  test('accepts EFI without secure boot, EFI with secure boot and SMM, and BIOS', () => {
    const vms = [
      vmWith(spec => {
        spec.domain.firmware = { bootloader: { efi: { secureBoot: false } } };
      }),
      vmWith(spec => {
        spec.domain.firmware = { bootloader: { efi: {} } };
        spec.domain.features = { smm: {} };
      }),
      vmWith(spec => {
        spec.domain.firmware = { bootloader: { bios: {} } };
      }),
    ];
    expectConformant(vms);
    for (const vm of vms) expect(messages(vm)).toEqual([]);
  });

  test('fails when efi and bios are both set (firmware-efi-bios)', () => {
    const vm = vmWith(spec => {
      spec.domain.firmware = { bootloader: { bios: {}, efi: { secureBoot: false } } };
    });
    expect(messages(vm)).toEqual([`${F} must not set both efi and bios: got ["bios","efi"]; one of efi, bios (firmware-efi-bios)`]);
  });

  test('fails when efi: {} is set without SMM (efi-secure-boot-smm)', () => {
    const vm = vmWith(spec => {
      spec.domain.firmware = { bootloader: { efi: {} } };
    });
    expect(messages(vm)).toEqual([
      `${F}.efi.secureBoot must be false unless features.smm is enabled (secure boot defaults to true): got undefined; secureBoot: false, or features.smm.enabled: true (efi-secure-boot-smm)`,
    ]);
  });

  test('fails when secure boot is on and SMM is disabled (efi-secure-boot-smm)', () => {
    const vm = vmWith(spec => {
      spec.domain.firmware = { bootloader: { efi: { secureBoot: true } } };
      spec.domain.features = { smm: { enabled: false } };
    });
    expect(messages(vm)).toEqual([
      `${F}.efi.secureBoot must be false unless features.smm is enabled (secure boot defaults to true): got true; secureBoot: false, or features.smm.enabled: true (efi-secure-boot-smm)`,
    ]);
  });
});

describe('arm64 rules', () => {
  test('accepts a plain arm64 VM, schema included', () => {
    const vm = arm64(spec => {
      spec.domain.cpu.model = 'host-passthrough';
      spec.domain.devices.disks.push({ name: 'iso', cdrom: { bus: 'scsi' } });
      spec.volumes.push({ name: 'iso', containerDisk: { image: 'x' } });
    });
    expectConformant([vm]);
    expect(messages(vm)).toEqual([]);
  });

  test('ignores the arm64 rules when the architecture is not arm64', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.watchdog = { name: 'w', i6300esb: {} };
    });
    expect(messages(vm)).toEqual([]);
  });

  test('fails when an arm64 VM boots with BIOS (arm64-bios)', () => {
    const vm = arm64(spec => {
      spec.domain.firmware = { bootloader: { bios: {} } };
    });
    expect(messages(vm)).toEqual([`${F}.bios must not be set on arm64: got {}; efi with secureBoot: false (arm64-bios)`]);
  });

  test('fails when an arm64 VM uses secure boot (arm64-secure-boot)', () => {
    const vm = arm64(spec => {
      spec.domain.firmware.bootloader.efi = {};
      spec.domain.features = { smm: {} };
    });
    expect(messages(vm)).toEqual([`${F}.efi.secureBoot must be false on arm64 (secure boot defaults to true): got undefined; secureBoot: false (arm64-secure-boot)`]);
  });

  test('fails when an arm64 VM uses host-model (arm64-cpu-model)', () => {
    const vm = arm64(spec => {
      spec.domain.cpu.model = 'host-model';
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.cpu.model must be host-passthrough on arm64: got "host-model"; host-passthrough, or unset (arm64-cpu-model)`]);
  });

  test('fails when an arm64 disk uses sata (arm64-disk-bus)', () => {
    const vm = arm64(spec => {
      spec.domain.devices.disks[0].disk.bus = 'sata';
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.devices.disks[0].disk.bus must be virtio or scsi on arm64: got "sata"; one of virtio, scsi (arm64-disk-bus)`]);
  });

  test('fails when an arm64 VM has a watchdog (arm64-watchdog)', () => {
    const vm = arm64(spec => {
      spec.domain.devices.watchdog = { name: 'w', i6300esb: {} };
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.devices.watchdog must not be set on arm64: got {"name":"w","i6300esb":{}}; no watchdog on arm64 (arm64-watchdog)`]);
  });

  test('fails when an arm64 VM has a sound device (arm64-sound)', () => {
    const vm = arm64(spec => {
      spec.domain.devices.sound = { name: 's' };
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.devices.sound must not be set on arm64: got {"name":"s"}; no sound device on arm64 (arm64-sound)`]);
  });
});
