import { ApiObject, Chart, Cron, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { DiskSource } from './disk-source';
import { RegistrySourceOptions } from './disk-source-options';
import type * as kv from '../imports/kubevirt-json';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject, onFirstUse } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';
import type * as Schedule from '../private/schedule';
import { checkSize, quantity, sortedMap } from '../private/units';

// The cron parser: loaded at the first schedule, not when the library is required (see onFirstUse).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scheduleModule = onFirstUse((): typeof Schedule => require('../private/schedule'));

/** The label by which CDI lets a DataImportCron update a DataSource it did not create. */
const DATA_IMPORT_CRON_LABEL = 'cdi.kubevirt.io/dataImportCron';

/** What CDI does with older imports once a newer one is ready. */
export enum ImportGarbageCollection {
  /** Delete imports beyond `importsToKeep` (CDI's default). */
  OUTDATED = 'Outdated',
  /** Keep every import. */
  NEVER = 'Never',
}

/** What happens to the imported volumes and the DataSource when the DataImportCron is deleted. */
export enum ImportRetentionPolicy {
  /** Keep them (CDI's default). */
  RETAIN_ALL = 'RetainAll',
  /** Delete them with the DataImportCron. */
  NONE = 'None',
}

/** Options of a golden image imported from a registry and kept fresh by a DataImportCron. */
export interface RegistryImportOptions extends RegistrySourceOptions {
  /**
   * When CDI polls the registry for a new image digest, e.g. `Cron.schedule({ minute: '0', hour: '3' })`.
   * It must have the five standard fields.
   */
  readonly schedule: Cron;
  /** Size of each imported volume. */
  readonly size: Size;
  /**
   * Storage class of the imported volumes.
   * @default - the cluster's default storage class
   */
  readonly storageClass?: string;
  /**
   * What happens to older imports.
   * @default - CDI's default, ImportGarbageCollection.OUTDATED
   */
  readonly garbageCollect?: ImportGarbageCollection;
  /**
   * How many imports to keep when garbage-collecting (at least 1).
   * @default - CDI's default, 3
   */
  readonly importsToKeep?: number;
  /**
   * What happens to the imports when the DataImportCron is deleted.
   * @default - CDI's default, ImportRetentionPolicy.RETAIN_ALL
   */
  readonly retentionPolicy?: ImportRetentionPolicy;
}

/** Where a golden image's data is. */
export enum GoldenImageSourceKind {
  /** An existing PVC. */
  PVC = 'pvc',
  /** An existing CSI VolumeSnapshot. */
  VOLUME_SNAPSHOT = 'snapshot',
  /** Imported from a registry by a DataImportCron, and re-imported when the image changes. */
  REGISTRY_IMPORT = 'registryImport',
}

/**
 * Where a `GoldenImage` comes from: an existing PVC or VolumeSnapshot, or a registry image that
 * CDI imports on a schedule.
 */
export class GoldenImageSource {
  /**
   * An existing PVC holding the image.
   * @param name the PVC
   * @param namespace its namespace (default: the golden image's)
   */
  public static pvc(name: string, namespace?: string): GoldenImageSource {
    guardCall(undefined, 'cdk8s-kubevirt.GoldenImageSource', 'pvc', [name, namespace]);
    checkRef('pvc', name, namespace);
    return new GoldenImageSource(GoldenImageSourceKind.PVC, { name, namespace });
  }

  /**
   * An existing CSI VolumeSnapshot holding the image.
   * @param name the VolumeSnapshot
   * @param namespace its namespace (default: the golden image's)
   */
  public static volumeSnapshot(name: string, namespace?: string): GoldenImageSource {
    guardCall(undefined, 'cdk8s-kubevirt.GoldenImageSource', 'volumeSnapshot', [name, namespace]);
    checkRef('volumeSnapshot', name, namespace);
    return new GoldenImageSource(GoldenImageSourceKind.VOLUME_SNAPSHOT, { name, namespace });
  }

