import { ApiObject, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type * as CdiSourceRules from './cdi-source-rules';
import { AccessMode, VolumeMode } from './disk-options';
import { DiskSource } from './disk-source';
import { DiskSourceKind, IDataVolume } from './disk-source-options';
import type * as kv from '../imports/kubevirt-json';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject, onFirstUse } from '../private/lazy';
import { guardNew } from '../private/lazy-guard';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from '../private/names';
import { quantity, sortedMap } from '../private/units';

// Loaded at the first DataVolume, not when the library is required (see onFirstUse).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdiRules = onFirstUse((): typeof CdiSourceRules => require('./cdi-source-rules'));

/** What a DataVolume holds (`spec.contentType`). */
export enum DataVolumeContentType {
  /** A VM disk image (CDI's default). */
  KUBEVIRT = 'kubevirt',
  /** A tar archive, unpacked onto a filesystem volume; not a disk image. Not for blank or registry sources. */
  ARCHIVE = 'archive',
}

/** Properties of a `DataVolume`. */
export interface DataVolumeProps {
  /**
   * Where the data comes from: any DiskSource that creates storage (`blank`, `http`, `registry`, `s3`,
   * `gcs`, `imageio`, `vddk`, `upload`, `pvcClone`, `volumeSnapshot`, `dataSource`).
   */
  readonly source: DiskSource;
  /**
   * `metadata.name` of the DataVolume (and of the PVC CDI creates for it).
   * @default - the construct id, which must then be a Kubernetes object name
   */
  readonly name?: string;
  /**
   * Namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Size of the volume. CDI requires it, except for clones, snapshots and DataSources with the
   * `storage` API, which it sizes from the source. At least 1Mi.
   * @default - inferred by CDI (clone, snapshot and DataSource sources with the storage API only)
   */
  readonly size?: Size;
  /**
   * StorageClass.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;
  /**
   * Access modes. With the `pvc` API exactly one is allowed. Machines that share the volume while
   * running on different nodes need ReadWriteMany.
   * @default - with the storage API, CDI's StorageProfile decides; with the pvc API, ReadWriteOnce
   */
  readonly accessModes?: AccessMode[];
  /**
   * Volume mode.
   * @default - CDI's StorageProfile decides (storage API); the cluster's default (pvc API)
   */
  readonly volumeMode?: VolumeMode;
  /**
   * Render `spec.pvc` instead of `spec.storage`. The `pvc` API passes the claim to Kubernetes as
   * written; the `storage` API lets CDI fill in access and volume modes and size overhead.
   * @default false
   * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md#storage
   */
  readonly usePvcApi?: boolean;
  /**
   * What the volume holds.
   * @default - CDI's default, DataVolumeContentType.KUBEVIRT
   */
  readonly contentType?: DataVolumeContentType;
  /**
   * Allocate the whole volume in advance.
   * @default - CDI's cluster-wide setting
   * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/preallocation.md
   */
  readonly preallocation?: boolean;
  /**
   * Labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations, e.g. `cdi.kubevirt.io/storage.bind.immediate.requested: "true"`.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A standalone CDI DataVolume (`cdi.kubevirt.io/v1beta1`), for storage that outlives or is shared by
 * machines. Attach it to a machine's disk with `DiskSource.dataVolume(dv)`.
 *
 * Sharing one volume between two running machines needs `AccessMode.READ_WRITE_MANY` (the pods run on
 * different nodes) and a storage class that supports it, usually with `VolumeMode.BLOCK`; without
 * ReadWriteMany the second machine's pod cannot start on another node.
 *
 * Validated as CDI v1.66's DataVolume webhook validates (see `cdi-source-rules.ts`).
 *
 * @example
 * const reference = new DataVolume(chart, 'reference-data', {
 *   source: DiskSource.http('https://images.example.com/datasets/reference.qcow2'),
 *   size: Size.gibibytes(50),
 *   accessModes: [AccessMode.READ_WRITE_MANY],
 *   volumeMode: VolumeMode.BLOCK,
 * });
 * new Machine(chart, 'analytics', {
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } })
 *     .addDisk('reference', { source: DiskSource.dataVolume(reference), readOnly: true }),
 * });
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md
 */
export class DataVolume extends Construct implements IDataVolume {
  /** `metadata.name` of the DataVolume and of its PVC. */
  public readonly name: string;
  /** Namespace, if any. */
  public readonly namespace?: string;
  /** What the volume holds, if set. */
  public readonly contentType?: DataVolumeContentType;
  /** The generated DataVolume object (the default child). */
  public readonly apiObject: ApiObject;
  /** False when the volume holds an archive rather than a disk image. */
  public readonly holdsDiskImage: boolean;

