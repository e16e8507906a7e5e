import { createHash } from 'crypto';
import { ApiObject, Chart, Duration, Lazy, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AccessCredential } from './access-credential';
import { CloudInit } from './cloud-init';
import { createClaims, DiskSet } from './disk-set';
import { describeConstruct, fail } from './errors';
import * as kubevirt from './imports/kubevirt.io';
import { checkCount, checkSize, CpuTopology, DomainFeatures, Firmware, HypervPreset, MachineTemplate, ResourceScope } from './machine-template';
import { DNS1123_LABEL_ALLOWED, isDns1123Label } from './names';
import { Network } from './network';
import { Probe } from './probe';
import { checkManifest, formatViolation } from './rules';
import { quantity, sortedMap, wholeSeconds } from './units';

/** How KubeVirt keeps the VM running. `running` is never emitted. */
export enum RunStrategy {
  /** Always running; restarted when it stops. */
  ALWAYS = 'Always',
  /** Stopped. */
  HALTED = 'Halted',
  /** Started and stopped by hand (virtctl start/stop). */
  MANUAL = 'Manual',
  /** Restarted only when it fails. */
  RERUN_ON_FAILURE = 'RerunOnFailure',
  /** Run once; not restarted. */
  ONCE = 'Once',
}

/** What happens to the VM when its node is drained. */
export enum EvictionStrategy {
  /** Live-migrate; eviction is blocked if the VM cannot migrate. */
  LIVE_MIGRATE = 'LiveMigrate',
  /** Live-migrate if possible, else shut down. */
  LIVE_MIGRATE_IF_POSSIBLE = 'LiveMigrateIfPossible',
  /** Shut down. */
  NONE = 'None',
  /** Leave it to an external controller. */
  EXTERNAL = 'External',
}

/** A host device (e.g. a GPU) passed through to the guest. */
export interface HostDevice {
  /** Name of the device in the VM spec (a DNS-1123 label). */
  readonly name: string;
  /** Resource name the device plugin advertises, e.g. `nvidia.com/TU104GL_Tesla_T4`. */
  readonly deviceName: string;
}

/** Properties of a {@link Machine}. */
export interface MachineProps {
  /**
   * `metadata.name` of the VirtualMachine (a DNS-1123 label, at most 63 characters). It is never
   * truncated or hashed.
   * @default - the construct id, which must then be a DNS-1123 label
   */
  readonly name?: string;
  /**
   * Namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Labels, on the VM and on its template.
   * @default - none besides the standard ones
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations, on the VM and on its template.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Size and shape.
   * @default MachineTemplate.SMALL
   */
  readonly template?: MachineTemplate;
  /**
   * CPU overrides, merged field by field on top of the template: overriding `cores` keeps the
   * template's `sockets` and `threads`.
   * @default - the template's topology
   */
  readonly cpu?: CpuTopology;
  /**
   * Memory override.
   * @default - the template's memory
   */
  readonly memory?: Size;
  /**
   * Run strategy.
   * @default RunStrategy.ALWAYS
   */
  readonly runStrategy?: RunStrategy;
  /**
   * Disks.
   * @default - a blank root disk of the template's root disk size (as the Viti operator creates)
   */
  readonly disks?: DiskSet;
  /**
   * First-boot configuration.
   * @default - none
   */
  readonly cloudInit?: CloudInit;
  /**
   * Networks, in interface order.
   * @default - the pod network with masquerade
   */
  readonly networks?: Network[];
  /**
   * Access credentials (SSH keys or passwords from Secrets) propagated into the guest.
   * @default - none
   */
  readonly accessCredentials?: AccessCredential[];
  /**
   * Firmware, overriding the template's.
   * @default - the template's firmware, else KubeVirt's default (BIOS)
   */
  readonly firmware?: Firmware;
  /**
   * Machine type, overriding the template's.
   * @default - the template's machine type, else 'q35'
   */
  readonly machineType?: string;
  /**
   * Features, merged field by field on top of the template's.
   * @default - the template's features
   */
  readonly features?: DomainFeatures;
  /**
   * Firmware UUID. Emitted explicitly so that KubeVirt does not generate and persist a random one,
   * which Argo CD and Flux would show as drift.
   * @default - a UUID (version 5) derived from namespace and name
   */
  readonly firmwareUuid?: string;
  /**
   * Add a virtual TPM.
   * @default false
   */
  readonly tpm?: boolean;
  /**
   * Keep the TPM state across restarts (needs the VMPersistentState feature gate).
   * @default false
   */
  readonly persistentTpm?: boolean;
  /**
   * GPUs to pass through.
   * @default - none
   */
  readonly gpus?: HostDevice[];
  /**
   * Other host devices to pass through.
   * @default - none
   */
  readonly hostDevices?: HostDevice[];
  /**
   * Pin vCPUs to dedicated host CPUs.
   * @default false
   */
  readonly dedicatedCpuPlacement?: boolean;
  /**
   * Node selector.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Tolerations.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Eviction strategy.
   * @default - the cluster's default
   */
  readonly evictionStrategy?: EvictionStrategy;
  /**
   * Readiness probe.
   * @default - none
   */
  readonly readinessProbe?: Probe;
  /**
   * Liveness probe.
   * @default - none
   */
  readonly livenessProbe?: Probe;
  /**
   * Grace period for the guest to shut down.
   * @default - KubeVirt's default (180 seconds)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Guest hostname (a DNS label).
   * @default - the VM name
   */
  readonly hostname?: string;
  /**
   * Subdomain (a DNS subdomain), for a headless Service.
   * @default - none
   */
  readonly subdomain?: string;
}

