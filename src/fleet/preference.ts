
import { ApiObject, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PreferenceClock } from './preference-clock';
import type * as kv from '../imports/kubevirt-json';
import { Firmware, HYPERV_WINDOWS, HypervPreset } from '../machine/firmware';
import { Architecture } from '../machine/machine-options';
import { MachineTemplate } from '../machine/machine-template';
import { ResourceScope } from '../machine/machine-template-props';
import { InterfaceModel } from '../network/network';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import * as gvks from '../private/gvk';
import { keptApiObject } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { checkCount, checkSize, durationText, quantity, wholeSeconds } from '../private/units';
import { DiskBus } from '../storage/disk-set';

/**
 * How a preference lays out an instancetype's vCPUs (`spec.cpu.preferredCPUTopology`). Only the
 * spellings KubeVirt v1.9 does not deprecate (`preferSockets` and the like are never emitted).
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export enum PreferredCpuTopology {
  /** All vCPUs as sockets (KubeVirt's default). */
  SOCKETS = 'sockets',
  /** All vCPUs as cores of one socket. */
  CORES = 'cores',
  /** All vCPUs as threads of one core. */
  THREADS = 'threads',
  /** Spread across sockets and cores (KubeVirt's ratio, 1:2 by default). */
  SPREAD = 'spread',
  /** Whatever the VM's own topology says, if any. */
  ANY = 'any',
}


/**
 * A custom set of Hyper-V enlightenments. Each one set to true is turned on, together with what it
 * requires, as KubeVirt does: synic and ipi and tlbflush need vpindex, synictimer needs synic, evmcs
 * needs vapic.
 */
export interface HypervFeatures {
  /** relaxed. @default false */
  readonly relaxed?: boolean;
  /** vapic. @default false */
  readonly vapic?: boolean;
  /** vpindex. @default false */
  readonly vpindex?: boolean;
  /** runtime. @default false */
  readonly runtime?: boolean;
  /** synic (adds vpindex). @default false */
  readonly synic?: boolean;
  /** synictimer with direct mode (adds synic). @default false */
  readonly synictimer?: boolean;
  /** reset. @default false */
  readonly reset?: boolean;
  /** frequencies. @default false */
  readonly frequencies?: boolean;
  /** reenlightenment. @default false */
  readonly reenlightenment?: boolean;
  /** tlbflush. @default false */
  readonly tlbflush?: boolean;
  /** ipi. @default false */
  readonly ipi?: boolean;
  /** evmcs (Intel only; adds vapic). @default false */
  readonly evmcs?: boolean;
  /**
   * Spinlock retries (at least 4096).
   * @default - spinlocks not set
   */
  readonly spinlocks?: number;
  /**
   * Vendor ID shown to the guest (at most 12 characters).
   * @default - not set
   */
  readonly vendorId?: string;
}

/** `preferredHyperv` of a preference's features (the same shape as a VM's `features.hyperv`). */
type PreferredHyperv = kv.At<kv.At<kv.VirtualMachinePreferenceSpec, 'features'>, 'preferredHyperv'>;

/** A Hyper-V enlightenment set: upstream's Windows set, or a custom one. */
export class HypervSet {
  /** The set KubeVirt's Windows preferences use (as HypervPreset.WINDOWS). */
  public static windows(): HypervSet {
    return new HypervSet(HYPERV_WINDOWS);
  }

  /** A custom set. */
  public static custom(features: HypervFeatures): HypervSet {
    guardCall(undefined, 'cdk8s-kubevirt.HypervSet', 'custom', [features]);
    const out: PreferredHyperv = {};
    for (const f of ['evmcs', 'frequencies', 'ipi', 'reenlightenment', 'relaxed', 'reset', 'runtime', 'synic', 'tlbflush', 'vapic', 'vpindex'] as const) {
      if (features[f]) out[f] = {};
    }
    if (features.synictimer) out.synictimer = { direct: { enabled: true } };
    // KubeVirt turns on what a feature requires (SetHypervFeatureDependencies, pkg/virt-api/webhooks/hyperv.go);
    // adding it here shows in the manifest what the guest gets. Leaves first, as upstream orders them.
    for (const [f, dep] of [['evmcs', 'vapic'], ['ipi', 'vpindex'], ['tlbflush', 'vpindex'], ['synictimer', 'synic'], ['synic', 'vpindex']] as const) {
      if (out[f] && !out[dep]) out[dep] = {};
    }
    if (features.spinlocks !== undefined) {
      if (!Number.isInteger(features.spinlocks) || features.spinlocks < 4096) {
        fail('HypervSet.custom', { property: 'spinlocks', problem: 'must be a whole number of at least 4096', value: features.spinlocks, allowed: 'e.g. 8191' });
      }
      out.spinlocks = { spinlocks: features.spinlocks };
    }
    if (features.vendorId !== undefined) {
      if (!/^[\x21-\x7e]{1,12}$/.test(features.vendorId)) {
        fail('HypervSet.custom', { property: 'vendorId', problem: 'must be 1 to 12 printable characters', value: features.vendorId, allowed: 'e.g. KVMKVMKVM' });
      }
      out.vendorid = { vendorid: features.vendorId };
    }
    return new HypervSet(out);
  }

