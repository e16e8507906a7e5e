import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import { CloudInit } from '../cloud-init/cloud-init';
import { NetworkData } from '../cloud-init/network-data';
import { Machine } from '../machine/machine';
import { DomainFeatures, Firmware, HypervPreset, MachineTemplate } from '../machine/machine-template';
import { InterfaceModel, Network } from '../network/network';
import { formatProblem, KubevirtError, Problem } from '../private/errors';
import { guardCall } from '../private/guard';
import { isMacAddress } from '../private/k8s-validation';
import { DNS1123_LABEL_ALLOWED, isDns1123Label, isDns1123Subdomain, isNetworkAttachmentName } from '../private/names';
import { parseQuantityExact } from '../private/quantity';
import { AccessMode, DiskEmission, DiskOptions, DiskSet, VolumeMode } from '../storage/disk-set';

/**
 * The two dialects of the Viti `vitistack.io/v1alpha1` `Machine` resource.
 *
 * The Viti operator is described by two documents that disagree on field names and on instance sizes.
 * A manifest's dialect is decided by the fields its `spec` uses, and the dialect decides which size table
 * applies (see {@link Viti.template}).
 */
export enum VitiDialect {
  /**
   * The operator's API reference: `spec.template`, `spec.resources.cpu.{cores,threads,sockets}`,
   * `spec.resources.memory.size`, `spec.disks[]`, `spec.networks[]`, `spec.bootOrder`,
   * `spec.cloudInit` and `spec.domain`. Sizes come from `MachineTemplate.SMALL`, `MEDIUM` and `LARGE`
   * (small 1 core, 2Gi, 20Gi root disk; medium 2 cores, 4Gi, 40Gi; large 4 cores, 8Gi, 80Gi).
   */
  REFERENCE = 'reference',
  /**
   * The operator's overview: `spec.instanceType`, `spec.name`, `spec.cpu.{cores,sockets,threadsPerCore}`,
   * `spec.memory` in bytes and `spec.disks[]`. Sizes come from the overview's own table: small 1 core,
   * 1 socket, 1 thread, 1Gi; medium 2 cores, 2 sockets, 1 thread, 2Gi; large 4 cores, 2 sockets,
   * 2 threads, 4Gi. The overview gives no root disk size, so the root disks are those of the reference
   * table (20Gi, 40Gi, 80Gi).
   */
  OVERVIEW = 'overview',
}

/** Options of {@link Viti.toMachine}. */
export interface VitiOptions {
  /**
   * Namespace of the generated objects, overriding the manifest's `metadata.namespace`.
   * @default - the manifest's `metadata.namespace`, else the chart's namespace
   */
  readonly namespace?: string;
  /**
   * How the disks' storage is emitted. Plain PVCs are what the Viti operator creates and need no CDI;
   * `DiskEmission.DATA_VOLUME_TEMPLATES` gives CDI DataVolumes in the VM instead.
   * @default DiskEmission.PERSISTENT_VOLUME_CLAIMS
   */
  readonly diskEmission?: DiskEmission;
  /**
   * Allow passwords in `spec.cloudInit.userData` (see `CloudInitOptions.allowPasswords`).
   * @default false
   */
  readonly allowPasswords?: boolean;
  /**
   * Allow private keys in `spec.cloudInit.userData` (see `CloudInitOptions.allowSecrets`).
   * @default false
   */
  readonly allowSecrets?: boolean;
}

const API_VERSION = 'vitistack.io/v1alpha1';
const KIND = 'Machine';
const MACHINE_LABEL = 'vitistack.io/machine';
const CLUSTER_NAME_LABEL = 'cluster.vitistack.io/cluster-name';
const SIZE_NAMES = ['small', 'medium', 'large'];

/** Metadata fields the API server fills in; a manifest exported from a cluster carries them. Ignored. */
const SERVER_METADATA = ['creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generation',
  'managedFields', 'ownerReferences', 'resourceVersion', 'selfLink', 'uid'];
/** Annotations that describe the source object, not the machine. Dropped. */
const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

