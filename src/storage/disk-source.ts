import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { checkChecksum, checkImportUrl, checkObjectName, checkRegistryUrl, checkRequired } from './cdi-source-rules';
import { fail } from '../private/errors';
import { guardCall } from '../private/guard';
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

/**
 * Options of an HTTP(S) source.
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md#http-source
 */
export interface HttpSourceOptions extends RemoteSourceOptions {
  /**
   * Extra HTTP headers sent with every request, e.g. `User-Agent: cdi`. They reach the output as
   * written: put anything secret in `secretExtraHeaders`.
   * @default - none
   */
  readonly extraHeaders?: string[];
  /**
   * Names of Secrets, each holding one extra header that may be sensitive (e.g. an `Authorization`
   * header). Only the Secret names reach the output.
   * @default - none
   */
  readonly secretExtraHeaders?: string[];
  /**
   * Expected checksum of the file, `algorithm:hash` (md5, sha1, sha256 or sha512); CDI verifies the
   * download against it. KubeVirt v1.9's VirtualMachine schema does not know this field in
   * `dataVolumeTemplates`, so a source with a checksum works only in a standalone {@link DataVolume}.
   * @default - not verified
   */
  readonly checksum?: string;
  /**
   * Skip TLS certificate verification of the server. Like `checksum`, KubeVirt v1.9's
   * `dataVolumeTemplates` schema lacks it, so it works only in a standalone {@link DataVolume}.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
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

/** Options of a Google Cloud Storage source. */
export interface GcsSourceOptions {
  /**
   * Name of a Secret with the service-account key (`creds-key.json`).
   * @default - anonymous access
   */
  readonly secretRef?: string;
}

/**
 * Options of an oVirt/RHV ImageIO source.
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md#image-io-source
 */
export interface ImageioSourceOptions {
  /** Name of the Secret with the oVirt engine's `accessKeyId` (user) and `secretKey` (password). */
  readonly secretRef: string;
  /** ID of the oVirt disk to import. */
  readonly diskId: string;
  /**
   * ConfigMap with the engine's CA certificate. CDI requires it unless `insecureSkipVerify` is set.
   * @default - none (then insecureSkipVerify must be true)
   */
  readonly certConfigMap?: string;
  /**
   * Skip TLS verification of the engine.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
}

/**
 * Options of a VMware VDDK source (vCenter or ESXi).
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/datavolumes.md#vddk-source
 */
export interface VddkSourceOptions {
  /** Name of the Secret with the vCenter/ESXi `accessKeyId` (user) and `secretKey` (password). */
  readonly secretRef: string;
  /** UUID of the VMware VM the disk belongs to. */
  readonly uuid: string;
  /** Path of the disk on the datastore, e.g. `[iSCSI] vm/vm_1.vmdk`. */
  readonly backingFile: string;
  /** SHA-1 thumbprint of the vCenter/ESXi certificate, e.g. `20:6C:…`. */
  readonly thumbprint: string;
  /**
   * ConfigMap with the vCenter/ESXi CA certificate. Not in KubeVirt v1.9's `dataVolumeTemplates`
   * schema: a source with it works only in a standalone {@link DataVolume}.
   * @default - none
   */
  readonly certConfigMap?: string;
  /**
   * Image holding the VDDK library, overriding CDI's `v2v-vmware` ConfigMap.
   * @default - the cluster's configured VDDK image
   */
  readonly initImageUrl?: string;
  /**
   * ConfigMap with extra arguments for the VDDK library.
   * @default - none
   */
  readonly extraArgs?: string;
}

/** A volume a machine's disk can attach as is; implemented by {@link DataVolume}. */
export interface IDataVolume {
  /** `metadata.name` of the DataVolume. */
  readonly name: string;
  /** Its namespace, if any. */
  readonly namespace?: string;
  /** False when it holds an archive (contentType archive) rather than a disk image. */
  readonly holdsDiskImage: boolean;
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
  /** A standalone {@link DataVolume} of the app, attached as is (`volumes[].dataVolume`). */
  EXISTING_DATA_VOLUME = 'existingDataVolume',
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
 * Sources that create storage (`blank`, `http`, `registry`, `s3`, `gcs`, `imageio`, `vddk`, `upload`,
 * `pvcClone`, `volumeSnapshot`, `dataSource`) become a CDI DataVolume: in a machine, one named
 * `{machine}-{disk}` (or the disk's `claimName`); in a standalone {@link DataVolume}, that one.
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
    const who = 'DiskSource.http';
    checkImportUrl(who, url);
    const http: any = { url, ...remote(who, options) };
    if (options.extraHeaders !== undefined) {
      options.extraHeaders.forEach((h, i) => {
        if (typeof h !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[^\r\n]*$/.test(h)) {
          fail(who, { property: `extraHeaders[${i}]`, problem: 'must be an HTTP header line', value: h, allowed: "'Name: value' on one line" });
        }
      });
      if (options.extraHeaders.length > 0) http.extraHeaders = [...options.extraHeaders];
    }
    if (options.secretExtraHeaders !== undefined) {
      options.secretExtraHeaders.forEach((s, i) => checkObjectName(who, `secretExtraHeaders[${i}]`, s));
      if (options.secretExtraHeaders.length > 0) http.secretExtraHeaders = [...options.secretExtraHeaders];
    }
    if (options.checksum !== undefined) {
      checkChecksum(who, options.checksum);
      http.checksum = options.checksum;
    }
    if (options.insecureSkipVerify) http.insecureSkipVerify = true;
    const standaloneOnly = ['checksum', 'insecureSkipVerify'].filter(k => http[k] !== undefined);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'http', { source: { http } }, { standaloneOnly });
  }