  private constructor(private readonly features: PreferredHyperv) {}

  /** @internal */
  public _toKube(): PreferredHyperv {
    return JSON.parse(JSON.stringify(this.features));
  }
}

/**
 * What a preference suggests. Shared by `MachinePreferenceProps`; everything is optional and
 * emitted only when set.
 */
export interface PreferenceOptions {
  /**
   * How vCPUs are laid out.
   * @default - KubeVirt's default, PreferredCpuTopology.SOCKETS
   */
  readonly cpuTopology?: PreferredCpuTopology;
  /**
   * Guest clock and timers.
   * @default - KubeVirt's default (UTC)
   */
  readonly clock?: PreferenceClock;
  /**
   * Firmware: `Firmware.bios()` → `preferredUseBios`, `Firmware.efi()` → `preferredEfi` (never the
   * deprecated `preferredUseEfi`/`preferredUseSecureBoot`). Secure boot also prefers SMM.
   * @default - KubeVirt's default, BIOS
   */
  readonly firmware?: Firmware;
  /**
   * Prefer a virtual TPM.
   * @default false
   */
  readonly tpm?: boolean;
  /**
   * Prefer a persistent TPM (implies `tpm`; needs the VMPersistentState feature gate).
   * @default false
   */
  readonly persistentTpm?: boolean;
  /**
   * Hyper-V enlightenments.
   * @default - none
   */
  readonly hyperv?: HypervSet;
  /**
   * Prefer ACPI on or off.
   * @default - not set
   */
  readonly acpi?: boolean;
  /**
   * Prefer APIC on or off.
   * @default - not set
   */
  readonly apic?: boolean;
  /**
   * Prefer System Management Mode.
   * @default - not set (on when EFI secure boot is preferred)
   */
  readonly smm?: boolean;
  /**
   * Bus of disks that do not set one.
   * @default - KubeVirt's default, virtio
   */
  readonly diskBus?: DiskBus;
  /**
   * Bus of CD-ROMs that do not set one.
   * @default - KubeVirt's default, sata
   */
  readonly cdromBus?: DiskBus;
  /**
   * Model of interfaces that do not set one.
   * @default - KubeVirt's default, virtio
   */
  readonly interfaceModel?: InterfaceModel;
  /**
   * Prefer a virtio RNG device.
   * @default false
   */
  readonly rng?: boolean;
  /**
   * Machine type, e.g. `q35`.
   * @default - the cluster's default
   */
  readonly machineType?: string;
  /**
   * Architecture.
   * @default - the cluster's default
   */
  readonly architecture?: Architecture;
  /**
   * Grace period for the guest to shut down.
   * @default - KubeVirt's default (180 seconds)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * The least vCPUs an instancetype (or the VM) must give; KubeVirt rejects a VM below it.
   * @default - no requirement
   */
  readonly minCpus?: number;
  /**
   * The least guest memory an instancetype (or the VM) must give; KubeVirt rejects a VM below it.
   * @default - no requirement
   */
  readonly minMemory?: Size;
}

/** Properties of a `MachinePreference`. */
export interface MachinePreferenceProps extends PreferenceOptions {
  /**
   * `metadata.name`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * A cluster-wide `VirtualMachineClusterPreference`, or a `VirtualMachinePreference` in the chart's
   * namespace.
   * @default ResourceScope.NAMESPACED
   */
  readonly scope?: ResourceScope;
}

/**
 * A standalone KubeVirt preference (`instancetype.kubevirt.io/v1beta1`), namespaced or cluster-wide.
 * Refer to it with `MachineTemplate.fromInstancetype(type, { preference: pref.name, preferenceScope: pref.scope })`.
 *
 * @example
 * const fedora = new MachinePreference(chart, 'fedora', { diskBus: DiskBus.VIRTIO, interfaceModel: InterfaceModel.VIRTIO, rng: true });
 * new Machine(chart, 'web', {
 *   template: MachineTemplate.fromInstancetype('u1.medium', { preference: fedora.name, preferenceScope: fedora.scope }),
 * });
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class MachinePreference extends Construct {
  /** `metadata.name`. */
  public readonly name: string;
  /** Where it lives. */
  public readonly scope: ResourceScope;
  /** The generated object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachinePreferenceProps = {}) {
    guardNew('cdk8s-kubevirt.MachinePreference', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    this.name = props.name ?? id;
    this.scope = props.scope ?? ResourceScope.NAMESPACED;
    if (!isDns1123Subdomain(this.name)) {
      fail(this, { property: props.name === undefined ? 'name (from the construct id)' : 'name', problem: 'must be a Kubernetes object name', value: this.name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    const who = `MachinePreference '${this.node.path}'`;
    const spec = renderPreferenceOptions(who, props);
    this.apiObject = publish(this, 'Resource', this.name, this.scope, false, spec);
  }
}

/**
 * Creates an instancetype or preference object; cluster-scoped objects carry no namespace.
 * @internal
 */
