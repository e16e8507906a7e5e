import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { quantity, SIZE_ALLOWED } from '../private/units';

/** Options for sources that download over the network (HTTP, S3, registry). */
export interface RemoteSourceOptions {
  /**
   * Name of a Secret in the VM's namespace with credentials (`accessKeyId`/`secretKey`).
   * @default - no credentials
   */
  readonly secretRef?: string;
  /**
   * Name of a ConfigMap with the CA bundle that signs the server's certificate.
   * @default - the system trust store
   */
  readonly certConfigMap?: string;
}

/** How CDI pulls a registry image. */
export enum RegistryPullMethod {
  /** CDI's importer pod pulls the image (default). */
  POD = 'pod',
  /** The node's container runtime pulls the image (cached on the node). */
  NODE = 'node',
}

/** Options for a registry source. */
export interface RegistrySourceOptions extends RemoteSourceOptions {
  /**
   * How the image is pulled.
   * @default - CDI's default, RegistryPullMethod.POD
   */
  readonly pullMethod?: RegistryPullMethod;
}

/** How a disk's data is provided. */
export enum DiskSourceKind {
  /** A CDI DataVolume, rendered into the VM's `dataVolumeTemplates` (or a PVC). */
  DATA_VOLUME = 'dataVolume',
  /** An ephemeral containerDisk volume: no storage is created. */
  CONTAINER_DISK = 'containerDisk',
  /** An existing PersistentVolumeClaim, attached as is. */
  EXISTING_PVC = 'existingPvc',
  /**
   * A volume KubeVirt builds from another object or from nothing (configMap, secret, serviceAccount,
   * downwardAPI, emptyDisk, ephemeral): no storage is created.
   */
  VOLUME = 'volume',
}

/** Options of the sources that present a Kubernetes object to the guest as a disk. */
export interface ObjectVolumeOptions {
  /**
   * Filesystem label of the disk the guest sees, so it can be mounted by label.
   * @default - KubeVirt's default label (none)
   */
  readonly volumeLabel?: string;
  /**
   * Start the VM even when the object does not exist.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Where a disk's data comes from.
 *
 * Sources that create storage (`blank`, `http`, `registry`, `s3`, `pvcClone`, `volumeSnapshot`,
 * `dataSource`) become a CDI DataVolume named `{machine}-{disk}`. `containerDisk` and `existingPvc` create
 * nothing, and neither do the volumes KubeVirt builds from other objects (`configMap`, `secret`,
 * `serviceAccount`, `downwardApi`) or in the pod (`emptyDisk`, `ephemeral`).
 *
 * There is deliberately no `hostDisk`: it writes a disk image to a path on whichever node runs the VM
 * (behind the HostDisk feature gate), so the data stays behind when the VM moves, live migration is
 * refused, and the pod gets write access to the node's filesystem. Use the escape hatch if you must.
 *
 * @example
 * new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } })
 *   .addDisk('config', { source: DiskSource.configMap('app-config') })
 *   .addDisk('scratch', { source: DiskSource.emptyDisk(Size.gibibytes(10)) });
 */
export class DiskSource {
  /** An empty disk. */
  public static blank(): DiskSource {
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'blank', { source: { blank: {} } });
  }

  /** An image downloaded over HTTP(S) by CDI (qcow2, raw, iso, optionally compressed). */
  public static http(url: string, options: RemoteSourceOptions = {}): DiskSource {
    checkUrl('http', url, /^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'http', { source: { http: { url, ...remote('http', options) } } });
  }