  /**
   * A container-disk image in a registry (e.g. `quay.io/containerdisks/fedora:41`; `docker://` is added
   * when missing), imported by a CDI DataImportCron and re-imported on `schedule` whenever the tag
   * points at a new digest.
   */
  public static registryImport(image: string, options: RegistryImportOptions): GoldenImageSource {
    guardCall(undefined, 'cdk8s-kubevirt.GoldenImageSource', 'registryImport', [image, options]);
    const who = 'GoldenImageSource.registryImport';
    const url = typeof image === 'string' && !image.startsWith('docker://') ? `docker://${image}` : image;
    if (typeof url !== 'string' || !/^docker:\/\/[^\s]+$/.test(url)) {
      fail(who, { property: 'image', problem: 'must be an image reference', value: image, allowed: 'e.g. quay.io/containerdisks/fedora:41' });
    }
    const schedule = scheduleModule().cronExpression(who, 'schedule', options.schedule);
    checkSize(who, 'size', options.size);
    if (options.storageClass !== undefined && !isDns1123Subdomain(options.storageClass)) {
      fail(who, { property: 'storageClass', problem: 'must be a storage class name', value: options.storageClass, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    for (const property of ['secretRef', 'certConfigMap'] as const) {
      if (options[property] !== undefined && !isDns1123Subdomain(options[property])) {
        fail(who, { property, problem: 'must be a Kubernetes object name', value: options[property], allowed: DNS1123_SUBDOMAIN_ALLOWED });
      }
    }
    if (options.importsToKeep !== undefined) {
      if (!(Number.isInteger(options.importsToKeep) && options.importsToKeep >= 1 && options.importsToKeep <= 2147483647)) {
        fail(who, { property: 'importsToKeep', problem: 'must be a whole number of at least 1', value: options.importsToKeep, allowed: 'e.g. 3' });
      }
      if (options.garbageCollect === ImportGarbageCollection.NEVER) {
        fail(who, { property: 'importsToKeep', problem: 'has no effect when garbageCollect is Never', value: options.importsToKeep, allowed: 'leave importsToKeep out, or use ImportGarbageCollection.OUTDATED' });
      }
    }
    return new GoldenImageSource(GoldenImageSourceKind.REGISTRY_IMPORT, undefined, { url, options, schedule });
  }

  private constructor(
    /** Where the data is. */
    public readonly kind: GoldenImageSourceKind,
    /** The PVC or snapshot a reference source names. */
    private readonly ref: { readonly name: string; readonly namespace?: string } | undefined,
    /** What a registry import needs. */
    private readonly registryImport?: { readonly url: string; readonly options: RegistryImportOptions; readonly schedule: string }) {}

  /**
   * The DataSource `spec.source` for PVC and snapshot sources.
   * @internal
   */
  public _dataSourceSource(namespace: string): kv.DataSourceSpec['source'] {
    return { [this.kind]: { name: this.ref!.name, namespace: this.ref!.namespace ?? namespace } };
  }

  /**
   * Whether the source names its own namespace.
   * @internal
   */
  public get _hasNamespace(): boolean {
    return this.ref?.namespace !== undefined;
  }

  /**
   * The DataImportCron spec for a registry import.
   * @internal
   */
  public _cronSpec(managedDataSource: string): kv.DataImportCronSpec {
    const { url, options: o, schedule } = this.registryImport!;
    const registry: NonNullable<kv.DataVolumeSource['registry']> = { url };
    if (o.pullMethod !== undefined) registry.pullMethod = o.pullMethod;
    if (o.secretRef !== undefined) registry.secretRef = o.secretRef;
    if (o.certConfigMap !== undefined) registry.certConfigMap = o.certConfigMap;
    const storage: kv.StorageSpec = { resources: { requests: { storage: quantity(o.size)! } } }; // checkSize in registryImport
    if (o.storageClass !== undefined) storage.storageClassName = o.storageClass;
    const spec: kv.DataImportCronSpec = {
      managedDataSource,
      schedule,
      template: { spec: { source: { registry }, storage } },
    };
    if (o.garbageCollect !== undefined) spec.garbageCollect = o.garbageCollect;
    if (o.importsToKeep !== undefined) spec.importsToKeep = o.importsToKeep;
    if (o.retentionPolicy !== undefined) spec.retentionPolicy = o.retentionPolicy;
    return spec;
  }
}

/** Properties of a `GoldenImage`. */
export interface GoldenImageProps {
  /** Where the image comes from. */
  readonly source: GoldenImageSource;
  /**
   * `metadata.name` of the DataSource (and of the DataImportCron, for registry imports).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Namespace, e.g. `kubevirt-os-images`.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Labels of the DataSource and DataImportCron (e.g. `instancetype.kubevirt.io/default-instancetype`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A golden image: a CDI `DataSource` (cdi.kubevirt.io/v1beta1) that machines clone their disks from,
 * and, for `GoldenImageSource.registryImport()`, a `DataImportCron` that keeps it fresh.
 *
 * For a registry import, the DataSource is emitted with an empty `spec.source` and the
 * `cdi.kubevirt.io/dataImportCron` label, so that CDI fills in the latest import. Argo CD and Flux
 * leave that field alone, as they do any field the manifest does not set.
 *
 * Use it in a DiskSet with `image.diskSource()`.
 *
 * @example
 * const fedora = new GoldenImage(chart, 'fedora', {
 *   source: GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', {
 *     schedule: Cron.schedule({ minute: '0', hour: '3' }),
 *     size: Size.gibibytes(10),
 *   }),
 * });
 * new Machine(chart, 'web', { disks: new DiskSet({ root: { source: fedora.diskSource(), size: Size.gibibytes(20) } }) });
 * @see https://github.com/kubevirt/containerized-data-importer/blob/main/doc/dataimportcron.md
 */
export class GoldenImage extends Construct {
  /** The label by which CDI lets a DataImportCron update a DataSource it did not create. */
  public static readonly DATA_IMPORT_CRON_LABEL = DATA_IMPORT_CRON_LABEL;

  /** `metadata.name` of the DataSource (and of the DataImportCron). */
  public readonly name: string;
  /** Namespace, if any. */
  public readonly namespace?: string;
  /** The generated DataSource object (the default child). */
  public readonly dataSource: ApiObject;
  /** The generated DataImportCron, for registry imports. */
  public readonly dataImportCron?: ApiObject;

  constructor(scope: Construct, id: string, props: GoldenImageProps) {
    guardNew('cdk8s-kubevirt.GoldenImage', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    if (!isDns1123Subdomain(this.name)) {
      fail(this, {
        property: props.name === undefined ? 'name (from the construct id)' : 'name',
        problem: 'must be a Kubernetes object name',
        value: this.name,
        allowed: `${DNS1123_SUBDOMAIN_ALLOWED}; set props.name when the construct id is not one`,
      });
    }
    if (this.namespace !== undefined && !isDns1123Label(this.namespace)) {
      fail(this, { property: 'namespace', problem: 'must be a namespace name', value: this.namespace, allowed: DNS1123_LABEL_ALLOWED });
    }
    const source = props.source;
    const isImport = source.kind === GoldenImageSourceKind.REGISTRY_IMPORT;
    if (!isImport && this.namespace === undefined && !source._hasNamespace) {
      fail(this, {
        property: 'source',
        problem: 'needs a namespace',
        value: source.kind,
        allowed: 'give the golden image a namespace (props or chart), or the source one: the DataSource schema requires it',
      });
    }
    const labels = isImport ? { ...props.labels, [DATA_IMPORT_CRON_LABEL]: this.name } : { ...props.labels };
    const metadata = { name: this.name, namespace: this.namespace, labels: sortedMap(labels) };
    this.dataSource = keptApiObject(this, 'Resource', {
      ...gvk.DATA_SOURCE,
      metadata,
      spec: { source: isImport ? {} : source._dataSourceSource(this.namespace!) },
    });
    if (isImport) {
      this.dataImportCron = keptApiObject(this, 'ImportCron', {
        ...gvk.DATA_IMPORT_CRON,
        metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels) },
        spec: source._cronSpec(this.name),
      });
    }
  }

  /**
   * A disk source that clones this image: `DiskSource.dataSource(name, namespace)`. When the golden
   * image has no namespace, its DataSource is created wherever the manifest is applied; only a machine
   * without a namespace (applied to the same place) can then use it, and a machine with one fails.
   */
  public diskSource(): DiskSource {
    return DiskSource._goldenImage(this.name, this.namespace);
  }
}

function checkRef(factory: string, name: string, namespace?: string): void {
  if (!isDns1123Subdomain(name)) {
    fail(`GoldenImageSource.${factory}`, { property: 'name', problem: 'must be a Kubernetes object name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    fail(`GoldenImageSource.${factory}`, { property: 'namespace', problem: 'must be a namespace name', value: namespace, allowed: DNS1123_LABEL_ALLOWED });
  }
}