const REFERENCE_FIELDS = ['template', 'resources', 'disks', 'networks', 'bootOrder', 'cloudInit', 'domain'];
const OVERVIEW_FIELDS = ['instanceType', 'name', 'cpu', 'memory', 'disks'];
const DISK_FIELDS = ['name', 'size', 'storageClass', 'accessMode', 'volumeMode'];
const BOOT_DEVICES = ['disk', 'network', 'cdrom'];
/** What the two Viti documents call the machine types, and the QEMU machine types KubeVirt takes. */
const MACHINE_TYPES: Record<string, string> = { 'pc-q35': 'q35', 'pc-i440fx': 'pc' };
const QUANTITY_ALLOWED = 'a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"';
const IFACE_NAME = /^[A-Za-z0-9_-]+$/;
const MACHINE_TYPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const REFERENCE_TEMPLATES: Record<string, MachineTemplate> = {
  small: MachineTemplate.SMALL,
  medium: MachineTemplate.MEDIUM,
  large: MachineTemplate.LARGE,
};
const OVERVIEW_TEMPLATES: Record<string, MachineTemplate> = {
  small: MachineTemplate.custom({ name: 'small', cpu: { cores: 1, sockets: 1, threads: 1 }, memory: Size.gibibytes(1), rootDiskSize: Size.gibibytes(20) }),
  medium: MachineTemplate.custom({ name: 'medium', cpu: { cores: 2, sockets: 2, threads: 1 }, memory: Size.gibibytes(2), rootDiskSize: Size.gibibytes(40) }),
  large: MachineTemplate.custom({ name: 'large', cpu: { cores: 4, sockets: 2, threads: 2 }, memory: Size.gibibytes(4), rootDiskSize: Size.gibibytes(80) }),
};

type Props = NonNullable<ConstructorParameters<typeof Machine>[2]>;

/** The result of reading one manifest. */
interface Conversion {
  readonly props: Props;
  readonly unmapped: string[];
}

/**
 * Converts Viti operator `Machine` manifests (`vitistack.io/v1alpha1`) into this library's constructs,
 * so that they synthesize to KubeVirt YAML with no operator in the cluster.
 *
 * Both dialects are read (see {@link VitiDialect}). The mapping follows the operator's reference:
 *
 * - the template (or instance type) gives CPU, memory and the root disk; `resources.cpu` /
 *   `cpu` and `resources.memory.size` / `memory` override them field by field;
 * - `disks[]`: a disk named `root` overrides the template's root disk field by field (the operator's
 *   `mergeDiskConfigs`); every other disk is a blank data disk. Each disk becomes a
 *   PersistentVolumeClaim `{machine}-{disk}` (the operator creates PVCs), with its size, StorageClass
 *   (`default` means the cluster's default and is omitted), access mode (`ReadWriteOnce` when unset;
 *   a `ReadOnlyMany` disk is attached read-only) and volume mode;
 * - `networks[]`: a multus network per entry, named `name`, attached to the NetworkAttachmentDefinition
 *   called like the Viti NetworkConfiguration (`networkName`), with bridge binding, its model and MAC;
 *   with no networks, the pod network with masquerade, emitted explicitly (vanilla KubeVirt's own
 *   default binding is bridge: kubevirt v1.9.0 pkg/virt-config/virt-config.go DefaultNetworkInterface);
 * - `bootOrder`: the n-th entry gets boot order n: `disk` on the root disk, `network` on the first
 *   interface; `cdrom` is skipped (a Viti Machine declares no CD-ROM) and reported by
 *   {@link Viti.unmappedFields};
 * - `cloudInit`: a `cloudinitdisk` NoCloud volume with `userData` and `networkData` inline (over 2048
 *   bytes they go to a Secret `{machine}-cloud-init`); `secretRef` becomes `secretRef` when there is no
 *   `userData` (its key must be `userdata` or `userData`, the keys KubeVirt reads), and is ignored when
 *   `userData` is set, as in the operator's example;
 * - `domain`: machine type (`pc-q35` → `q35`, `pc-i440fx` → `pc`, others as given), features (`acpi`,
 *   `apic`, `hyperv` → the Windows Hyper-V set), firmware (`efi` → EFI with `secureBoot`, which turns
 *   SMM on; `efi: false` → BIOS);
 * - labels and annotations are kept, and `vitistack.io/machine: <metadata.name>` is added, as the
 *   operator labels its VMs (so the cluster-name label stays when present);
 * - `status`, and metadata the API server fills in (`uid`, `resourceVersion`, `finalizers`,
 *   `ownerReferences`, …), are ignored.
 *
 * Every other field is an error naming its JSON path. All problems of a manifest are reported together,
 * one per line, in the library's error format, before any construct is created.
 */