/** Label every machine's VM and template carry. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Template label with the machine name, stable, for Services to select. */
export const MACHINE_LABEL = 'cdk8s-kubevirt/machine';

const HYPERV_WINDOWS = {
  frequencies: {},
  ipi: {},
  reenlightenment: {},
  relaxed: {},
  reset: {},
  runtime: {},
  spinlocks: { spinlocks: 8191 },
  synic: {},
  synictimer: { direct: { enabled: true } },
  tlbflush: {},
  vapic: {},
  vpindex: {},
};
// Our own UUID namespace for firmware UUIDs (RFC 4122 v5 over "namespace/name").
const UUID_NAMESPACE = Buffer.from('3f1b6a52c0e94d8f9a7e1c2d4b5a6978', 'hex');

/**
 * One KubeVirt VirtualMachine, with its DataVolume templates, and the PVCs and cloud-init Secret it
 * needs.
 *
 * Local mistakes throw at once. KubeVirt's admission rules run over the final manifest (escape-hatch
 * patches included) when the app is synthesized, and every violation in the app is reported together.
 */
export class Machine extends Construct {
  /** `metadata.name` of the VirtualMachine. */
  public readonly name: string;
  /** Namespace of the VirtualMachine, if any. */
  public readonly namespace?: string;
  /** The generated VirtualMachine object (the default child, reachable with `ApiObject.of(machine)`). */
  public readonly apiObject: ApiObject;
  /** Plain PVCs created for DiskEmission.PERSISTENT_VOLUME_CLAIMS. */
  public readonly persistentVolumeClaims: ApiObject[];
  /** The Secret holding cloud-init data too large to inline, if one was needed. */
  public readonly cloudInitSecret?: ApiObject;
  /** The template the machine is based on. */
  public readonly template: MachineTemplate;
  /** Labels a Service can use to select this machine's pod. */
  public readonly selectorLabels: { [key: string]: string };

  private readonly props: MachineProps;
  private readonly disks: DiskSet;
  private readonly networks: Network[];
  private readonly accessCredentials: AccessCredential[];
  private readonly cloudInitVolume?: any;

  constructor(scope: Construct, id: string, props: MachineProps = {}) {
    super(scope, id);
    this.props = props;
    this.template = props.template ?? MachineTemplate.SMALL;
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.disks = props.disks ?? new DiskSet();
    this.networks = [...(props.networks ?? [Network.pod()])];
    this.accessCredentials = [...(props.accessCredentials ?? [])];
    this.selectorLabels = { [MACHINE_LABEL]: this.name };
    this.checkProps();

    const labels = sortedMap({ ...props.labels, [MANAGED_BY_LABEL]: 'cdk8s-kubevirt' })!;
    const rendered = this.disks._render(this.name, {
      rootSize: this.template.rootDiskSize,
      rootStorageClass: this.template.rootDiskStorageClass,
      bus: this.template.diskBus,
      namespace: this.namespace,
    });
    this.persistentVolumeClaims = createClaims(this, rendered.claims, this.namespace, labels);
    if (props.cloudInit) {
      const bound = props.cloudInit._bind(this, this.name);
      this.cloudInitVolume = bound.volume;
      this.cloudInitSecret = bound.secret;
    }

    this.apiObject = new ApiObject(this, 'Resource', {
      ...kubevirt.VirtualMachine.GVK,
      metadata: { name: this.name, namespace: this.namespace, labels, annotations: sortedMap(props.annotations) },
      spec: Lazy.any({ produce: () => this._toKube() }),
    });

    this.node.addValidation({
      validate: () => {
        const manifest = this.apiObject.toJson();
        return checkManifest(manifest).map(v => `${describeConstruct(this)}: ${formatViolation(v)}`);
      },
    });
  }

