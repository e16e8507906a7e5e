// The options of a DiskSet and of its disks: buses, types, access and volume modes, cache, emission.
import { Size } from 'cdk8s';
import { DiskSource } from './disk-source';

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

/** Properties of a `DiskSet`. */
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
