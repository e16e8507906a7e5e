/**
 * Disk rules.
 * Source: pkg/storage/admitters/disks.go (KubeVirt v1.9), unless a rule says otherwise.
 */
import { diskItems, forEachItem, interfaceItems, isHole, repeatedNames, volumesByName } from './spec-view';
import { isObj, isSet, itemName, obj, oneOf, Rule, setKeys, specRule, violation, Violation } from './types';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from '../private/names';

const SOURCE = 'pkg/storage/admitters/disks.go';
const VMI_SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';

/** The disk buses KubeVirt accepts (ide is rejected). */
export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'usb'];
const DISK_BUS_SET = new Set(DISK_BUSES);
/**
 * Cache modes. RULES.md lists none, writethrough, writeback; disks.go (validateCacheMode) also accepts
 * directsync, so it is allowed here too.
 */
export const DISK_CACHE_MODES = ['none', 'writethrough', 'writeback', 'directsync'];
const DISK_CACHE_SET = new Set(DISK_CACHE_MODES);
export const DISK_IO_MODES = ['native', 'threads'];
const DISK_IO_SET = new Set(DISK_IO_MODES);
export const DISK_ERROR_POLICIES = ['stop', 'ignore', 'report', 'enospace'];
const DISK_ERROR_POLICY_SET = new Set(DISK_ERROR_POLICIES);

const TARGETS = ['disk', 'lun', 'cdrom'] as const;
/** `[A-Za-z0-9_.+-]+` (disks.go isValidExpression). */
const SERIAL = /^[A-Za-z0-9_.+-]+$/;
const SERIAL_MAX = 256;
/** hwutil.ParsePciAddress: `dddd:bb:ss.f`, hex, function 0–7. */
export const PCI_ADDRESS = /^[\da-fA-F]{4}:[\da-fA-F]{2}:[\da-fA-F]{2}\.[0-7]$/;
export const PCI_ADDRESS_ALLOWED = 'a PCI address dddd:bb:ss.f in hex, function 0-7, e.g. 0000:81:01.1';
const BLOCK_MIN = 512;
const BLOCK_MAX = 2097152;

/** The lists that hold boot orders, as named in messages: the disks, then the interfaces. */
const BOOT_LISTS = ['disk', 'interface'] as const;

/** The disk's target type (`disk`, `lun`, `cdrom`) or undefined. */
function targetOf(disk: any): typeof TARGETS[number] | undefined {
  for (const t of TARGETS) if (isSet(disk[t])) return t;
  return undefined;
}

