import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';

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
}

/**
 * Where a disk's data comes from.
 *
 * Sources that create storage (`blank`, `http`, `registry`, `s3`, `pvcClone`, `volumeSnapshot`,
 * `dataSource`) become a CDI DataVolume named `{machine}-{disk}`. `containerDisk` and `existingPvc` create
 * nothing.
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
   * The VM volume source for CONTAINER_DISK and EXISTING_PVC sources.
   * @internal
   */
  public _volumeSource(): any {
    return this.kind === DiskSourceKind.CONTAINER_DISK
      ? { containerDisk: { image: this.spec.image } }
      : { persistentVolumeClaim: { claimName: this.spec.claimName } };
  }
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