  /** Adds a network (and its interface) after the ones given in props. */
  public addNetwork(network: Network): Machine {
    if (this.networks.some(n => n.name === network.name)) {
      fail(this, { property: 'networks', problem: 'has two networks with the same name', value: network.name, allowed: 'unique network names', ruleId: 'network-name-unique' });
    }
    this.networks.push(network);
    return this;
  }

  /** Adds an access credential. */
  public addAccessCredential(credential: AccessCredential): Machine {
    this.accessCredentials.push(credential);
    return this;
  }

  private checkProps(): void {
    const p = this.props;
    if (!isDns1123Label(this.name)) {
      fail(this, {
        property: p.name === undefined ? 'name (from the construct id)' : 'name',
        problem: 'must be a DNS-1123 label',
        value: this.name,
        allowed: `${DNS1123_LABEL_ALLOWED}; set props.name when the construct id is not one`,
        ruleId: 'vm-name-length',
      });
    }
    if (this.template._instancetype && (p.cpu !== undefined || p.memory !== undefined)) {
      fail(this, {
        property: p.cpu !== undefined ? 'cpu' : 'memory',
        problem: `cannot override the instancetype '${this.template.instancetype}'`,
        value: p.cpu ?? p.memory!.asString(),
        allowed: 'KubeVirt rejects CPU or memory set together with an instancetype: use MachineTemplate.custom({ cpu, memory }) with explicit values, or pick another instancetype',
        ruleId: 'instancetype-cpu-memory-conflict',
      });
    }
    for (const field of ['cores', 'sockets', 'threads'] as const) checkCount(describeConstruct(this), `cpu.${field}`, p.cpu?.[field]);
    checkSize(describeConstruct(this), 'memory', p.memory);
    const names = new Set<string>();
    for (const n of this.networks) {
      if (names.has(n.name)) {
        fail(this, { property: 'networks', problem: 'has two networks with the same name', value: n.name, allowed: 'unique network names', ruleId: 'network-name-unique' });
      }
      names.add(n.name);
    }
    if (p.terminationGracePeriod !== undefined && wholeSeconds(p.terminationGracePeriod) === undefined) {
      fail(this, { property: 'terminationGracePeriod', problem: 'must be a whole number of seconds', value: `${p.terminationGracePeriod.toMilliseconds()}ms`, allowed: 'e.g. Duration.minutes(3)' });
    }
    if (p.firmwareUuid !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(p.firmwareUuid)) {
      fail(this, { property: 'firmwareUuid', problem: 'must be a lowercase UUID', value: p.firmwareUuid, allowed: 'e.g. 5d307ca9-b3ef-428c-8861-06e72d69f223' });
    }
  }