export const DISK_RULES: Rule[] = [
  specRule({
    id: 'disk-name-unique',
    source: SOURCE,
    summary: 'rejects two disks with the same name',
    check: ctx => {
      const disks = diskItems(ctx);
      return repeatedNames(disks, 'disk-name-unique', 'disk');
    },
  }),
  specRule({
    id: 'disk-name-dns1123',
    source: SOURCE,
    summary: 'rejects a disk name that is not a DNS-1123 label (it becomes a container name)',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (!isDns1123Label(disk.name)) out.push(violation('disk-name-dns1123', `${disks.paths[i]}.name`, 'must be a DNS-1123 label', disk.name, DNS1123_LABEL_ALLOWED));
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-one-target',
    source: SOURCE,
    summary: 'rejects a disk that sets more than one of disk, lun, cdrom (none defaults to disk)',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if ((isSet(disk.disk) ? 1 : 0) + (isSet(disk.lun) ? 1 : 0) + (isSet(disk.cdrom) ? 1 : 0) <= 1) return;
        const set = setKeys(disk, TARGETS);
        out.push(violation('disk-one-target', disks.paths[i], `must set only one of disk, lun, cdrom (${itemName('disk', disk, i)})`, set, 'one of disk, lun, cdrom'));
      });
      return out;
    },
  }),
  specRule({
    id: 'boot-order-min',
    source: SOURCE,
    summary: 'rejects a bootOrder below 1 on a disk or an interface',
    check: ctx => {
      const out: Violation[] = [];
      for (let k = 0; k < BOOT_LISTS.length; k++) {
        const items = k === 0 ? diskItems(ctx) : interfaceItems(ctx);
        for (let i = 0; i < items.objs.length; i++) {
          if (isHole(items, i)) continue;
          const order = items.objs[i].bootOrder;
          if (isSet(order) && !(typeof order === 'number' && order >= 1)) {
            out.push(violation('boot-order-min', `${items.paths[i]}.bootOrder`, `must be at least 1 (${itemName(BOOT_LISTS[k], items.raw[i], i)})`, order,
              'an integer of 1 or more, or unset'));
          }
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'boot-order-unique',
    source: VMI_SOURCE,
    summary: 'rejects a bootOrder used twice across disks and interfaces together',
    check: ctx => {
      const out: Violation[] = [];
      let seen: Map<number, string> | undefined; // made for the first bootOrder: most specs set none
      for (let k = 0; k < BOOT_LISTS.length; k++) {
        const items = k === 0 ? diskItems(ctx) : interfaceItems(ctx);
        for (let i = 0; i < items.objs.length; i++) {
          if (isHole(items, i)) continue;
          const order = items.objs[i].bootOrder;
          if (typeof order !== 'number' || order < 1) continue;
          seen ??= new Map();
          const first = seen.get(order);
          if (first !== undefined) {
            out.push(violation('boot-order-unique', `${items.paths[i]}.bootOrder`,
              `must be unique across disks and interfaces (${itemName(BOOT_LISTS[k], items.raw[i], i)} repeats ${first})`, order, 'a boot order no other disk or interface uses'));
          } else {
            seen.set(order, itemName(BOOT_LISTS[k], items.raw[i], i));
          }
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'disk-bus',
    source: SOURCE,
    summary: 'rejects a disk bus other than virtio, sata, scsi, usb (ide included)',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const t = targetOf(disk);
        if (!t) return;
        const bus = obj(disk[t]).bus;
        if (isSet(bus) && !DISK_BUS_SET.has(bus)) {
          out.push(violation('disk-bus', `${disks.paths[i]}.${t}.bus`, `must be ${oneOf(DISK_BUSES)}`, bus, oneOf(DISK_BUSES)));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-cdrom-virtio',
    source: SOURCE,
    summary: 'rejects a cdrom on the virtio bus',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (obj(disk.cdrom).bus === 'virtio' && targetOf(disk) === 'cdrom') {
          out.push(violation('disk-cdrom-virtio', `${disks.paths[i]}.cdrom.bus`, 'must not be virtio for a cdrom', 'virtio', 'one of sata, scsi'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-sata-read-only',
    source: SOURCE,
    summary: 'rejects a readonly disk (not cdrom) on the sata bus',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (obj(disk.disk).bus === 'sata' && disk.disk.readonly === true && targetOf(disk) === 'disk') {
          out.push(violation('disk-sata-read-only', `${disks.paths[i]}.disk.readonly`, 'must not be true on a sata disk', true,
            'readonly: false on sata, or bus virtio or scsi, or a sata cdrom'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-lun-reservation-scsi',
    source: SOURCE,
    summary: 'rejects a LUN with reservation on a bus other than scsi',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const lun = obj(disk.lun);
        if (lun.reservation === true && lun.bus !== 'scsi' && targetOf(disk) === 'lun') {
          out.push(violation('disk-lun-reservation-scsi', `${disks.paths[i]}.lun.bus`, 'must be scsi when reservation is true', lun.bus, 'scsi'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-pci-address-bus',
    source: SOURCE,
    summary: 'rejects a disk pciAddress unless its bus is explicitly virtio',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const d = obj(disk.disk);
        // disks.go compares the raw bus with virtio, so an unset bus (defaulted later) is rejected too.
        if (isObj(disk.disk) && isSet(d.pciAddress) && d.pciAddress !== '' && d.bus !== 'virtio') {
          out.push(violation('disk-pci-address-bus', `${disks.paths[i]}.disk.bus`, `must be virtio when pciAddress is set (${itemName('disk', disk, i)})`, d.bus,
            'bus: virtio, set explicitly'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-pci-address-format',
    source: SOURCE,
    summary: 'rejects a malformed disk pciAddress',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const pci = obj(disk.disk).pciAddress;
        if (isSet(pci) && pci !== '' && !(typeof pci === 'string' && PCI_ADDRESS.test(pci))) {
          out.push(violation('disk-pci-address-format', `${disks.paths[i]}.disk.pciAddress`, 'must be a well-formed PCI address', pci, PCI_ADDRESS_ALLOWED));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-serial',
    source: SOURCE,
    summary: 'rejects a disk serial with characters outside [A-Za-z0-9_.+-] or longer than 256',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const serial = disk.serial;
        if (!isSet(serial) || serial === '') return;
        if (typeof serial !== 'string' || !SERIAL.test(serial)) {
          out.push(violation('disk-serial', `${disks.paths[i]}.serial`, 'must contain only letters, digits, _ . + -', serial, 'characters [A-Za-z0-9_.+-], at most 256'));
        } else if ([...serial].length > SERIAL_MAX) {
          out.push(violation('disk-serial', `${disks.paths[i]}.serial`, `must be at most ${SERIAL_MAX} characters`, serial, 'characters [A-Za-z0-9_.+-], at most 256'));
        }
      });
      return out;
    },
  }),
  ...(
    [
      ['disk-cache', 'cache', DISK_CACHE_MODES, DISK_CACHE_SET],
      ['disk-io', 'io', DISK_IO_MODES, DISK_IO_SET],
      ['disk-error-policy', 'errorPolicy', DISK_ERROR_POLICIES, DISK_ERROR_POLICY_SET],
    ] as Array<[string, string, string[], Set<unknown>]>
  ).map(([id, field, values, set]) => specRule({
    id,
    source: SOURCE,
    summary: `rejects a disk ${field} other than ${values.join(', ')}`,
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const value = disk[field];
        if (isSet(value) && value !== '' && !set.has(value)) out.push(violation(id, `${disks.paths[i]}.${field}`, `must be ${oneOf(values)}`, value, oneOf(values)));
      });
      return out;
    },
  })),
  specRule({
    id: 'disk-dedicated-io-thread',
    source: SOURCE,
    summary: 'rejects dedicatedIOThread on a disk whose bus is not explicitly virtio',
    check: ctx => {
      const out: Violation[] = [];
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (disk.dedicatedIOThread !== true) return;
        const t = targetOf(disk);
        const bus = t ? obj(disk[t]).bus : undefined;
        // disks.go compares the raw bus with virtio, so an unset bus is rejected too.
        if (bus !== 'virtio') {
          out.push(violation('disk-dedicated-io-thread', `${disks.paths[i]}.dedicatedIOThread`, `must not be true unless the bus is virtio (${itemName('disk', disk, i)})`,
            true, `bus: virtio set explicitly on the ${t ?? 'disk'}, or no dedicatedIOThread`));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-block-size',
    source: SOURCE,
    summary: 'rejects a custom block size outside 512 B–2 MiB, not a power of 2, logical above physical, or combined with matchVolume',
    check: ctx => {
      const out: Violation[] = [];
      const allowed = 'a power of 2 from 512 to 2097152 bytes, logical at most physical';
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        const bs = obj(disk.blockSize);
        if (!isSet(bs.custom)) return;
        const custom = obj(bs.custom);
        const mv = bs.matchVolume;
        if (isSet(mv) && obj(mv).enabled !== false) {
          out.push(violation('disk-block-size', `${disks.paths[i]}.blockSize`, 'must not enable matchVolume together with custom', bs, 'either custom or matchVolume'));
          return;
        }
        if (typeof custom.logical === 'number' && typeof custom.physical === 'number' && custom.logical > custom.physical) {
          out.push(violation('disk-block-size', `${disks.paths[i]}.blockSize.custom.logical`, 'must be at most the physical size', custom.logical, allowed));
          return;
        }
        for (const field of ['logical', 'physical']) {
          const size = custom[field];
          if (!isSet(size)) continue;
          if (typeof size !== 'number' || !Number.isInteger(size) || size < BLOCK_MIN || size > BLOCK_MAX || !Number.isInteger(Math.log2(size))) {
            out.push(violation('disk-block-size', `${disks.paths[i]}.blockSize.custom.${field}`, 'must be a power of 2 from 512 B to 2 MiB', size, allowed));
          }
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-lun-source',
    source: SOURCE,
    summary: 'rejects a LUN whose volume is not a persistentVolumeClaim or a dataVolume',
    check: ctx => {
      const out: Violation[] = [];
      const volumes = volumesByName(ctx);
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (!isSet(disk.lun) || targetOf(disk) !== 'lun') return;
        const vol = volumes.get(disk.name);
        if (!vol || isSet(vol.persistentVolumeClaim) || isSet(vol.dataVolume)) return;
        out.push(violation('disk-lun-source', `${disks.paths[i]}.lun`, `must be backed by a persistentVolumeClaim or dataVolume volume (${itemName('disk', disk, i)})`,
          setKeys(vol, Object.keys(vol).filter(k => k !== 'name')), 'a volume with persistentVolumeClaim or dataVolume'));
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-volume',
    source: VMI_SOURCE,
    summary: 'rejects a disk (other than a cdrom) without a volume of the same name',
    check: ctx => {
      const out: Violation[] = [];
      const volumes = volumesByName(ctx);
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (volumes.has(disk.name) || targetOf(disk) === 'cdrom') return;
        out.push(violation('disk-volume', `${disks.paths[i]}.name`, `must match the name of a volume (${itemName('disk', disk, i)})`, disk.name, 'the name of a volume in volumes'));
      });
      return out;
    },
  }),
  specRule({
    id: 'disk-cdrom-empty',
    source: VMI_SOURCE,
    summary: 'rejects a cdrom without a volume (an empty cdrom) unless the cluster enables the feature gate for it',
    clusterDependent: true,
    check: ctx => {
      const out: Violation[] = [];
      const volumes = volumesByName(ctx);
      const disks = diskItems(ctx);
      forEachItem(disks, (disk, i) => {
        if (targetOf(disk) !== 'cdrom' || volumes.has(disk.name)) return;
        out.push(violation('disk-cdrom-empty', `${disks.paths[i]}.name`, `must match the name of a volume unless empty cdroms are enabled (${itemName('disk', disk, i)})`,
          disk.name, 'the name of a volume, or a cluster with the empty-cdrom feature gate'));
      });
      return out;
    },
  }),
];
