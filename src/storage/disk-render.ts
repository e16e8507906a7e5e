/**
 * One disk of a `DiskSet`, rendered for one machine: its `disks[]` entry, its `volumes[]` entry,
 * and the storage it needs (a DataVolume template, or a plain PVC with DiskEmission.PERSISTENT_VOLUME_CLAIMS).
 * Internal: DiskSet._render calls it for each disk, after add() has checked them.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AccessMode, DiskBus, DiskDefaults, DiskEmission, DiskOptions, DiskType } from './disk-options';
import { VolumeSource } from './disk-source';
import { DiskSourceKind } from './disk-source-options';
import type * as kv from '../imports/kubevirt-json';
import { freshCopy, keysInOrder } from '../private/json';
import { k8s } from '../private/lazy';
import { diskClaimName } from '../private/names';
import { quantity } from '../private/units';

/** What a DiskSet renders for one machine. @internal */
export interface RenderedDisks {
  readonly disks: kv.Disk[];
  readonly volumes: kv.Volume[];
  readonly dataVolumeTemplates: kv.DataVolumeTemplate[];
  readonly claims: Array<{ name: string; options: DiskOptions }>;
}

/** One checked disk of a set (its options carry the resolved source and type). */
export interface DiskEntry {
  readonly name: string;
  readonly options: DiskOptions;
  readonly isRoot: boolean;
  readonly machineName: string;
  readonly emit: DiskEmission;
}

/**
 * Renders one disk into `out`. Never throws. What it renders is its own: no object in it is kept by
 * the source or the options (see manifest-cache.ts `freshLazy`). With `sortKeys`, the objects have
 * their keys in sorted order, as cdk8s writes them (the same keys and values; without it, the order
 * is the one cdk8s keeps with CDK8S_DISABLE_SORT).
 */
export function renderDisk(out: RenderedDisks, entry: DiskEntry, defaults: DiskDefaults, sortKeys = false): void {
  const { name, options, isRoot, machineName } = entry;
  const source = options.source!;
  const type = options.type!;
  const bus = options.bus ?? (options.dedicatedIOThread ? DiskBus.VIRTIO : undefined) ?? (defaults.omitDefaultBus ? undefined
    : type === DiskType.CDROM ? DiskBus.SATA : type === DiskType.LUN ? DiskBus.SCSI : defaults.bus ?? DiskBus.VIRTIO);
  const target: kv.DiskTarget = bus ? { bus } : {};
  if (options.readOnly) target.readonly = true;
  // Keys assigned one by one, not a computed key in a literal (a slower path in V8): same key order.
  const disk = {} as kv.Disk;
  const plain = options.bootOrder === undefined && options.serial === undefined && options.cache === undefined && !options.dedicatedIOThread;
  if (sortKeys && plain) {
    // cdrom, disk and lun all sort before name.
    (disk as Record<string, unknown>)[type] = target;
    disk.name = name;
  } else {
    disk.name = name;
    (disk as Record<string, unknown>)[type] = target;
    if (options.bootOrder !== undefined) disk.bootOrder = options.bootOrder;
    if (options.serial !== undefined) disk.serial = options.serial;
    if (options.cache !== undefined) disk.cache = options.cache;
    if (options.dedicatedIOThread) disk.dedicatedIOThread = true;
  }
  out.disks.push(sortKeys && !plain ? keysInOrder(disk) : disk);

  if (source.kind !== DiskSourceKind.DATA_VOLUME) {
    const volume = { name, ...hotplug(freshCopy(source._volumeSource(), sortKeys), options.hotpluggable) };
    out.volumes.push(sortKeys ? keysInOrder(volume) : volume);
    return;
  }
  const claim = options.claimName ?? diskClaimName(machineName, name);
  const size = options.size ?? (isRoot ? defaults.rootSize : undefined);
  const storageClass = options.storageClass ?? (isRoot ? defaults.rootStorageClass : undefined);
  if (entry.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS) {
    out.claims.push({ name: claim, options: { ...options, size, storageClass } });
    out.volumes.push({ name, persistentVolumeClaim: { claimName: claim, ...(options.hotpluggable ? { hotpluggable: true } : {}) } });
    return;
  }
  const storage: kv.StorageSpec = {};
  if (options.accessMode !== undefined || options.usePvcApi) storage.accessModes = [options.accessMode ?? AccessMode.READ_WRITE_ONCE];
  // Without a size, KubeVirt stores `resources: {}` anyway (a Go struct value): emit it, so that an
  // atomic-list diff (Argo CD server-side apply without ServerSideDiff) sees no drift.
  // add() and the template refuse a size that quantity() cannot render.
  storage.resources = size !== undefined ? { requests: { storage: quantity(size)! } } : {};
  if (storageClass !== undefined) storage.storageClassName = storageClass;
  if (options.volumeMode !== undefined) storage.volumeMode = options.volumeMode;
  // A source with fields only a standalone DataVolume knows was refused in add() (_standaloneOnly).
  const spec = {} as kv.DataVolumeTemplate['spec'];
  const fields = freshCopy(source._dataVolumeSource(defaults.namespace), sortKeys);
  // The source's fields are source and sourceRef (DataVolumeSourceFields): after pvc, before storage.
  if (sortKeys && !options.usePvcApi) {
    Object.assign(spec, fields);
    spec.storage = storage;
  } else {
    (spec as Record<string, unknown>)[options.usePvcApi ? 'pvc' : 'storage'] = storage;
    Object.assign(spec, fields);
  }
  out.dataVolumeTemplates.push({ metadata: { name: claim }, spec });
  if (sortKeys) {
    out.volumes.push({ dataVolume: options.hotpluggable ? { hotpluggable: true, name: claim } : { name: claim }, name });
    return;
  }
  const dataVolume: NonNullable<kv.Volume['dataVolume']> = { name: claim };
  if (options.hotpluggable) dataVolume.hotpluggable = true;
  out.volumes.push({ name, dataVolume });
}

/** Adds `hotpluggable: true` to a persistentVolumeClaim volume source when asked. */
function hotplug(volume: VolumeSource, hotpluggable: boolean | undefined): VolumeSource {
  if (!hotpluggable || !volume.persistentVolumeClaim) return volume;
  return { persistentVolumeClaim: { ...volume.persistentVolumeClaim, hotpluggable: true } };
}

/**
 * Creates the plain PersistentVolumeClaims of a machine rendered with DiskEmission.PERSISTENT_VOLUME_CLAIMS.
 * @internal
 */
export function createClaims(scope: Construct, claims: RenderedDisks['claims'], namespace: string | undefined, labels: { [key: string]: string }): ApiObject[] {
  return claims.map(({ name, options }) => new (k8s().KubePersistentVolumeClaim)(scope, `Claim-${name}`, {
    metadata: { name, namespace, labels },
    spec: {
      accessModes: [options.accessMode ?? AccessMode.READ_WRITE_ONCE],
      resources: { requests: { storage: k8s().Quantity.fromString(quantity(options.size!)!) } },
      storageClassName: options.storageClass,
      volumeMode: options.volumeMode,
    },
  }));
}