  /**
   * A disk image from a container registry, e.g. `quay.io/containerdisks/fedora:41`.
   * `docker://` is added when missing.
   */
  public static registry(image: string, options: RegistrySourceOptions = {}): DiskSource {
    const url = image.startsWith('docker://') || image.startsWith('oci-archive://') ? image : `docker://${image}`;
    checkUrl('registry', url, /^(docker|oci-archive):\/\/[^\s]+$/, 'an image reference such as quay.io/containerdisks/fedora:41');
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'registry', {
      source: { registry: { url, ...remote('registry', options), ...(options.pullMethod ? { pullMethod: options.pullMethod } : {}) } },
    });
  }

  /** An image in an S3 bucket, e.g. `https://s3.example.com/bucket/disk.qcow2`. */
  public static s3(url: string, options: RemoteSourceOptions = {}): DiskSource {
    checkUrl('s3', url, /^(https?|s3):\/\/[^\s]+$/, 'an s3://, http:// or https:// URL');
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 's3', { source: { s3: { url, ...remote('s3', options) } } });
  }

  /**
   * A clone of an existing PVC.
   * @param name the PVC to clone
   * @param namespace its namespace (default: the VM's namespace; a machine without a namespace must give one)
   */
  public static pvcClone(name: string, namespace?: string): DiskSource {
    checkName('pvcClone', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'pvcClone', { source: { pvc: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A restore of a CSI VolumeSnapshot.
   * @param name the VolumeSnapshot
   * @param namespace its namespace (default: the VM's namespace)
   */
  public static volumeSnapshot(name: string, namespace?: string): DiskSource {
    checkName('volumeSnapshot', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'volumeSnapshot', { source: { snapshot: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A CDI DataSource (a golden image), through `sourceRef`.
   * @param name the DataSource, e.g. `fedora`
   * @param namespace its namespace, e.g. `kubevirt-os-images` (default: the VM's namespace)
   */
  public static dataSource(name: string, namespace?: string): DiskSource {
    checkName('dataSource', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'dataSource', { sourceRef: { kind: 'DataSource', name, ...(namespace ? { namespace } : {}) } });
  }

  /** An ephemeral containerDisk: the image is the disk, and writes are lost on restart. */
  public static containerDisk(image: string): DiskSource {
    if (typeof image !== 'string' || !/^[^\s]+$/.test(image) || image.includes('://')) {
      fail('DiskSource.containerDisk', { property: 'image', problem: 'must be a container image reference', value: image, allowed: 'e.g. quay.io/containerdisks/fedora:41 (no scheme)' });
    }
    return new DiskSource(DiskSourceKind.CONTAINER_DISK, 'containerDisk', { image });
  }

  /** An existing PVC, attached as is (it is not created or cloned). */
  public static existingPvc(claimName: string): DiskSource {
    checkName('existingPvc', claimName);
    return new DiskSource(DiskSourceKind.EXISTING_PVC, 'existingPvc', { claimName });
  }

  /**
   * A ConfigMap presented to the guest as a disk (an ISO image of its keys), e.g. for a guest to
   * mount application configuration.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#configmap
   */
  public static configMap(name: string, options: ObjectVolumeOptions = {}): DiskSource {
    checkName('configMap', name);
    return DiskSource.volume('configMap', { configMap: { name, ...objectOptions('configMap', options) } });
  }

  /**
   * A Secret presented to the guest as a disk (an ISO image of its keys).
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#secret
   */
  public static secret(secretName: string, options: ObjectVolumeOptions = {}): DiskSource {
    checkName('secret', secretName, undefined, 'secretName');
    return DiskSource.volume('secret', { secret: { secretName, ...objectOptions('secret', options) } });
  }

  /**
   * The token, CA and namespace of a ServiceAccount presented to the guest as a disk. At most one
   * per machine.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#serviceaccount
   */
  public static serviceAccount(serviceAccountName: string): DiskSource {
    checkName('serviceAccount', serviceAccountName, undefined, 'serviceAccountName');
    return DiskSource.volume('serviceAccount', { serviceAccount: { serviceAccountName } });
  }

  /**
   * Fields of the VM's pod (labels, annotations, …) presented to the guest as a disk.
   * @param fields the files, each a path and a field or resource reference
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#downwardapi
   */
  public static downwardApi(fields: k8s.DownwardApiVolumeFile[], options: ObjectVolumeOptions = {}): DiskSource {
    if (!Array.isArray(fields) || fields.length === 0) {
      fail('DiskSource.downwardApi', { property: 'fields', problem: 'must list at least one file', value: fields, allowed: "e.g. [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }]" });
    }
    if (options.optional !== undefined) {
      fail('DiskSource.downwardApi', { property: 'optional', problem: 'does not apply to a downwardAPI volume', value: options.optional, allowed: 'no optional' });
    }
    const label = objectOptions('downwardApi', options);
    return DiskSource.volume('downwardApi', { downwardAPI: { fields: fields.map(f => k8s.toJson_DownwardApiVolumeFile(f)), ...label } });
  }

  /**
   * A blank sparse disk of the given capacity in the pod's ephemeral storage: it lives as long as the
   * VM runs and is lost on restart (scratch space).
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#emptydisk
   */
  public static emptyDisk(capacity: Size): DiskSource {
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
    checkName('ephemeral', claimName, undefined, 'claimName');
    return DiskSource.volume('ephemeral', { ephemeral: { persistentVolumeClaim: { claimName } } });
  }

  private static volume(type: string, volume: any): DiskSource {
    return new DiskSource(DiskSourceKind.VOLUME, type, { volume });
  }

  private constructor(
    /** How the disk's data is provided. */
    public readonly kind: DiskSourceKind,
    /** Which factory made this source (`blank`, `http`, …). */
    public readonly type: string,
    private readonly spec: any) {}

  /**
   * The DataVolume `source`/`sourceRef` fields, for DATA_VOLUME sources. Clone and snapshot sources
   * without a namespace get the machine's, which CDI's schema requires.
   * @internal
   */
  public _dataVolumeSource(namespace?: string): any {
    const inner = this.spec.source?.pvc ?? this.spec.source?.snapshot;
    if (inner && inner.namespace === undefined && namespace !== undefined) {
      const key = this.spec.source.pvc ? 'pvc' : 'snapshot';
      return { source: { [key]: { ...inner, namespace } } };
    }
    return this.spec;
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
  public _volumeSource(): any {
    if (this.kind === DiskSourceKind.VOLUME) return this.spec.volume;
    return this.kind === DiskSourceKind.CONTAINER_DISK
      ? { containerDisk: { image: this.spec.image } }
      : { persistentVolumeClaim: { claimName: this.spec.claimName } };
  }
}

function objectOptions(factory: string, options: ObjectVolumeOptions): any {
  const out: any = {};
  if (options.optional !== undefined) out.optional = options.optional;
  if (options.volumeLabel !== undefined) {
    if (typeof options.volumeLabel !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(options.volumeLabel)) {
      fail(`DiskSource.${factory}`, { property: 'volumeLabel', problem: 'must be a filesystem label', value: options.volumeLabel, allowed: "letters, digits, '_' and '-', at most 32 characters (an ISO 9660 volume identifier)" });
    }
    out.volumeLabel = options.volumeLabel;
  }
  return out;
}

function remote(factory: string, options: RemoteSourceOptions): any {
  const out: any = {};
  if (options.secretRef !== undefined) {
    checkName(factory, options.secretRef, undefined, 'secretRef');
    out.secretRef = options.secretRef;
  }
  if (options.certConfigMap !== undefined) {
    checkName(factory, options.certConfigMap, undefined, 'certConfigMap');
    out.certConfigMap = options.certConfigMap;
  }
  return out;
}

function checkUrl(factory: string, url: string, pattern: RegExp, allowed: string): void {
  if (typeof url !== 'string' || !pattern.test(url)) {
    fail(`DiskSource.${factory}`, { property: 'url', problem: 'must be a valid URL', value: url, allowed });
  }
}

function checkName(factory: string, name: string, namespace?: string, property = 'name'): void {
  if (!isDns1123Subdomain(name)) {
    fail(`DiskSource.${factory}`, { property, problem: 'must be a Kubernetes object name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    fail(`DiskSource.${factory}`, { property: 'namespace', problem: 'must be a namespace name', value: namespace, allowed: 'a DNS-1123 label' });
  }
}