  /**
   * A disk image from a container registry, e.g. `quay.io/containerdisks/fedora:41`.
   * `docker://` is added when no scheme is given; `oci-archive://` is kept.
   */
  public static registry(image: string, options: RegistrySourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'registry', [image, options]);
    const who = 'DiskSource.registry';
    const url = typeof image === 'string' && !image.includes('://') ? `docker://${image}` : image;
    checkRegistryUrl(who, 'url', url, 'an image reference such as quay.io/containerdisks/fedora:41');
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'registry', {
      source: { registry: { url, ...remote(who, options), ...(options.pullMethod ? { pullMethod: options.pullMethod } : {}) } },
    });
  }

  /**
   * An image in an S3 bucket, e.g. `https://s3.example.com/bucket/disk.qcow2`. CDI v1.66 admits only
   * http, https and gs URLs here (no `s3://`).
   */
  public static s3(url: string, options: RemoteSourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 's3', [url, options]);
    const who = 'DiskSource.s3';
    checkImportUrl(who, url);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 's3', { source: { s3: { url, ...remote(who, options) } } });
  }

  /**
   * An image in Google Cloud Storage, e.g. `gs://bucket/disk.qcow2` or
   * `https://storage.googleapis.com/bucket/disk.qcow2`.
   */
  public static gcs(url: string, options: GcsSourceOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'gcs', [url, options]);
    const who = 'DiskSource.gcs';
    checkImportUrl(who, url);
    const gcs: any = { url };
    if (options.secretRef !== undefined) {
      checkObjectName(who, 'secretRef', options.secretRef);
      gcs.secretRef = options.secretRef;
    }
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'gcs', { source: { gcs } });
  }

  /**
   * A disk imported from oVirt/RHV through ImageIO.
   * @param url the oVirt engine API, e.g. `https://engine.example.com/ovirt-engine/api`
   */
  public static imageio(url: string, options: ImageioSourceOptions): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'imageio', [url, options]);
    const who = 'DiskSource.imageio';
    checkImportUrl(who, url);
    checkRequired(who, 'secretRef', options.secretRef, 'the name of a Secret with the engine credentials', 'cdi-imageio-source');
    checkObjectName(who, 'secretRef', options.secretRef);
    checkRequired(who, 'diskId', options.diskId, 'the oVirt disk ID', 'cdi-imageio-source');
    if (options.certConfigMap === undefined && !options.insecureSkipVerify) {
      fail(who, { property: 'certConfigMap', problem: 'is required unless insecureSkipVerify is true', value: undefined, allowed: 'a ConfigMap name with the engine CA, or insecureSkipVerify: true', ruleId: 'cdi-imageio-source' });
    }
    const imageio: any = { url, diskId: options.diskId, secretRef: options.secretRef };
    if (options.certConfigMap !== undefined) {
      checkObjectName(who, 'certConfigMap', options.certConfigMap);
      imageio.certConfigMap = options.certConfigMap;
    }
    if (options.insecureSkipVerify) imageio.insecureSkipVerify = true;
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'imageio', { source: { imageio } });
  }

  /**
   * A disk imported from VMware vCenter or ESXi through VDDK.
   * @param url the vCenter/ESXi SDK endpoint, e.g. `https://vcenter.example.com/sdk`
   */
  public static vddk(url: string, options: VddkSourceOptions): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'vddk', [url, options]);
    const who = 'DiskSource.vddk';
    checkImportUrl(who, url);
    for (const p of ['secretRef', 'uuid', 'backingFile', 'thumbprint'] as const) {
      checkRequired(who, p, options[p], 'CDI requires secretRef, uuid, backingFile and thumbprint', 'cdi-vddk-source');
    }
    checkObjectName(who, 'secretRef', options.secretRef);
    const vddk: any = { url, uuid: options.uuid, backingFile: options.backingFile, thumbprint: options.thumbprint, secretRef: options.secretRef };
    for (const p of ['certConfigMap', 'extraArgs'] as const) {
      if (options[p] !== undefined) {
        checkObjectName(who, p, options[p]);
        vddk[p] = options[p];
      }
    }
    if (options.initImageUrl !== undefined) {
      if (!/^[^\s]+$/.test(options.initImageUrl)) {
        fail(who, { property: 'initImageUrl', problem: 'must be a container image reference', value: options.initImageUrl, allowed: 'an image reference without whitespace' });
      }
      vddk.initImageURL = options.initImageUrl;
    }
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'vddk', { source: { vddk } }, vddk.certConfigMap ? { standaloneOnly: ['certConfigMap'] } : {});
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
    checkName('pvcClone', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'pvcClone', { source: { pvc: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A restore of a CSI VolumeSnapshot.
   * @param name the VolumeSnapshot
   * @param namespace its namespace (default: the VM's namespace)
   */
  public static volumeSnapshot(name: string, namespace?: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'volumeSnapshot', [name, namespace]);
    checkName('volumeSnapshot', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'volumeSnapshot', { source: { snapshot: { name, ...(namespace ? { namespace } : {}) } } });
  }

  /**
   * A CDI DataSource (a golden image), through `sourceRef`.
   * @param name the DataSource, e.g. `fedora`
   * @param namespace its namespace, e.g. `kubevirt-os-images` (default: the VM's namespace)
   */
  public static dataSource(name: string, namespace?: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'dataSource', [name, namespace]);
    checkName('dataSource', name, namespace);
    return new DiskSource(DiskSourceKind.DATA_VOLUME, 'dataSource', { sourceRef: { kind: 'DataSource', name, ...(namespace ? { namespace } : {}) } });
  }

  /**
   * A DataSource made by a GoldenImage of this app. Without a namespace, the DataSource lands in
   * whatever namespace it is applied to, so only a machine without a namespace can rely on it.
   * @internal
   */
  public static _goldenImage(name: string, namespace: string | undefined): DiskSource {
    checkName('dataSource', name, namespace);
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
    checkName('existingPvc', claimName);
    return new DiskSource(DiskSourceKind.EXISTING_PVC, 'existingPvc', { claimName });
  }

  /**
   * A ConfigMap presented to the guest as a disk (an ISO image of its keys), e.g. for a guest to
   * mount application configuration.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#configmap
   */
  public static configMap(name: string, options: ObjectVolumeOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'configMap', [name, options]);
    checkName('configMap', name);
    return DiskSource.volume('configMap', { configMap: { name, ...objectOptions('configMap', options) } });
  }

  /**
   * A Secret presented to the guest as a disk (an ISO image of its keys).
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#secret
   */
  public static secret(secretName: string, options: ObjectVolumeOptions = {}): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'secret', [secretName, options]);
    checkName('secret', secretName, undefined, 'secretName');
    return DiskSource.volume('secret', { secret: { secretName, ...objectOptions('secret', options) } });
  }

  /**
   * The token, CA and namespace of a ServiceAccount presented to the guest as a disk. At most one
   * per machine.
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#serviceaccount
   */
  public static serviceAccount(serviceAccountName: string): DiskSource {
    guardCall(undefined, 'cdk8s-kubevirt.DiskSource', 'serviceAccount', [serviceAccountName]);
    checkName('serviceAccount', serviceAccountName, undefined, 'serviceAccountName');
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
    const label = objectOptions('downwardApi', options);
    return DiskSource.volume('downwardApi', { downwardAPI: { fields: fields.map(f => k8s.toJson_DownwardApiVolumeFile(f)), ...label } });
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
    checkName('ephemeral', claimName, undefined, 'claimName');
    return DiskSource.volume('ephemeral', { ephemeral: { persistentVolumeClaim: { claimName } } });
  }

  /**
   * A standalone {@link DataVolume} of this app, attached as is (`volumes[].dataVolume.name`). Several
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

  private static volume(type: string, volume: any): DiskSource {
    return new DiskSource(DiskSourceKind.VOLUME, type, { volume });
  }

  private constructor(
    /** How the disk's data is provided. */
    public readonly kind: DiskSourceKind,
    /** Which factory made this source (`blank`, `http`, …). */
    public readonly type: string,
    private readonly spec: any,
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
    if (this.kind === DiskSourceKind.EXISTING_DATA_VOLUME) return { dataVolume: { name: this.spec.name } };
    return this.kind === DiskSourceKind.CONTAINER_DISK
      ? { containerDisk: { image: this.spec.image } }
      : { persistentVolumeClaim: { claimName: this.spec.claimName } };
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

function remote(who: string, options: RemoteSourceOptions): any {
  const out: any = {};
  if (options.secretRef !== undefined) {
    checkObjectName(who, 'secretRef', options.secretRef);
    out.secretRef = options.secretRef;
  }
  if (options.certConfigMap !== undefined) {
    checkObjectName(who, 'certConfigMap', options.certConfigMap);
    out.certConfigMap = options.certConfigMap;
  }
  return out;
}

function checkName(factory: string, name: string, namespace?: string, property = 'name'): void {
  if (!isDns1123Subdomain(name)) {
    fail(`DiskSource.${factory}`, { property, problem: 'must be a Kubernetes object name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    fail(`DiskSource.${factory}`, { property: 'namespace', problem: 'must be a namespace name', value: namespace, allowed: 'a DNS-1123 label' });
  }
}