export class Viti {
  /** The apiVersion of a Viti Machine. */
  public static readonly API_VERSION = API_VERSION;
  /** The kind of a Viti Machine. */
  public static readonly KIND = KIND;
  /** The label the operator puts on its VMs, with the Machine's name. */
  public static readonly MACHINE_LABEL = MACHINE_LABEL;
  /** The label naming the Viti cluster a Machine belongs to. */
  public static readonly CLUSTER_NAME_LABEL = CLUSTER_NAME_LABEL;

  /**
   * Creates the {@link Machine} that a Viti `Machine` manifest describes.
   *
   * @param scope the parent construct, usually a Chart
   * @param id the construct id of the Machine
   * @param manifest one parsed Viti Machine (plain JSON, e.g. from `YAML.parse`)
   * @param options namespace override, disk emission and cloud-init opt-ins
   * @returns the Machine; its VirtualMachine is named after `metadata.name` (overview dialect:
   *   `spec.name` when set)
   */
  public static toMachine(scope: Construct, id: string, manifest: any, options: VitiOptions = {}): Machine {
    guardCall(undefined, 'cdk8s-kubevirt.viti.Viti', 'toMachine', [scope, id, manifest, options]);
    const { props } = convert(manifest, options);
    return new Machine(scope, id, props);
  }

  /**
   * Which dialect a Viti Machine manifest is written in, decided by the fields of its `spec`.
   * A spec that uses fields of neither dialect (only `disks`, or nothing) is read as the reference
   * dialect. Fails when the spec mixes fields of both.
   *
   * @param manifest one parsed Viti Machine
   */
  public static dialectOf(manifest: any): VitiDialect {
    guardCall(undefined, 'cdk8s-kubevirt.viti.Viti', 'dialectOf', [manifest]);
    const errors: string[] = [];
    const dialect = detectDialect(isMapping(manifest) && isMapping(manifest.spec) ? manifest.spec : {}, (p) => errors.push(formatProblem(p)));
    if (errors.length > 0) throw new KubevirtError(`${describe(manifest)}: ${errors[0]}`);
    return dialect;
  }

  /**
   * The size table entry `name` (`small`, `medium` or `large`) of a dialect. Fails like the operator's
   * `TemplateNotFound` for any other name.
   *
   * @param dialect the dialect whose table applies
   * @param name the template (reference) or instance type (overview) name
   */
  public static template(dialect: VitiDialect, name: string): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.viti.Viti', 'template', [dialect, name]);
    const table = dialect === VitiDialect.OVERVIEW ? OVERVIEW_TEMPLATES : REFERENCE_TEMPLATES;
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) {
      throw new KubevirtError(`Viti: ${templateNotFound(dialect === VitiDialect.OVERVIEW ? 'instanceType' : 'template', name)}`);
    }
    return table[name];
  }

  /**
   * The fields of a valid Viti Machine that the conversion accepts but cannot express in KubeVirt, each
   * with what was done instead, e.g. `spec.bootOrder[2]: "cdrom" is skipped; …`. Empty when everything
   * maps. Fails on an invalid manifest, like {@link Viti.toMachine}.
   *
   * @param manifest one parsed Viti Machine
   * @param options as for {@link Viti.toMachine}
   */
  public static unmappedFields(manifest: any, options: VitiOptions = {}): string[] {
    guardCall(undefined, 'cdk8s-kubevirt.viti.Viti', 'unmappedFields', [manifest, options]);
    return convert(manifest, options).unmapped;
  }

  private constructor() {}
}

// ---- conversion ------------------------------------------------------------------------------------

