import { ApiObject, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { DiskSource, DiskSourceKind } from './disk-source';
import { fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import { guardNew, guardCall } from '../private/guard';
import { manifestsChanged } from '../private/manifest-cache';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, diskClaimName, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { quantity, SIZE_ALLOWED } from '../private/units';

/** Bus a disk is attached to. KubeVirt rejects `ide`. */
export enum DiskBus {
  /** Paravirtualized; the fastest. Not allowed for CD-ROMs. */
  VIRTIO = 'virtio',
  /** SATA; works without drivers (Windows installers). Cannot be read-only. */
  SATA = 'sata',
  /** SCSI. */
  SCSI = 'scsi',
  /** USB. */
  USB = 'usb',
}

/** How a disk is presented to the guest. */
export enum DiskType {
  /** A hard disk. */
  DISK = 'disk',
  /** A CD-ROM (read-only; bus sata or scsi). */
  CDROM = 'cdrom',
  /** A SCSI LUN passed through; must be backed by a PVC or DataVolume. */
  LUN = 'lun',
}

/** PersistentVolume access mode. */
export enum AccessMode {
  /** Read-write by one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-write by many nodes (needed for live migration). */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Read-write by one pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** PersistentVolume volume mode. */
export enum VolumeMode {
  /** A filesystem holding a disk image file. */
  FILESYSTEM = 'Filesystem',
  /** A raw block device. */
  BLOCK = 'Block',
}

/** Disk cache mode. */
export enum DiskCache {
  /** No host page cache. */
  NONE = 'none',
  /** Host page cache, writes go through. */
  WRITE_THROUGH = 'writethrough',
  /** Host page cache, writes are cached. */
  WRITE_BACK = 'writeback',
}

/** How disks that need storage are emitted. */
export enum DiskEmission {
  /** CDI DataVolumes in the VM's `spec.dataVolumeTemplates` (needs CDI). */
  DATA_VOLUME_TEMPLATES = 'dataVolumeTemplates',
  /** Plain PersistentVolumeClaims, for clusters without CDI: only blank disks and existing PVCs. */
  PERSISTENT_VOLUME_CLAIMS = 'persistentVolumeClaims',
}

/** Options of one disk. */
export interface DiskOptions {
  /**
   * Where the disk's data comes from.
   * @default DiskSource.blank()
   */
  readonly source?: DiskSource;
  /**
   * Size of the storage to create.
   * @default - the template's root disk size for the root disk; for other disks, required for blank,
   * http, registry and s3 sources, and inferred by CDI for clones, snapshots and DataSources
   */
  readonly size?: Size;
  /**
   * StorageClass.
   * @default - the template's root StorageClass for the root disk, else the cluster's default StorageClass
   */
  readonly storageClass?: string;
  /**
   * Access mode.
   * @default - CDI's StorageProfile decides (DataVolumes); ReadWriteOnce for plain PVCs
   */
  readonly accessMode?: AccessMode;
  /**
   * Volume mode.
   * @default - CDI's StorageProfile decides (DataVolumes); the cluster's default for plain PVCs
   */
  readonly volumeMode?: VolumeMode;
  /**
   * Bus.
   * @default - the template's disk bus, else virtio (sata for CD-ROMs, scsi for LUNs)
   */
  readonly bus?: DiskBus;
  /**
   * How the disk is presented.
   * @default DiskType.DISK
   */
  readonly type?: DiskType;
  /**
   * Boot order (1 boots first). Unique across disks and interfaces.
   * @default - none: KubeVirt boots from the first disk when no device sets a boot order
   */
  readonly bootOrder?: number;
  /**
   * Read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Serial number shown to the guest (`[A-Za-z0-9_.+-]`, at most 256 characters).
   * @default - none
   */
  readonly serial?: string;
  /**
   * Cache mode.
   * @default - KubeVirt's default
   */
  readonly cache?: DiskCache;
  /**
   * Render the DataVolume with the `pvc` API instead of the `storage` API (which lets CDI fill in
   * access and volume modes from the StorageProfile).
   * @default false
   */
  readonly usePvcApi?: boolean;
  /**
   * Give the disk an I/O thread of its own (with the machine's `ioThreadsPolicy`). Needs the virtio
   * bus, which it sets when `bus` is not given.
   * @default false
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#iothreads
   */
  readonly dedicatedIOThread?: boolean;
  /**
   * Mark the volume hot-pluggable: it can be detached and attached on a running VM. Only for
   * DataVolume and existing-PVC sources, on a disk (bus virtio or scsi) or a LUN (bus scsi).
   * @default false
   * @see https://kubevirt.io/user-guide/storage/hotplug_volumes/
   */
  readonly hotpluggable?: boolean;
  /**
   * Name of the DataVolume or PVC the disk creates. A DiskSet with a fixed claim name can serve one
   * machine per namespace only.
   * @default - `{machine}-{disk}`, e.g. `web-root`
   */
  readonly claimName?: string;
}

/** Properties of a {@link DiskSet}. */
export interface DiskSetProps {
  /**
   * The root (boot) disk, named `root` (see `rootName`).
   * @default - a blank disk of the template's root disk size, as the Viti operator creates
   */
  readonly root?: DiskOptions;
  /**
   * Name of the root disk inside the VM (its disk and volume name).
   * @default 'root'
   */
  readonly rootName?: string;
  /**
   * How disks that need storage are emitted.
   * @default DiskEmission.DATA_VOLUME_TEMPLATES
   */
  readonly emit?: DiskEmission;
}

/** Defaults a machine passes when rendering a DiskSet. @internal */
export interface DiskDefaults {
  readonly rootSize: Size;
  readonly rootStorageClass?: string;
  readonly bus?: DiskBus;
  /** Leave the bus of disks that do not set one to KubeVirt (and to an instancetype preference). */
  readonly omitDefaultBus?: boolean;
  /** The machine's namespace, for clone and snapshot sources that do not name one. */
  readonly namespace?: string;
}

/** What a DiskSet renders for one machine. @internal */
export interface RenderedDisks {
  readonly disks: any[];
  readonly volumes: any[];
  readonly dataVolumeTemplates: any[];
  readonly claims: Array<{ name: string; options: DiskOptions }>;
}

const SERIAL = /^[A-Za-z0-9_.+-]{1,256}$/;
const SIZED_SOURCES = new Set(['blank', 'http', 'registry', 's3', 'gcs', 'imageio', 'vddk', 'upload']);

/**
 * The disks of a machine and where their data comes from: a root disk named `root`, then data disks in
 * the order they are added.
 *
 * A DiskSet is a value, not a construct: one DiskSet can serve several machines. Each machine gets its
 * own storage, named `{machine}-{disk}` (e.g. `web-root`, `web-data`).
 */
export class DiskSet {
  /** How disks that need storage are emitted. */
  public readonly emit: DiskEmission;
  /** Name of the root disk. */
  public readonly rootName: string;
  private readonly entries: Array<{ name: string; options: DiskOptions }> = [];
  /** The constructs that use this set; once there is one, the set is read-only. */
  private readonly users: string[] = [];

  constructor(props: DiskSetProps = {}) {
    guardNew('cdk8s-kubevirt.DiskSet', [props]);
    this.emit = props.emit ?? DiskEmission.DATA_VOLUME_TEMPLATES;
    this.rootName = props.rootName ?? 'root';
    this.add(this.rootName, props.root ?? {}, true);
  }

  /** Names of the disks, in order. */
  public get names(): string[] {
    return this.entries.map(e => e.name);
  }

  /**
   * Records that `who` (a machine or pool) uses this set: from now on it is read-only, so that what the
   * machine checked at construction is what it emits.
   * @internal
   */
  public _bind(who: string): void {
    this.users.push(who);
  }

  /**
   * Disks whose source needs the machine's namespace, and the names of the storage they create.
   * @internal
   */
  public _storage(machineName: string): Array<{ disk: string; claim: string; needsNamespace: boolean }> {
    return this.entries
      .filter(e => e.options.source!.kind === DiskSourceKind.DATA_VOLUME)
      .map(e => ({
        disk: e.name,
        claim: e.options.claimName ?? diskClaimName(machineName, e.name),
        needsNamespace: e.options.source!._needsNamespace(),
      }));
  }

  /**
   * Names of disks backed by a DataVolume or PVC (what KubeVirt can infer an instancetype from).
   * @internal
   */
  public _storageBacked(): string[] {
    return this.entries.filter(e => e.options.source!.kind !== DiskSourceKind.CONTAINER_DISK).map(e => e.name);
  }

  /**
   * Disks whose source must be in the machine's namespace: a standalone DataVolume (with its
   * namespace), or a GoldenImage without a namespace.
   * @internal
   */
  public _sameNamespace(): Array<{ disk: string; what: string; namespace?: string }> {
    return this.entries
      .filter(e => e.options.source!._sameNamespaceAs !== undefined)
      .map(e => ({ disk: e.name, what: e.options.source!._sameNamespaceAs!, namespace: e.options.source!._attachedNamespace }));
  }

  /**
   * Adds a data disk. Disks appear in the VM in the order they are added, after the root disk.
   * @param name a DNS-1123 label, unique in the set
   */
  public addDisk(name: string, options: DiskOptions = {}): DiskSet {
    guardCall(this, 'cdk8s-kubevirt.DiskSet', 'addDisk', [name, options]);
    return this.add(name, options, false);
  }

  private add(name: string, options: DiskOptions, isRoot: boolean): DiskSet {
    const who = `DiskSet disk '${name}'`;
    if (this.users.length > 0) {
      fail('DiskSet', {
        property: 'addDisk',
        problem: `cannot change a DiskSet that ${this.users.join(', ')} already ${this.users.length === 1 ? 'uses' : 'use'}`,
        value: name,
        allowed: 'add every disk before a machine takes the DiskSet, or give the machine a DiskSet of its own',
      });
    }
    options = frozenCopy(who, 'options', options);
    if (!isDns1123Label(name)) {
      fail('DiskSet', { property: 'name', problem: 'must be a DNS-1123 label', value: name, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'disk-name-dns1123' });
    }
    if (this.entries.some(e => e.name === name)) {
      fail('DiskSet', { property: 'name', problem: 'is already used by another disk', value: name, allowed: `a name not in ${this.names.join(', ')}`, ruleId: 'disk-name-unique' });
    }
    const source = options.source ?? DiskSource.blank();
    const type = options.type ?? DiskType.DISK;
    if (options.size !== undefined && quantity(options.size) === undefined) {
      fail(who, { property: 'size', problem: 'must be a positive whole number of kibibytes', value: options.size.asString(), allowed: SIZE_ALLOWED });
    }
    if (!isRoot && options.size === undefined && source.kind === DiskSourceKind.DATA_VOLUME && SIZED_SOURCES.has(source.type)) {
      fail(who, { property: 'size', problem: `is required for a ${source.type} source`, value: undefined, allowed: 'a Size, e.g. Size.gibibytes(100)' });
    }
    if (options.size !== undefined && source.kind !== DiskSourceKind.DATA_VOLUME) {
      fail(who, { property: 'size', problem: `cannot be set for a ${source.type} source, which creates no storage`, value: options.size.asString(), allowed: 'no size' });
    }
    if (options.bootOrder !== undefined && !(Number.isInteger(options.bootOrder) && options.bootOrder >= 1)) {
      fail(who, { property: 'bootOrder', problem: 'must be a whole number of at least 1', value: options.bootOrder, allowed: 'an integer ≥ 1', ruleId: 'boot-order-min' });
    }
    if (options.serial !== undefined && !SERIAL.test(options.serial)) {
      fail(who, { property: 'serial', problem: 'must be a valid disk serial', value: options.serial, allowed: "letters, digits, '_', '.', '+' and '-', at most 256 characters", ruleId: 'disk-serial' });
    }
    if (type === DiskType.CDROM && options.bus === DiskBus.VIRTIO) {
      fail(who, { property: 'bus', problem: 'cannot be virtio for a CD-ROM', value: options.bus, allowed: 'sata, scsi or usb', ruleId: 'disk-cdrom-virtio' });
    }
    if (options.bus === DiskBus.SATA && options.readOnly && type !== DiskType.CDROM) {
      fail(who, { property: 'readOnly', problem: 'cannot be true on the sata bus', value: true, allowed: 'bus virtio or scsi for a read-only disk', ruleId: 'disk-sata-read-only' });
    }
    if (type === DiskType.LUN && source.kind === DiskSourceKind.CONTAINER_DISK) {
      fail(who, { property: 'source', problem: 'must be backed by a PVC or DataVolume for a LUN', value: source.type, allowed: 'any source except containerDisk', ruleId: 'disk-lun-source' });
    }
    if (this.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS && source.kind === DiskSourceKind.DATA_VOLUME && source.type !== 'blank') {
      fail(who, { property: 'source', problem: 'needs CDI, which DiskEmission.PERSISTENT_VOLUME_CLAIMS does without', value: source.type, allowed: 'DiskSource.blank(), existingPvc() or containerDisk(), or DiskEmission.DATA_VOLUME_TEMPLATES' });
    }
    if (source._standaloneOnly.length > 0) {
      fail(who, { property: 'source', problem: `sets ${source._standaloneOnly.join(', ')}, which KubeVirt v1.9's dataVolumeTemplates schema does not have`, value: source.type, allowed: 'a standalone DataVolume attached with DiskSource.dataVolume(), or the source without that field' });
    }
    if (options.claimName !== undefined && (source.kind !== DiskSourceKind.DATA_VOLUME || !isDns1123Subdomain(options.claimName))) {
      fail(who, source.kind !== DiskSourceKind.DATA_VOLUME
        ? { property: 'claimName', problem: `cannot be set for a ${source.type} source, which creates no storage`, value: options.claimName, allowed: 'no claimName' }
        : { property: 'claimName', problem: 'must be a Kubernetes object name', value: options.claimName, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    if (options.usePvcApi && this.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS) {
      fail(who, { property: 'usePvcApi', problem: 'applies to DataVolumes only', value: true, allowed: 'unset with DiskEmission.PERSISTENT_VOLUME_CLAIMS' });
    }
    checkTuningOptions(who, options, source, type);
    manifestsChanged();
    this.entries.push({ name, options: { ...options, source, type } });
    return this;
  }

  /**
   * Renders disks, volumes and DataVolume templates for one machine.
   * @internal
   */
  public _render(machineName: string, defaults: DiskDefaults): RenderedDisks {
    const out: RenderedDisks = { disks: [], volumes: [], dataVolumeTemplates: [], claims: [] };
    for (const [index, { name, options }] of this.entries.entries()) {
      const isRoot = index === 0;
      const source = options.source!;
      const type = options.type!;
      const bus = options.bus ?? (options.dedicatedIOThread ? DiskBus.VIRTIO : undefined) ?? (defaults.omitDefaultBus ? undefined
        : type === DiskType.CDROM ? DiskBus.SATA : type === DiskType.LUN ? DiskBus.SCSI : defaults.bus ?? DiskBus.VIRTIO);
      const target: any = bus ? { bus } : {};
      if (options.readOnly) target.readonly = true;
      const disk: any = { name, [type]: target };
      if (options.bootOrder !== undefined) disk.bootOrder = options.bootOrder;
      if (options.serial !== undefined) disk.serial = options.serial;
      if (options.cache !== undefined) disk.cache = options.cache;
      if (options.dedicatedIOThread) disk.dedicatedIOThread = true;
      out.disks.push(disk);

      if (source.kind !== DiskSourceKind.DATA_VOLUME) {
        out.volumes.push({ name, ...hotplug(source._volumeSource(), options.hotpluggable) });
        continue;
      }
      const claim = options.claimName ?? diskClaimName(machineName, name);
      const size = options.size ?? (isRoot ? defaults.rootSize : undefined);
      const storageClass = options.storageClass ?? (isRoot ? defaults.rootStorageClass : undefined);
      const resolved: DiskOptions = { ...options, size, storageClass };
      if (this.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS) {
        out.claims.push({ name: claim, options: resolved });
        out.volumes.push({ name, persistentVolumeClaim: { claimName: claim, ...(options.hotpluggable ? { hotpluggable: true } : {}) } });
        continue;
      }
      const storage: any = {};
      if (resolved.accessMode !== undefined || options.usePvcApi) storage.accessModes = [resolved.accessMode ?? AccessMode.READ_WRITE_ONCE];
      // Without a size, KubeVirt stores `resources: {}` anyway (a Go struct value): emit it, so that an
      // atomic-list diff (Argo CD server-side apply without ServerSideDiff) sees no drift.
      storage.resources = size !== undefined ? { requests: { storage: quantity(size) } } : {};
      if (storageClass !== undefined) storage.storageClassName = storageClass;
      if (resolved.volumeMode !== undefined) storage.volumeMode = resolved.volumeMode;
      out.dataVolumeTemplates.push({
        metadata: { name: claim },
        spec: { [options.usePvcApi ? 'pvc' : 'storage']: storage, ...source._dataVolumeSource(defaults.namespace) },
      });
      out.volumes.push({ name, dataVolume: { name: claim, ...(options.hotpluggable ? { hotpluggable: true } : {}) } });
    }
    return out;
  }
}

/** Adds `hotpluggable: true` to a persistentVolumeClaim volume source when asked. */
function hotplug(volume: any, hotpluggable: boolean | undefined): any {
  if (!hotpluggable || !volume.persistentVolumeClaim) return volume;
  return { persistentVolumeClaim: { ...volume.persistentVolumeClaim, hotpluggable: true } };
}

/**
 * Checks dedicatedIOThread and hotpluggable (pkg/storage/admitters/disks.go validateDiskConfiguration;
 * storagehotplug.go ValidateHotplugDiskConfiguration, KubeVirt v1.9).
 */
function checkTuningOptions(who: string, options: DiskOptions, source: DiskSource, type: DiskType): void {
  if (options.dedicatedIOThread && options.bus !== undefined && options.bus !== DiskBus.VIRTIO) {
    fail(who, { property: 'dedicatedIOThread', problem: `is not supported on the ${options.bus} bus`, value: true, allowed: 'bus virtio (or no bus: it is then set to virtio)', ruleId: 'disk-dedicated-io-thread' });
  }
  if (!options.hotpluggable) return;
  if (source.kind !== DiskSourceKind.DATA_VOLUME && source.kind !== DiskSourceKind.EXISTING_PVC) {
    fail(who, { property: 'hotpluggable', problem: `is not supported for a ${source.type} source`, value: true, allowed: 'a DataVolume source or DiskSource.existingPvc()' });
  }
  const buses = type === DiskType.LUN ? [DiskBus.SCSI] : type === DiskType.DISK ? [DiskBus.SCSI, DiskBus.VIRTIO] : [];
  if (buses.length === 0 || (options.bus !== undefined && !buses.includes(options.bus))) {
    fail(who, {
      property: 'hotpluggable',
      problem: `is not supported for a ${type} on the ${options.bus ?? 'default'} bus`,
      value: true,
      allowed: 'a disk on the virtio or scsi bus, or a LUN on the scsi bus',
    });
  }
}

/**
 * Creates the plain PersistentVolumeClaims of a machine rendered with DiskEmission.PERSISTENT_VOLUME_CLAIMS.
 * @internal
 */
export function createClaims(scope: Construct, claims: RenderedDisks['claims'], namespace: string | undefined, labels: { [key: string]: string }): ApiObject[] {
  return claims.map(({ name, options }) => new k8s.KubePersistentVolumeClaim(scope, `Claim-${name}`, {
    metadata: { name, namespace, labels },
    spec: {
      accessModes: [options.accessMode ?? AccessMode.READ_WRITE_ONCE],
      resources: { requests: { storage: k8s.Quantity.fromString(quantity(options.size!)!) } },
      storageClassName: options.storageClass,
      volumeMode: options.volumeMode,
    },
  }));
}
