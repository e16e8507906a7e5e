import { Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import type * as CdiSourceSpec from './cdi-source-spec';
import {
  DiskSourceKind, GcsSourceOptions, HttpSourceOptions, IDataVolume, ImageioSourceOptions, ObjectVolumeOptions, RegistrySourceOptions,
  RemoteSourceOptions, VddkSourceOptions,
} from './disk-source-options';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { k8s as loadK8s, onFirstUse } from '../private/lazy';
import { guardCall } from '../private/lazy-guard';
import { quantity, SIZE_ALLOWED } from '../private/units';

// The CDI source checks and specs: loaded at the first source made, not when the library is required (see onFirstUse).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdi = onFirstUse((): typeof CdiSourceSpec => require('./cdi-source-spec'));

/** A VM volume without its name: what a disk's source contributes to `volumes[]`. @internal */
export type VolumeSource = Omit<kv.Volume, 'name'>;

/** The `source`/`sourceRef` fields of a DataVolume spec. @internal */
export type DataVolumeSourceFields = Pick<kv.DataVolumeSpec, 'source' | 'sourceRef'>;

type DownwardApiFile = kv.Item<kv.At<kv.Volume, 'downwardAPI'>['fields']>;

/** A clone or snapshot source may leave its namespace to the machine (see `_dataVolumeSource`). */
type Namespaced = { name: string; namespace?: string };
type PendingSource = Omit<kv.DataVolumeSource, 'pvc' | 'snapshot'> & { pvc?: Namespaced; snapshot?: Namespaced };

/** What a DiskSource holds: the fields of its kind. */
interface SourceSpec {
  /** DATA_VOLUME: the CDI source, or a DataSource reference. */
  readonly source?: PendingSource;
  readonly sourceRef?: kv.DataVolumeSourceRef;
  /** VOLUME: the VM volume. */
  readonly volume?: VolumeSource;
  /** CONTAINER_DISK: the image. */
  readonly image?: string;
  /** EXISTING_PVC: the claim. */
  readonly claimName?: string;
  /** EXISTING_DATA_VOLUME: the DataVolume. */
  readonly name?: string;
  readonly namespace?: string;
}

/**
 * Where a disk's data comes from.
 *
 * Sources that create storage (`blank`, `http`, `registry`, `s3`, `gcs`, `imageio`, `vddk`, `upload`,
 * `pvcClone`, `volumeSnapshot`, `dataSource`) become a CDI DataVolume: in a machine, one named
 * `{machine}-{disk}` (or the disk's `claimName`); in a standalone `DataVolume`, that one.
 * `containerDisk`, `existingPvc` and `dataVolume` create nothing, and neither do the volumes KubeVirt
 * builds from other objects (`configMap`, `secret`, `serviceAccount`, `downwardApi`) or in the pod
 * (`emptyDisk`, `ephemeral`).
 *
 * There is deliberately no `hostDisk`: it writes a disk image to a path on whichever node runs the VM
 * (behind the HostDisk feature gate), so the data stays behind when the VM moves, live migration is
 * refused, and the pod gets write access to the node's filesystem. Use the escape hatch if you must.
 *
 * Each factory checks what CDI v1.66's validating webhook checks (see `cdi-source-rules.ts`).
 *
 * @example
 * new Machine(chart, 'ubuntu', {
 *   disks: new DiskSet({
 *     root: { source: DiskSource.http('https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img'), size: Size.gibibytes(20) },
 *   })
 *     .addDisk('scratch', { source: DiskSource.emptyDisk(Size.gibibytes(10)) })
 *     .addDisk('config', { source: DiskSource.configMap('ubuntu-config', { volumeLabel: 'config' }) }),
 * });
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md
 */
export class DiskSource {
  /** An empty disk. */
  public static blank(): DiskSource {
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'blank', { source: { blank: {} } });
  }

  /**
   * An image downloaded over HTTP(S) by CDI (qcow2, raw, iso, optionally compressed).
   * @param url an `http://` or `https://` URL (CDI also admits `gs://`)
   */
  public static http(url: string, options: HttpSourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'http', [url, options]);
    const { source, standaloneOnly } = cdi().httpSource(url, options);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'http', { source }, { standaloneOnly });
  }


  /**
   * A disk image from a container registry, e.g. `quay.io/containerdisks/fedora:41`.
   * `docker://` is added when no scheme is given; `oci-archive://` is kept.
   */
  public static registry(image: string, options: RegistrySourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'registry', [image, options]);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'registry', { source: cdi().registrySource(image, options) });
  }


  /**
   * An image in an S3 bucket, e.g. `https://s3.example.com/bucket/disk.qcow2`. CDI v1.66 admits only
   * http, https and gs URLs here (no `s3://`).
   */
  public static s3(url: string, options: RemoteSourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 's3', [url, options]);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 's3', { source: cdi().s3Source(url, options) });
  }


  /**
   * An image in Google Cloud Storage, e.g. `gs://bucket/disk.qcow2` or
   * `https://storage.googleapis.com/bucket/disk.qcow2`.
   */
  public static gcs(url: string, options: GcsSourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'gcs', [url, options]);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'gcs', { source: cdi().gcsSource(url, options) });
  }


  /**
   * A disk imported from oVirt/RHV through ImageIO.
   * @param url the oVirt engine API, e.g. `https://engine.example.com/ovirt-engine/api`
   */
  public static imageio(url: string, options: ImageioSourceOptions): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'imageio', [url, options]);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'imageio', { source: cdi().imageioSource(url, options) });
  }


  /**
   * A disk imported from VMware vCenter or ESXi through VDDK.
   * @param url the vCenter/ESXi SDK endpoint, e.g. `https://vcenter.example.com/sdk`
   */
  public static vddk(url: string, options: VddkSourceOptions): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'vddk', [url, options]);
    const source = cdi().vddkSource(url, options);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'vddk', { source }, source.vddk?.certConfigMap ? { standaloneOnly: ['certConfigMap'] } : {});
  }


  /**
   * An empty volume that waits for an upload (`virtctl image-upload dv <name> --no-create`).
   * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/upload.md
   */
  public static upload(): DiskSource {
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'upload', { source: { upload: {} } });
  }

  /**
   * A clone of an existing PVC.
   * @param name the PVC to clone
   * @param namespace its namespace (default: the VM's namespace; a machine without a namespace must give one)
   */
  public static pvcClone(name: string, namespace?: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'pvcClone', [name, namespace]);
    cdi().checkName('pvcClone', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'pvcClone', { source: { pvc: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A restore of a CSI VolumeSnapshot.
   * @param name the VolumeSnapshot
   * @param namespace its namespace (default: the VM's namespace)
   */
  public static volumeSnapshot(name: string, namespace?: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'volumeSnapshot', [name, namespace]);
    cdi().checkName('volumeSnapshot', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'volumeSnapshot', { source: { snapshot: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A CDI DataSource (a golden image), through `sourceRef`.
   * @param name the DataSource, e.g. `fedora`
   * @param namespace its namespace, e.g. `kubevirt-os-images` (default: the VM's namespace)
   */
  public static dataSource(name: string, namespace?: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'dataSource', [name, namespace]);
    cdi().checkName('dataSource', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'dataSource', { sourceRef: { kind: 'DataSource', name, ...(namespace ? { namespace } : {}) } });
  }

  /**
   * A DataSource made by a GoldenImage of this app. Without a namespace, the DataSource lands in
   * whatever namespace it is applied to, so only a machine without a namespace can rely on it.
   * @internal
   */
  public static _goldenImage(name: string, namespace: string | undefined): DiskSource {
    cdi().checkName('dataSource', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'dataSource', { sourceRef: { kind: 'DataSource', name, ...(namespace ? { namespace } : {}) } },
      namespace === undefined ? { unnamespacedImage: name } : {});
  }

  /** An ephemeral containerDisk: the image is the disk, and writes are lost on restart. */
  public static containerDisk(image: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'containerDisk', [image]);
    if (typeof image !== 'string' || !/^[^\s]+$/.test(image) || image.includes('://')) {
      fail('DiskSource.containerDisk', { property: 'image', problem: 'must be a container image reference', value: image, allowed: 'e.g. quay.io/containerdisks/fedora:41 (no scheme)' });
    }
    return new DiskSource(DiskSourceKind.CONTAINER_DISK, 'containerDisk', { image });
  }

  /** An existing PVC, attached as is (it is not created or cloned). */
  public static existingPvc(claimName: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'existingPvc', [claimName]);
    cdi().checkName('existingPvc', claimName);
    return new DiskSource(DiskSourceKind.EXISTING_PVC, 'existingPvc', { claimName });
  }

  /**
   * A ConfigMap presented to the guest as a disk (an ISO image of its keys), e.g. for a guest to
   * mount application configuration.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#configmap
   */
  public static configMap(name: string, options: ObjectVolumeOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'configMap', [name, options]);
    cdi().checkName('configMap', name);
    return DiskSource.volume('configMap', { configMap: { name, ...cdi().objectOptions('configMap', options) } });
  }

  /**
   * A Secret presented to the guest as a disk (an ISO image of its keys).
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#secret
   */
  public static secret(secretName: string, options: ObjectVolumeOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'secret', [secretName, options]);
    cdi().checkName('secret', secretName, undefined, 'secretName');
    return DiskSource.volume('secret', { secret: { secretName, ...cdi().objectOptions('secret', options) } });
  }

  /**
   * The token, CA and namespace of a ServiceAccount presented to the guest as a disk. At most one
   * per machine.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#serviceaccount
   */
  public static serviceAccount(serviceAccountName: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'serviceAccount', [serviceAccountName]);
    cdi().checkName('serviceAccount', serviceAccountName, undefined, 'serviceAccountName');
    return DiskSource.volume('serviceAccount', { serviceAccount: { serviceAccountName } });
  }

  /**
   * Fields of the VM's pod (labels, annotations, …) presented to the guest as a disk.
   * @param fields the files, each a path and a field or resource reference
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#downwardapi
   */
  public static downwardApi(fields: k8s.DownwardApiVolumeFile[], options: ObjectVolumeOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'downwardApi', [fields, options]);
    if (!Array.isArray(fields) || fields.length === 0) {
      fail('DiskSource.downwardApi', { property: 'fields', problem: 'must list at least one file', value: fields, allowed: "e.g. [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }]" });
    }
    if (options.optional !== undefined) {
      fail('DiskSource.downwardApi', { property: 'optional', problem: 'does not apply to a downwardAPI volume', value: options.optional, allowed: 'no optional' });
    }
    const label = cdi().objectOptions('downwardApi', options);
    return DiskSource.volume('downwardApi', { downwardAPI: { fields: fields.map(f => loadK8s().toJson_DownwardApiVolumeFile(f) as DownwardApiFile), ...label } });
  }

  /**
   * A blank sparse disk of the given capacity in the pod's ephemeral storage: it lives as long as the
   * VM runs and is lost on restart (scratch space).
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#emptydisk
   */
  public static emptyDisk(capacity: Size): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'emptyDisk', [capacity]);
    const q = capacity === undefined ? undefined : quantity(capacity);
    if (q === undefined) {
      fail('DiskSource.emptyDisk', { property: 'capacity', problem: 'must be a positive whole number of kibibytes', value: capacity?.asString(), allowed: SIZE_ALLOWED });
    }
    return DiskSource.volume('emptyDisk', { emptyDisk: { capacity: q } });
  }

  /**
   * An existing PVC used read-only as the base of a copy-on-write overlay in the pod: the guest can
   * write, and its writes are lost on restart. Many VMs can share one base.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#ephemeral
   */
  public static ephemeral(claimName: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'ephemeral', [claimName]);
    cdi().checkName('ephemeral', claimName, undefined, 'claimName');
    return DiskSource.volume('ephemeral', { ephemeral: { persistentVolumeClaim: { claimName } } });
  }

  /**
   * A standalone `DataVolume` of this app, attached as is (`volumes[].dataVolume.name`). Several
   * machines may attach the same one; see `DataVolume` for the access mode that needs. The machine must
   * be in the DataVolume's namespace.
   */
  public static dataVolume(dataVolume: IDataVolume): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'dataVolume', [dataVolume]);
    if (!dataVolume.holdsDiskImage) {
      fail('DiskSource.dataVolume', { property: 'dataVolume', problem: 'holds an archive, not a disk image', value: dataVolume.name, allowed: 'a DataVolume with contentType kubevirt' });
    }
    return new DiskSource(DiskSourceKind.EXISTING_DATA_VOLUME, 'dataVolume', { name: dataVolume.name, namespace: dataVolume.namespace });
  }

  private static volume(type: string, volume: VolumeSource): DiskSource {
    return new DiskSource(DiskSourceKind.VOLUME, type, { volume });
  }

  private constructor(
    /** How the disk's data is provided. */
    public readonly kind: DiskSourceKind,
    /** Which factory made this source (`blank`, `http`, …). */
    public readonly type: string,
    private readonly spec: SourceSpec,
    private readonly extra: { unnamespacedImage?: string; standaloneOnly?: string[] } = {}) {}

  /**
   * Fields set on this source that KubeVirt v1.9's VirtualMachine schema does not know in
   * `dataVolumeTemplates` (it lags CDI v1.66): such a source works only in a standalone DataVolume.
   * @internal
   */
  public get _standaloneOnly(): string[] {
    return this.extra.standaloneOnly ?? [];
  }

  /**
   * The DataVolume `source`/`sourceRef` fields, for DATA_VOLUME sources. Clone and snapshot sources
   * without a namespace get the machine's, which CDI's schema requires.
   * @internal
   */
  public _dataVolumeSource(namespace?: string): DataVolumeSourceFields {
    const { source, sourceRef } = this.spec;
    const inner = source?.pvc ?? source?.snapshot;
    if (inner && inner.namespace === undefined && namespace !== undefined) {
      return { source: source!.pvc ? { pvc: { ...source!.pvc, namespace } } : { snapshot: { ...source!.snapshot!, namespace } } };
    }
    // A clone or snapshot source still without a namespace is never emitted: its machine fails first
    // (MachineDefinition.checkSourceNamespaces), and so does a standalone DataVolume.
    const out: DataVolumeSourceFields = {};
    if (source) out.source = source as kv.DataVolumeSource;
    if (sourceRef) out.sourceRef = sourceRef;
    return out;
  }

  /**
   * True for a clone or snapshot source without a namespace: CDI's schema requires one, so it comes
   * from the machine, which must then have one.
   * @internal
   */
  public _needsNamespace(): boolean {
    const inner = this.spec.source?.pvc ?? this.spec.source?.snapshot;
    return inner !== undefined && inner.namespace === undefined;
  }

  /**
   * The VM volume source for CONTAINER_DISK, EXISTING_PVC and VOLUME sources.
   * @internal
   */
  public _volumeSource(): VolumeSource {
    if (this.kind === DiskSourceKind.VOLUME) return this.spec.volume!;
    if (this.kind === DiskSourceKind.EXISTING_DATA_VOLUME) return { dataVolume: { name: this.spec.name! } };
    return this.kind === DiskSourceKind.CONTAINER_DISK
      ? { containerDisk: { image: this.spec.image! } }
      : { persistentVolumeClaim: { claimName: this.spec.claimName! } };
  }

  /**
   * The namespace of an attached standalone DataVolume.
   * @internal
   */
  public get _attachedNamespace(): string | undefined {
    return this.kind === DiskSourceKind.EXISTING_DATA_VOLUME ? this.spec.namespace : undefined;
  }

  /**
   * What must live in the machine's namespace, if anything: a standalone DataVolume, or a GoldenImage
   * DataSource that has no namespace of its own.
   * @internal
   */
  public get _sameNamespaceAs(): string | undefined {
    if (this.kind === DiskSourceKind.EXISTING_DATA_VOLUME) return `DataVolume '${this.spec.name}'`;
    return this.extra.unnamespacedImage !== undefined ? `GoldenImage '${this.extra.unnamespacedImage}'` : undefined;
  }

  /**
   * True for sources CDI can size from the source (clones, snapshots, DataSources) with the storage API.
   * @internal
   */
  public get _isClone(): boolean {
    return this.spec.sourceRef !== undefined || this.spec.source?.pvc !== undefined || this.spec.source?.snapshot !== undefined;
  }
}

