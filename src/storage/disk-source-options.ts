// The options and kinds of a DiskSource: what each CDI importer and each object volume takes.

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
   * `dataVolumeTemplates`, so a source with a checksum works only in a standalone `DataVolume`.
   * @default - not verified
   */
  readonly checksum?: string;
  /**
   * Skip TLS certificate verification of the server. Like `checksum`, KubeVirt v1.9's
   * `dataVolumeTemplates` schema lacks it, so it works only in a standalone `DataVolume`.
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
   * schema: a source with it works only in a standalone `DataVolume`.
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

/** A volume a machine's disk can attach as is; implemented by `DataVolume`. */
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
  /** A standalone `DataVolume` of the app, attached as is (`volumes[].dataVolume`). */
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