  constructor(scope: Construct, id: string, props: DataVolumeProps) {
    guardNew('cdk8s-kubevirt.DataVolume', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.contentType = props.contentType;
    this.holdsDiskImage = props.contentType !== DataVolumeContentType.ARCHIVE;
    cdiRules().checkObjectName(`DataVolume '${this.node.path}'`, props.name === undefined ? 'name (from the construct id)' : 'name', this.name);
    if (this.namespace !== undefined && !isDns1123Label(this.namespace)) {
      fail(this, { property: 'namespace', problem: 'must be a namespace name', value: this.namespace, allowed: DNS1123_LABEL_ALLOWED });
    }
    const source = props.source;
    if (source.kind !== DiskSourceKind.DATA_VOLUME) {
      fail(this, { property: 'source', problem: 'creates no storage', value: source.type, allowed: 'a DiskSource that CDI imports, clones or creates (not containerDisk, existingPvc or dataVolume)' });
    }
    if (source._needsNamespace() && this.namespace === undefined) {
      fail(this, { property: 'source', problem: 'needs a namespace: CDI requires one for clone and snapshot sources', value: source.type, allowed: 'give the source a namespace, or the DataVolume (or its chart) one', ruleId: 'cdi-clone-source' });
    }
    const api = props.usePvcApi ? 'pvc' : 'storage';
    if (props.size === undefined && (props.usePvcApi || !source._isClone)) {
      fail(this, { property: 'size', problem: `is required for a ${source.type} source with the ${api} API`, value: undefined, allowed: 'a Size of at least 1Mi; only clones, snapshots and DataSources with the storage API may leave it out', ruleId: 'cdi-storage-size' });
    }
    if (props.size !== undefined) {
      const q = quantity(props.size);
      if (q === undefined || props.size.toKibibytes() < 1024) {
        fail(this, { property: 'size', problem: 'must be a whole number of kibibytes, at least 1Mi', value: props.size.asString(), allowed: 'a Size of at least 1Mi', ruleId: 'cdi-storage-size' });
      }
    }
    if (props.storageClass !== undefined) cdiRules().checkObjectName(`DataVolume '${this.node.path}'`, 'storageClass', props.storageClass);
    const modes = props.accessModes;
    if (modes !== undefined) {
      if (modes.length === 0) {
        fail(this, { property: 'accessModes', problem: 'is empty', value: modes, allowed: 'leave it out, or list at least one access mode' });
      }
      if (props.usePvcApi && modes.length > 1) {
        fail(this, { property: 'accessModes', problem: 'lists more than one mode with the pvc API', value: modes, allowed: 'exactly one access mode with usePvcApi (CDI validateDataVolumeSpec)', ruleId: 'cdi-pvc-access-modes' });
      }
      if (new Set(modes).size !== modes.length) {
        fail(this, { property: 'accessModes', problem: 'lists a mode twice', value: modes, allowed: 'distinct access modes' });
      }
    }
    if (props.contentType === DataVolumeContentType.ARCHIVE && (source.type === 'blank' || source.type === 'registry')) {
      fail(this, { property: 'contentType', problem: `cannot be archive for a ${source.type} source`, value: props.contentType, allowed: 'DataVolumeContentType.KUBEVIRT or unset (CDI validateBlankSource/validateRegistrySource)', ruleId: 'cdi-content-type' });
    }

    const storage: kv.StorageSpec = {};
    const accessModes = modes ?? (props.usePvcApi ? [AccessMode.READ_WRITE_ONCE] : undefined);
    if (accessModes) storage.accessModes = [...accessModes];
    if (props.size !== undefined) storage.resources = { requests: { storage: quantity(props.size)! } }; // checked above
    if (props.storageClass !== undefined) storage.storageClassName = props.storageClass;
    if (props.volumeMode !== undefined) storage.volumeMode = props.volumeMode;
    const spec: kv.DataVolumeSpec = { ...source._dataVolumeSource(this.namespace), [api]: storage };
    if (props.contentType !== undefined) spec.contentType = props.contentType;
    if (props.preallocation !== undefined) spec.preallocation = props.preallocation;

    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.DATA_VOLUME,
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels), annotations: sortedMap(props.annotations) },
      spec,
    });
  }
}