function isMapping(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Viti Machine '<namespace>/<name>'`, from what the manifest says. */
function describe(manifest: any): string {
  const meta = isMapping(manifest) && isMapping(manifest.metadata) ? manifest.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '<unnamed>';
  return `Viti Machine '${typeof meta.namespace === 'string' ? `${meta.namespace}/` : ''}${name}'`;
}

function templateNotFound(field: string, name: unknown): string {
  return formatProblem({
    property: `spec.${field}`,
    problem: field === 'template' ? 'is not a known template (TemplateNotFound)' : 'is not a known instance type (TemplateNotFound)',
    value: name,
    allowed: `one of ${SIZE_NAMES.join(', ')}`,
  });
}

function detectDialect(spec: Record<string, any>, report: (p: Problem) => void): VitiDialect {
  const reference = REFERENCE_FIELDS.filter(f => f !== 'disks' && spec[f] !== undefined);
  const overview = OVERVIEW_FIELDS.filter(f => f !== 'disks' && spec[f] !== undefined);
  if (reference.length > 0 && overview.length > 0) {
    report({
      property: 'spec',
      problem: 'mixes the two Viti dialects',
      value: [...reference, ...overview],
      allowed: `either reference fields (${REFERENCE_FIELDS.join(', ')}) or overview fields (${OVERVIEW_FIELDS.join(', ')})`,
    });
  }
  return overview.length > 0 && reference.length === 0 ? VitiDialect.OVERVIEW : VitiDialect.REFERENCE;
}

/** Reads a manifest into Machine props, collecting every problem; throws them all at once. */
function convert(manifest: any, options: VitiOptions): Conversion {
  const problems: string[] = [];
  const report = (p: Problem) => problems.push(formatProblem(p));
  const who = describe(manifest);
  const r = new Reader(report);
  const unmapped: string[] = [];

  if (!isMapping(manifest)) {
    throw new KubevirtError(`${who}: ${formatProblem({ property: '(document)', problem: 'must be a mapping', value: manifest, allowed: 'a vitistack.io/v1alpha1 Machine object' })}`);
  }
  r.fields(manifest, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status'], 'a Kubernetes object field: apiVersion, kind, metadata, spec, status');
  if (manifest.apiVersion !== API_VERSION) {
    report({ property: 'apiVersion', problem: 'is not the Viti Machine API version', value: manifest.apiVersion, allowed: `${API_VERSION} (the only version the converter reads)` });
  }
  if (manifest.kind !== KIND) {
    report({ property: 'kind', problem: 'is not a Viti Machine', value: manifest.kind, allowed: `${KIND} (other vitistack.io kinds, such as NetworkConfiguration, need the Viti operator)` });
  }

  // metadata
  const meta = r.mapping(manifest.metadata, 'metadata', true) ?? {};
  r.fields(meta, 'metadata', ['name', 'namespace', 'labels', 'annotations', ...SERVER_METADATA], 'name, namespace, labels, annotations (and the fields the API server fills in, which are ignored)');
  const name = r.string(meta.name, 'metadata.name', true);
  if (name !== undefined && !isDns1123Label(name)) {
    report({ property: 'metadata.name', problem: 'must be a DNS-1123 label (it names the VirtualMachine)', value: name, allowed: DNS1123_LABEL_ALLOWED });
  }
  const namespace = options.namespace ?? r.string(meta.namespace, 'metadata.namespace', false);
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    report({ property: options.namespace !== undefined ? 'namespace (option)' : 'metadata.namespace', problem: 'must be a namespace name', value: namespace, allowed: DNS1123_LABEL_ALLOWED });
  }
  const labels = r.stringMap(meta.labels, 'metadata.labels') ?? {};
  const annotations = r.stringMap(meta.annotations, 'metadata.annotations') ?? {};
  for (const a of DROPPED_ANNOTATIONS) delete annotations[a];
  if (name !== undefined) labels[MACHINE_LABEL] = name;

  // spec
  const spec = r.mapping(manifest.spec, 'spec', true) ?? {};
  const before = problems.length;
  const dialect = detectDialect(spec, report);
  const overview = dialect === VitiDialect.OVERVIEW;
  if (problems.length > before) {
    // Mixed dialects: reported once above; only fields of neither dialect are reported below.
    r.fields(spec, 'spec', [...REFERENCE_FIELDS, ...OVERVIEW_FIELDS], `one of ${[...new Set([...REFERENCE_FIELDS, ...OVERVIEW_FIELDS])].join(', ')}`);
  } else {
    r.fields(spec, 'spec', overview ? OVERVIEW_FIELDS : REFERENCE_FIELDS,
      overview ? `one of ${OVERVIEW_FIELDS.join(', ')} (overview dialect)` : `one of ${REFERENCE_FIELDS.join(', ')} (reference dialect)`);
  }

  const templateField = overview ? 'instanceType' : 'template';
  const templateName = r.string(spec[templateField], `spec.${templateField}`, false);
  let template: MachineTemplate | undefined;
  if (templateName === undefined) {
    if (spec[templateField] === undefined && isMapping(manifest.spec)) {
      report({ property: `spec.${templateField}`, problem: 'is required', value: undefined, allowed: `one of ${SIZE_NAMES.join(', ')}` });
    }
  } else if (!SIZE_NAMES.includes(templateName)) {
    problems.push(templateNotFound(templateField, templateName));
  } else {
    template = (overview ? OVERVIEW_TEMPLATES : REFERENCE_TEMPLATES)[templateName];
  }

  let vmName = name;
  let cpu: { cores?: number; sockets?: number; threads?: number } | undefined;
  let memory: Size | undefined;
  if (overview) {
    const specName = r.string(spec.name, 'spec.name', false);
    if (specName !== undefined) {
      if (!isDns1123Label(specName)) report({ property: 'spec.name', problem: 'must be a DNS-1123 label (it names the VirtualMachine)', value: specName, allowed: DNS1123_LABEL_ALLOWED });
      vmName = specName;
    }
    const c = r.mapping(spec.cpu, 'spec.cpu', false);
    if (c) {
      r.fields(c, 'spec.cpu', ['cores', 'sockets', 'threadsPerCore'], 'one of cores, sockets, threadsPerCore');
      cpu = { cores: r.count(c.cores, 'spec.cpu.cores'), sockets: r.count(c.sockets, 'spec.cpu.sockets'), threads: r.count(c.threadsPerCore, 'spec.cpu.threadsPerCore') };
    }
    if (spec.memory !== undefined && spec.memory !== null) {
      if (typeof spec.memory !== 'number') {
        report({ property: 'spec.memory', problem: 'must be a number of bytes (overview dialect)', value: spec.memory, allowed: 'a whole number of kibibytes in bytes, e.g. 4294967296 for 4Gi' });
      } else {
        memory = r.bytes(spec.memory, 'spec.memory');
      }
    }
  } else {
    const res = r.mapping(spec.resources, 'spec.resources', false);
    if (res) {
      r.fields(res, 'spec.resources', ['cpu', 'memory'], 'one of cpu, memory');
      const c = r.mapping(res.cpu, 'spec.resources.cpu', false);
      if (c) {
        r.fields(c, 'spec.resources.cpu', ['cores', 'threads', 'sockets'], 'one of cores, threads, sockets');
        cpu = { cores: r.count(c.cores, 'spec.resources.cpu.cores'), sockets: r.count(c.sockets, 'spec.resources.cpu.sockets'), threads: r.count(c.threads, 'spec.resources.cpu.threads') };
      }
      const m = r.mapping(res.memory, 'spec.resources.memory', false);
      if (m) {
        r.fields(m, 'spec.resources.memory', ['size'], 'size');
        memory = r.quantity(m.size, 'spec.resources.memory.size', true);
      }
    }
  }

  // boot order
  const boot: Record<string, number> = {};
  const bootList = r.list(spec.bootOrder, 'spec.bootOrder') ?? [];
  bootList.forEach((device, i) => {
    const at = `spec.bootOrder[${i}]`;
    if (typeof device !== 'string' || !BOOT_DEVICES.includes(device)) {
      report({ property: at, problem: 'is not a boot device', value: device, allowed: `one of ${BOOT_DEVICES.join(', ')}` });
    } else if (boot[device] !== undefined) {
      report({ property: at, problem: 'is listed twice', value: device, allowed: 'each boot device at most once' });
    } else {
      boot[device] = i + 1;
      if (device === 'cdrom') unmapped.push(`${at}: "cdrom" is skipped; a Viti Machine declares no CD-ROM, so there is no device to boot from`);
    }
  });

  // disks
  const emission = options.diskEmission ?? DiskEmission.PERSISTENT_VOLUME_CLAIMS;
  let root: DiskOptions = {};
  const dataDisks: Array<{ name: string; options: DiskOptions }> = [];
  const diskNames = new Set<string>();
  (r.list(spec.disks, 'spec.disks') ?? []).forEach((d, i) => {
    const at = `spec.disks[${i}]`;
    const disk = r.mapping(d, at, true);
    if (!disk) return;
    r.fields(disk, at, DISK_FIELDS, `one of ${DISK_FIELDS.join(', ')}`);
    const diskName = r.string(disk.name, `${at}.name`, true);
    if (diskName !== undefined) {
      if (!isDns1123Label(diskName)) {
        report({ property: `${at}.name`, problem: 'must be a DNS-1123 label', value: diskName, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'disk-name-dns1123' });
      } else if (diskNames.has(diskName)) {
        report({ property: `${at}.name`, problem: 'is used by another disk', value: diskName, allowed: 'unique disk names', ruleId: 'disk-name-unique' });
      }
      diskNames.add(diskName);
    }
    const isRoot = diskName === 'root';
    const size = r.quantity(disk.size, `${at}.size`, !isRoot);
    const storageClass = r.string(disk.storageClass, `${at}.storageClass`, false);
    if (storageClass !== undefined && storageClass !== 'default' && !isDns1123Subdomain(storageClass)) {
      report({ property: `${at}.storageClass`, problem: 'must be a StorageClass name', value: storageClass, allowed: "a DNS-1123 subdomain, or 'default' for the cluster's default StorageClass" });
    }
    const accessMode = r.enumValue(disk.accessMode, `${at}.accessMode`, Object.values(AccessMode)) as AccessMode | undefined;
    const volumeMode = r.enumValue(disk.volumeMode, `${at}.volumeMode`, Object.values(VolumeMode)) as VolumeMode | undefined;
    const opts: DiskOptions = {
      size,
      storageClass: storageClass === 'default' ? undefined : storageClass,
      accessMode,
      volumeMode,
      readOnly: accessMode === AccessMode.READ_ONLY_MANY ? true : undefined,
    };
    if (isRoot) root = opts;
    else if (diskName !== undefined) dataDisks.push({ name: diskName, options: opts });
  });

  // networks
  const networks: Network[] = [];
  const netSpecs: Array<{ networkName: string; name: string; model?: InterfaceModel; macAddress?: string }> = [];
  const netNames = new Set<string>();
  (r.list(spec.networks, 'spec.networks') ?? []).forEach((n, i) => {
    const at = `spec.networks[${i}]`;
    const net = r.mapping(n, at, true);
    if (!net) return;
    r.fields(net, at, ['name', 'networkName', 'model', 'macAddress'], 'one of name, networkName, model, macAddress');
    const ifName = r.string(net.name, `${at}.name`, true);
    if (ifName !== undefined) {
      if (!IFACE_NAME.test(ifName)) {
        report({ property: `${at}.name`, problem: 'must be a valid interface name', value: ifName, allowed: "letters, digits, '_' and '-'", ruleId: 'interface-name-format' });
      } else if (netNames.has(ifName)) {
        report({ property: `${at}.name`, problem: 'is used by another network', value: ifName, allowed: 'unique network names', ruleId: 'network-name-unique' });
      }
      netNames.add(ifName);
    }
    const networkName = r.string(net.networkName, `${at}.networkName`, true);
    if (networkName !== undefined && !isNetworkAttachmentName(networkName)) {
      report({ property: `${at}.networkName`, problem: 'must name a NetworkAttachmentDefinition', value: networkName, allowed: "'name' or 'namespace/name' (DNS-1123)", ruleId: 'network-multus-name' });
    }
    const model = r.enumValue(net.model, `${at}.model`, Object.values(InterfaceModel)) as InterfaceModel | undefined;
    const macAddress = r.string(net.macAddress, `${at}.macAddress`, false);
    if (macAddress !== undefined && !(isMacAddress(macAddress) && macAddress.includes(':'))) {
      report({ property: `${at}.macAddress`, problem: 'must be a MAC address', value: macAddress, allowed: 'six hex pairs separated by colons, e.g. 52:54:00:12:34:56', ruleId: 'interface-mac-address' });
    }
    if (ifName !== undefined && networkName !== undefined) netSpecs.push({ name: ifName, networkName, model, macAddress });
  });

  // cloud-init
  let cloudInit: (() => CloudInit) | undefined;
  const ci = r.mapping(spec.cloudInit, 'spec.cloudInit', false);
  if (ci) {
    r.fields(ci, 'spec.cloudInit', ['userData', 'networkData', 'secretRef'], 'one of userData, networkData, secretRef');
    const userData = r.string(ci.userData, 'spec.cloudInit.userData', false);
    const networkData = r.string(ci.networkData, 'spec.cloudInit.networkData', false);
    let secretName: string | undefined;
    const ref = r.mapping(ci.secretRef, 'spec.cloudInit.secretRef', false);
    if (ref) {
      r.fields(ref, 'spec.cloudInit.secretRef', ['name', 'key'], 'one of name, key');
      secretName = r.string(ref.name, 'spec.cloudInit.secretRef.name', true);
      const key = r.string(ref.key, 'spec.cloudInit.secretRef.key', false);
      if (key !== undefined && key !== 'userdata' && key !== 'userData') {
        report({ property: 'spec.cloudInit.secretRef.key', problem: 'is not a key KubeVirt reads', value: key, allowed: "'userdata' or 'userData': KubeVirt reads the user data from one of these keys of the Secret, so rename the key in the Secret" });
      }
      if (userData !== undefined) {
        unmapped.push('spec.cloudInit.secretRef: ignored because spec.cloudInit.userData is set; the VM gets the inline userData, as in the operator\'s example');
        secretName = undefined;
      }
    }
    if (userData === undefined && networkData === undefined && secretName === undefined && ci.secretRef === undefined) {
      report({ property: 'spec.cloudInit', problem: 'sets no cloud-init data', value: ci, allowed: 'userData, networkData or secretRef' });
    }
    const nd = networkData !== undefined && networkData.trim() !== '' ? networkData : undefined;
    const ciOptions = { allowPasswords: options.allowPasswords, allowSecrets: options.allowSecrets };
    if (userData !== undefined) {
      cloudInit = () => CloudInit.fromUserData(userData, { ...ciOptions, networkData: nd !== undefined ? NetworkData.fromText(nd) : undefined });
    } else if (secretName !== undefined) {
      const s = secretName;
      cloudInit = () => CloudInit.fromSecret(s, { networkData: nd !== undefined ? NetworkData.fromText(nd) : undefined });
    } else if (nd !== undefined) {
      cloudInit = () => CloudInit.fromNetworkData(NetworkData.fromText(nd));
    }
  }

  // domain
  let machineType: string | undefined;
  let firmware: Firmware | undefined;
  let features: DomainFeatures | undefined;
  const domain = r.mapping(spec.domain, 'spec.domain', false);
  if (domain) {
    r.fields(domain, 'spec.domain', ['machine', 'features', 'firmware'], 'one of machine, features, firmware');
    const machine = r.mapping(domain.machine, 'spec.domain.machine', false);
    if (machine) {
      r.fields(machine, 'spec.domain.machine', ['type'], 'type');
      const type = r.string(machine.type, 'spec.domain.machine.type', false);
      if (type !== undefined && !MACHINE_TYPE.test(type)) {
        report({ property: 'spec.domain.machine.type', problem: 'must be a machine type', value: type, allowed: 'pc-q35, pc-i440fx, or a QEMU machine type such as q35 or pc-q35-rhel9.4.0' });
      } else if (type !== undefined) {
        machineType = MACHINE_TYPES[type] ?? type;
      }
    }
    const f = r.mapping(domain.features, 'spec.domain.features', false);
    if (f) {
      r.fields(f, 'spec.domain.features', ['acpi', 'apic', 'hyperv'], 'one of acpi, apic, hyperv');
      const hyperv = r.bool(f.hyperv, 'spec.domain.features.hyperv');
      features = {
        acpi: r.bool(f.acpi, 'spec.domain.features.acpi'),
        apic: r.bool(f.apic, 'spec.domain.features.apic'),
        hyperv: hyperv === undefined ? undefined : hyperv ? HypervPreset.WINDOWS : HypervPreset.NONE,
      };
    }
    const fw = r.mapping(domain.firmware, 'spec.domain.firmware', false);
    if (fw) {
      r.fields(fw, 'spec.domain.firmware', ['bootloader'], 'bootloader');
      const bl = r.mapping(fw.bootloader, 'spec.domain.firmware.bootloader', false);
      if (bl) {
        r.fields(bl, 'spec.domain.firmware.bootloader', ['efi', 'secureBoot'], 'one of efi, secureBoot');
        const efi = r.bool(bl.efi, 'spec.domain.firmware.bootloader.efi');
        const secureBoot = r.bool(bl.secureBoot, 'spec.domain.firmware.bootloader.secureBoot');
        if (secureBoot && !efi) {
          report({ property: 'spec.domain.firmware.bootloader.secureBoot', problem: 'needs EFI', value: secureBoot, allowed: 'efi: true together with secureBoot: true, or secureBoot: false' });
        } else if (efi) {
          firmware = Firmware.efi({ secureBoot: secureBoot ?? false });
        } else if (efi === false) {
          firmware = Firmware.bios();
        }
      }
    }
  }

  if (problems.length > 0) throw new KubevirtError(problems.map(p => `${who}: ${p}`).join('\n'));

  // Every field is valid; build the value objects. They re-check what they own, and a rejection is
  // reported with the field it came from.
  const built = <T>(property: string, make: () => T): T => {
    try {
      return make();
    } catch (e) {
      if (e instanceof KubevirtError) throw new KubevirtError(`${who}: ${property}: ${e.message}`);
      throw e;
    }
  };
  const disks = built('spec.disks', () => {
    const set = new DiskSet({ emit: emission, root: { ...root, bootOrder: boot.disk } });
    for (const d of dataDisks) set.addDisk(d.name, d.options);
    return set;
  });
  netSpecs.forEach((n, i) => {
    networks.push(built(`spec.networks[${i}]`, () => Network.multus(n.networkName, {
      name: n.name, model: n.model, macAddress: n.macAddress?.toLowerCase(), bootOrder: i === 0 ? boot.network : undefined,
    })));
  });
  if (networks.length === 0 && boot.network !== undefined) networks.push(Network.pod({ bootOrder: boot.network }));

  return {
    props: {
      name: vmName,
      namespace,
      labels,
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      template,
      cpu: cpu && (cpu.cores ?? cpu.sockets ?? cpu.threads) !== undefined ? cpu : undefined,
      memory,
      disks,
      networks: networks.length > 0 ? networks : undefined,
      cloudInit: cloudInit ? built('spec.cloudInit', cloudInit) : undefined,
      firmware,
      machineType,
      features,
    },
    unmapped,
  };
}

/** Reads typed values out of plain JSON, reporting every problem with its JSON path. */
class Reader {
  constructor(private readonly report: (p: Problem) => void) {}

  /** Reports every key of `obj` not in `allowed`. */
  public fields(obj: Record<string, any>, path: string, allowed: string[], allowedText: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.report({ property: path ? `${path}.${key}` : key, problem: 'is not a field of a Viti Machine', value: obj[key], allowed: allowedText });
      }
    }
  }

  public mapping(value: any, path: string, required: boolean): Record<string, any> | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: 'a mapping' });
      return undefined;
    }
    if (!isMapping(value)) {
      this.report({ property: path, problem: 'must be a mapping', value, allowed: 'a mapping of fields' });
      return undefined;
    }
    return value;
  }

  public list(value: any, path: string): any[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.report({ property: path, problem: 'must be a list', value, allowed: 'a YAML sequence' });
      return undefined;
    }
    return value;
  }

  public string(value: any, path: string, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: 'a string' });
      return undefined;
    }
    if (typeof value !== 'string' || value === '') {
      this.report({ property: path, problem: 'must be a non-empty string', value, allowed: 'a string' });
      return undefined;
    }
    return value;
  }

  public bool(value: any, path: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.report({ property: path, problem: 'must be true or false', value, allowed: 'a boolean' });
      return undefined;
    }
    return value;
  }

  public count(value: any, path: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) {
      this.report({ property: path, problem: 'must be a whole number of at least 1', value, allowed: 'an integer ≥ 1' });
      return undefined;
    }
    return value;
  }

  public stringMap(value: any, path: string): Record<string, string> | undefined {
    const map = this.mapping(value, path, false);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') this.report({ property: `${path}.${k}`, problem: 'must be a string', value: v, allowed: 'a string (quote numbers and booleans)' });
      else out[k] = v;
    }
    return out;
  }

  public enumValue(value: any, path: string, allowed: string[]): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.report({ property: path, problem: 'is not a supported value', value, allowed: `one of ${allowed.join(', ')}` });
      return undefined;
    }
    return value;
  }

  /** A Kubernetes quantity (string) or a number of bytes, as a Size of whole kibibytes. */
  public quantity(value: any, path: string, required: boolean): Size | undefined {
    if (value === undefined || value === null) {
      if (required) this.report({ property: path, problem: 'is required', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    if (typeof value === 'number') return this.bytes(value, path);
    const q = typeof value === 'string' ? parseQuantityExact(value) : undefined;
    if (!q || q.negative) {
      this.report({ property: path, problem: 'is not a Kubernetes quantity', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    if (q.num % q.den !== 0n) {
      this.report({ property: path, problem: 'must be a whole number of bytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return this.kibibytes(q.num / q.den, value, path);
  }

  /** A number of bytes as a Size of whole kibibytes. */
  public bytes(value: number, path: string): Size | undefined {
    if (!Number.isSafeInteger(value)) {
      this.report({ property: path, problem: 'must be a whole number of bytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return this.kibibytes(BigInt(value), value, path);
  }

  private kibibytes(bytes: bigint, value: any, path: string): Size | undefined {
    const kib = bytes / 1024n;
    if (bytes <= 0n || bytes % 1024n !== 0n || kib > BigInt(Number.MAX_SAFE_INTEGER)) {
      this.report({ property: path, problem: 'must be a positive whole number of kibibytes', value, allowed: QUANTITY_ALLOWED });
      return undefined;
    }
    return Size.kibibytes(Number(kib));
  }
}