  /** The firmware UUID this machine emits. */
  public get firmwareUuid(): string {
    if (this.props.firmwareUuid) return this.props.firmwareUuid;
    // RFC 4122 version 5: SHA-1 of namespace + name; version nibble 5, variant bits 10.
    const h = createHash('sha1').update(UUID_NAMESPACE).update(`${this.namespace ?? ''}/${this.name}`).digest('hex').slice(0, 32);
    const variant = ((Number.parseInt(h[16], 16) % 4) + 8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /**
   * Renders the VirtualMachine spec: template, then overrides, then defaults. Never throws.
   * @internal
   */
  public _toKube(): any {
    const p = this.props;
    const t = this.template;
    const rendered = this.disks._render(this.name, {
      rootSize: t.rootDiskSize, rootStorageClass: t.rootDiskStorageClass, bus: t.diskBus, namespace: this.namespace,
    });

    const domain: any = {};
    if (!t._instancetype) {
      domain.cpu = {
        cores: p.cpu?.cores ?? t.cpu!.cores,
        sockets: p.cpu?.sockets ?? t.cpu!.sockets,
        threads: p.cpu?.threads ?? t.cpu!.threads,
      };
      domain.memory = { guest: quantity(p.memory ?? t.memory!) };
    }
    if (p.dedicatedCpuPlacement) domain.cpu = { ...domain.cpu, dedicatedCpuPlacement: true };

    const firmware = p.firmware ?? t.firmware;
    const features = { ...t.features, ...p.features };
    const secureBoot = firmware?.kind === 'efi' && firmware.secureBoot;
    domain.firmware = { uuid: this.firmwareUuid, ...(firmware ? firmware._toKube() : {}) };
    domain.machine = { type: p.machineType ?? t.machineType ?? 'q35' };
    const f: any = {};
    if (features.acpi !== undefined) f.acpi = { enabled: features.acpi };
    if (features.apic !== undefined) f.apic = { enabled: features.apic };
    if (features.hyperv === HypervPreset.WINDOWS) f.hyperv = HYPERV_WINDOWS;
    if (features.smm !== undefined || secureBoot) f.smm = { enabled: secureBoot ? true : features.smm };
    if (Object.keys(f).length > 0) domain.features = f;

    const devices: any = { disks: [...rendered.disks], interfaces: this.networks.map(n => n._interface(t.interfaceModel)) };
    const volumes = [...rendered.volumes];
    if (this.cloudInitVolume) {
      devices.disks.push({ name: this.cloudInitVolume.name, disk: { bus: 'virtio' } });
      volumes.push(this.cloudInitVolume);
    }
    if (p.tpm || p.persistentTpm) devices.tpm = p.persistentTpm ? { persistent: true } : {};
    if (p.gpus?.length) devices.gpus = p.gpus.map(g => ({ name: g.name, deviceName: g.deviceName }));
    if (p.hostDevices?.length) devices.hostDevices = p.hostDevices.map(g => ({ name: g.name, deviceName: g.deviceName }));
    domain.devices = devices;

    const templateSpec: any = { domain, networks: this.networks.map(n => n._network()), volumes };
    if (this.accessCredentials.length > 0) templateSpec.accessCredentials = this.accessCredentials.map(c => c._toKube());
    if (p.nodeSelector) templateSpec.nodeSelector = sortedMap(p.nodeSelector);
    if (p.affinity) templateSpec.affinity = k8s.toJson_Affinity(p.affinity);
    if (p.tolerations) templateSpec.tolerations = p.tolerations.map(x => k8s.toJson_Toleration(x));
    if (p.evictionStrategy) templateSpec.evictionStrategy = p.evictionStrategy;
    if (p.readinessProbe) templateSpec.readinessProbe = p.readinessProbe._toKube();
    if (p.livenessProbe) templateSpec.livenessProbe = p.livenessProbe._toKube();
    if (p.terminationGracePeriod) templateSpec.terminationGracePeriodSeconds = wholeSeconds(p.terminationGracePeriod);
    if (p.hostname) templateSpec.hostname = p.hostname;
    if (p.subdomain) templateSpec.subdomain = p.subdomain;

    const spec: any = {
      runStrategy: p.runStrategy ?? RunStrategy.ALWAYS,
      template: {
        metadata: {
          labels: sortedMap({ ...p.labels, [MANAGED_BY_LABEL]: 'cdk8s-kubevirt', ...this.selectorLabels }),
          annotations: sortedMap(p.annotations),
        },
        spec: templateSpec,
      },
    };
    if (rendered.dataVolumeTemplates.length > 0) spec.dataVolumeTemplates = rendered.dataVolumeTemplates;
    if (t._instancetype) {
      const it = t._instancetype;
      spec.instancetype = { kind: it.scope === ResourceScope.CLUSTER ? 'VirtualMachineClusterInstancetype' : 'VirtualMachineInstancetype', name: it.instancetype };
      if (it.preference) {
        spec.preference = { kind: it.preferenceScope === ResourceScope.CLUSTER ? 'VirtualMachineClusterPreference' : 'VirtualMachinePreference', name: it.preference };
      }
    }
    return spec;
  }
}