export function publish(scope: Construct, id: string, name: string, resourceScope: ResourceScope, instancetype: boolean,
  spec: kv.VirtualMachineInstancetypeSpec | kv.VirtualMachinePreferenceSpec): ApiObject {
  const cluster = resourceScope === ResourceScope.CLUSTER;
  const gvk = instancetype
    ? (cluster ? gvks.VIRTUAL_MACHINE_CLUSTER_INSTANCETYPE : gvks.VIRTUAL_MACHINE_INSTANCETYPE)
    : (cluster ? gvks.VIRTUAL_MACHINE_CLUSTER_PREFERENCE : gvks.VIRTUAL_MACHINE_PREFERENCE);
  const namespace = cluster ? undefined : Chart.of(scope).namespace;
  const obj = keptApiObject(scope, id, { ...gvk, metadata: { name, ...(namespace ? { namespace } : {}) }, spec });
  // cdk8s gives every object the chart's namespace; cluster-scoped objects must not carry one.
  if (cluster && Chart.of(scope).namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

/**
 * Renders preference options into a preference spec (non-deprecated fields only).
 * @internal
 */
export function renderPreferenceOptions(who: string, p: PreferenceOptions): kv.VirtualMachinePreferenceSpec {
  checkCount(who, 'minCpus', p.minCpus);
  checkSize(who, 'minMemory', p.minMemory);
  if (p.terminationGracePeriod !== undefined && wholeSeconds(p.terminationGracePeriod) === undefined) {
    fail(who, { property: 'terminationGracePeriod', problem: 'must be a whole number of seconds', value: durationText(p.terminationGracePeriod), allowed: 'e.g. Duration.minutes(3)' });
  }
  if (p.cdromBus === DiskBus.VIRTIO) {
    fail(who, { property: 'cdromBus', problem: 'cannot be virtio for a CD-ROM', value: p.cdromBus, allowed: 'sata, scsi or usb', ruleId: 'disk-cdrom-virtio' });
  }
  const spec: kv.VirtualMachinePreferenceSpec = {};
  if (p.clock) spec.clock = p.clock._toKube();
  if (p.cpuTopology) spec.cpu = { preferredCPUTopology: p.cpuTopology };
  const devices: kv.At<kv.VirtualMachinePreferenceSpec, 'devices'> = {};
  if (p.cdromBus) devices.preferredCdromBus = p.cdromBus;
  if (p.diskBus) devices.preferredDiskBus = p.diskBus;
  if (p.interfaceModel) devices.preferredInterfaceModel = p.interfaceModel;
  if (p.rng) devices.preferredRng = {};
  if (p.tpm || p.persistentTpm) devices.preferredTPM = p.persistentTpm ? { persistent: true } : {};
  if (Object.keys(devices).length > 0) spec.devices = devices;
  const features: kv.At<kv.VirtualMachinePreferenceSpec, 'features'> = {};
  if (p.acpi !== undefined) features.preferredAcpi = { enabled: p.acpi };
  if (p.apic !== undefined) features.preferredApic = { enabled: p.apic };
  if (p.hyperv) features.preferredHyperv = p.hyperv._toKube();
  const secureBoot = p.firmware?.kind === 'efi' && p.firmware.secureBoot;
  if (p.smm !== undefined || secureBoot) features.preferredSmm = { enabled: secureBoot ? true : p.smm };
  if (Object.keys(features).length > 0) spec.features = features;
  if (p.firmware) spec.firmware = firmwarePreference(p.firmware);
  if (p.machineType) spec.machine = { preferredMachineType: p.machineType };
  if (p.architecture) spec.preferredArchitecture = p.architecture;
  if (p.terminationGracePeriod !== undefined) spec.preferredTerminationGracePeriodSeconds = wholeSeconds(p.terminationGracePeriod);
  if (p.minCpus !== undefined || p.minMemory !== undefined) {
    spec.requirements = {
      ...(p.minCpus !== undefined ? { cpu: { guest: p.minCpus } } : {}),
      ...(p.minMemory !== undefined ? { memory: { guest: quantity(p.minMemory)! } } : {}),
    };
  }
  return spec;
}

/** `preferredUseBios` or `preferredEfi`, never the deprecated `preferredUseEfi`/`preferredUseSecureBoot`. */
function firmwarePreference(f: Firmware): kv.At<kv.VirtualMachinePreferenceSpec, 'firmware'> {
  if (f.kind === 'bios') return { preferredUseBios: true };
  return { preferredEfi: { secureBoot: f.secureBoot, ...(f.persistent ? { persistent: true } : {}) } };
}

/**
 * The preference options a template's shape implies.
 * @internal
 */
export function templatePreferenceOptions(t: MachineTemplate, topology?: PreferredCpuTopology): PreferenceOptions {
  const f = t.features;
  return {
    cpuTopology: topology,
    diskBus: t.diskBus,
    interfaceModel: t.interfaceModel,
    firmware: t.firmware,
    machineType: t.machineType,
    smm: f?.smm,
    acpi: f?.acpi,
    apic: f?.apic,
    hyperv: f?.hyperv === HypervPreset.WINDOWS ? HypervSet.windows() : undefined,
  };
}
