/**
 * Firmware, features and platform rules.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go (validateDomainSpec,
 * validateFirmware) and, for arm64, pkg/virt-api/webhooks/arm64.go (KubeVirt v1.9).
 *
 * The arm64 rules apply when the template says `architecture: arm64`. When the architecture is unset,
 * the cluster's default architecture decides, which a build cannot know: see README.md.
 */
import { devices, isSet, list, obj, Rule, specRule, violation, Violation } from './types';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';
const ARM64 = 'pkg/virt-api/webhooks/arm64.go';

function bootloader(spec: any): any {
  return obj(obj(obj(spec.domain).firmware).bootloader);
}

/** SMM is on when features.smm is present and not explicitly disabled (enabled defaults to true). */
function smmEnabled(spec: any): boolean {
  const smm = obj(obj(spec.domain).features).smm;
  return isSet(smm) && obj(smm).enabled !== false;
}

function isArm64(spec: any): boolean {
  return spec.architecture === 'arm64';
}

const ARM64_BUSES = new Set([undefined, '', 'virtio', 'scsi']);

export const FIRMWARE_RULES: Rule[] = [
  specRule({
    id: 'firmware-efi-bios',
    source: SOURCE,
    summary: 'rejects a bootloader that sets both efi and bios',
    check: ({ spec, path }) => {
      const bl = bootloader(spec);
      return isSet(bl.efi) && isSet(bl.bios)
        ? [violation('firmware-efi-bios', `${path}.domain.firmware.bootloader`, 'must not set both efi and bios', ['bios', 'efi'], 'one of efi, bios')]
        : [];
    },
  }),
  specRule({
    id: 'efi-secure-boot-smm',
    source: SOURCE,
    summary: 'rejects EFI secure boot (the default when efi is set) without features.smm enabled',
    check: ({ spec, path }) => {
      const bl = bootloader(spec);
      if (!isSet(bl.efi) || isArm64(spec)) return []; // arm64 rejects secure boot itself (arm64-secure-boot)
      const secureBoot = obj(bl.efi).secureBoot;
      if (secureBoot === false || smmEnabled(spec)) return [];
      return [violation('efi-secure-boot-smm', `${path}.domain.firmware.bootloader.efi.secureBoot`,
        'must be false unless features.smm is enabled (secure boot defaults to true)', secureBoot,
        'secureBoot: false, or features.smm.enabled: true')];
    },
  }),
  specRule({
    id: 'arm64-bios',
    source: ARM64,
    summary: 'rejects BIOS boot on arm64',
    check: ({ spec, path }) => isArm64(spec) && isSet(bootloader(spec).bios)
      ? [violation('arm64-bios', `${path}.domain.firmware.bootloader.bios`, 'must not be set on arm64', bootloader(spec).bios, 'efi with secureBoot: false')]
      : [],
  }),
  specRule({
    id: 'arm64-secure-boot',
    source: ARM64,
    summary: 'rejects EFI secure boot (the default when efi is set) on arm64',
    check: ({ spec, path }) => {
      const bl = bootloader(spec);
      if (!isArm64(spec) || !isSet(bl.efi) || obj(bl.efi).secureBoot === false) return [];
      return [violation('arm64-secure-boot', `${path}.domain.firmware.bootloader.efi.secureBoot`, 'must be false on arm64 (secure boot defaults to true)',
        obj(bl.efi).secureBoot, 'secureBoot: false')];
    },
  }),
  specRule({
    id: 'arm64-cpu-model',
    source: ARM64,
    summary: 'rejects a CPU model other than host-passthrough on arm64',
    check: ({ spec, path }) => {
      const model = obj(obj(spec.domain).cpu).model;
      return isArm64(spec) && isSet(model) && model !== '' && model !== 'host-passthrough'
        ? [violation('arm64-cpu-model', `${path}.domain.cpu.model`, 'must be host-passthrough on arm64', model, 'host-passthrough, or unset')]
        : [];
    },
  }),
  specRule({
    id: 'arm64-disk-bus',
    source: ARM64,
    summary: 'rejects a disk, lun or cdrom bus other than virtio or scsi on arm64',
    check: ({ spec, path }) => {
      if (!isArm64(spec)) return [];
      const out: Violation[] = [];
      list(devices(spec).disks).forEach((d, i) => {
        const disk = obj(d);
        for (const t of ['disk', 'lun', 'cdrom']) {
          if (!isSet(disk[t])) continue;
          const bus = obj(disk[t]).bus;
          if (!ARM64_BUSES.has(bus)) {
            out.push(violation('arm64-disk-bus', `${path}.domain.devices.disks[${i}].${t}.bus`, 'must be virtio or scsi on arm64', bus, 'one of virtio, scsi'));
          }
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'arm64-watchdog',
    source: ARM64,
    summary: 'rejects a watchdog device on arm64',
    check: ({ spec, path }) => isArm64(spec) && isSet(devices(spec).watchdog)
      ? [violation('arm64-watchdog', `${path}.domain.devices.watchdog`, 'must not be set on arm64', devices(spec).watchdog, 'no watchdog on arm64')]
      : [],
  }),
  specRule({
    id: 'arm64-sound',
    source: ARM64,
    summary: 'rejects a sound device on arm64',
    check: ({ spec, path }) => isArm64(spec) && isSet(devices(spec).sound)
      ? [violation('arm64-sound', `${path}.domain.devices.sound`, 'must not be set on arm64', devices(spec).sound, 'no sound device on arm64')]
      : [],
  }),
];
