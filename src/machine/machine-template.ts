
import { Size } from 'cdk8s';
import { DomainFeatures, Firmware, HypervPreset } from './firmware';
import { CpuTopology, ResourceScope, InstancetypeOptions, InferFromVolumeFailurePolicy, InferFromVolumeOptions, MachineTemplateProps, WindowsTemplateOptions } from './machine-template-props';
import { GuestDefaults, windowsGuestDefaults } from './windows';
import { InterfaceModel } from '../network/network';
import { fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import { guardCall } from '../private/lazy-guard';
import { isDns1123Subdomain } from '../private/names';
import { checkCount, checkSize } from '../private/units';
import { DiskBus } from '../storage/disk-set';

const TEMPLATE_NAMES = ['small', 'medium', 'large'];

/**
 * A reusable size and shape for machines.
 *
 * Either explicit values (the built-in `SMALL`, `MEDIUM`, `LARGE`, or `custom()`), or a reference to a
 * KubeVirt instancetype and preference (`fromInstancetype()`), which emits `spec.instancetype` and
 * `spec.preference` and no inline CPU or memory.
 *
 * @example
 * // explicit values, shared by several machines
 * const small = MachineTemplate.custom({ name: 'small', cpu: { cores: 1 }, memory: Size.gibibytes(2) });
 * new Machine(chart, 'cache', { template: small });
 * // or a reference to a KubeVirt instancetype and preference
 * new Machine(chart, 'web', { template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'fedora' }) });
 */
export class MachineTemplate {
  // The built-in templates are made without the type guard (their props are literals here): the guard
  // then loads its tables at the first call from user code, not when the library is required.
  /** 1 core, 1 socket, 1 thread; 2Gi memory; 20Gi root disk (Viti reference `small`). */
  public static readonly SMALL = new MachineTemplate({ name: 'small', cpu: { cores: 1, sockets: 1, threads: 1 }, memory: Size.gibibytes(2), rootDiskSize: Size.gibibytes(20) }, undefined);
  /** 2 cores, 1 socket, 1 thread; 4Gi memory; 40Gi root disk (Viti reference `medium`). */
  public static readonly MEDIUM = new MachineTemplate({ name: 'medium', cpu: { cores: 2, sockets: 1, threads: 1 }, memory: Size.gibibytes(4), rootDiskSize: Size.gibibytes(40) }, undefined);
  /** 4 cores, 1 socket, 1 thread; 8Gi memory; 80Gi root disk (Viti reference `large`). */
  public static readonly LARGE = new MachineTemplate({ name: 'large', cpu: { cores: 4, sockets: 1, threads: 1 }, memory: Size.gibibytes(8), rootDiskSize: Size.gibibytes(80) }, undefined);

  /** A template with explicit values. */
  public static custom(props: MachineTemplateProps = {}): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.MachineTemplate', 'custom', [props]);
    return new MachineTemplate(props, undefined);
  }

  /**
   * A built-in template by name: `small`, `medium` or `large`.
   * Fails like the Viti operator's `TemplateNotFound` for any other name.
   */
  public static fromName(name: string): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.MachineTemplate', 'fromName', [name]);
    switch (name) {
      case 'small': return MachineTemplate.SMALL;
      case 'medium': return MachineTemplate.MEDIUM;
      case 'large': return MachineTemplate.LARGE;
      default: return fail('MachineTemplate', {
        property: 'name',
        problem: 'is not a known template (TemplateNotFound)',
        value: name,
        allowed: `one of ${TEMPLATE_NAMES.join(', ')}`,
      });
    }
  }

  /**
   * A template that refers to a KubeVirt instancetype (and optionally a preference) by name,
   * e.g. `MachineTemplate.fromInstancetype('u1.medium', { preference: 'ubuntu' })`.
   *
   * Machines using it cannot override CPU or memory: KubeVirt rejects them together with an
   * instancetype, and the library does not know the instancetype's values.
   */
  public static fromInstancetype(instancetype: string, options: InstancetypeOptions = {}): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.MachineTemplate', 'fromInstancetype', [instancetype, options]);
    return new MachineTemplate({ name: instancetype, rootDiskSize: options.rootDiskSize }, {
      instancetype,
      scope: options.scope ?? ResourceScope.CLUSTER,
      preference: options.preference,
      preferenceScope: options.preferenceScope ?? ResourceScope.CLUSTER,
    });
  }

  /**
   * A Windows guest, as upstream's Windows preferences and templates set one up: EFI with secure
   * boot and SMM, a persistent TPM, the Hyper-V enlightenments with UTC clock and timers (HPET off,
   * PIT delay, RTC catchup, Hyper-V timer), a USB tablet, a one-hour shutdown grace period, and disks
   * on sata and NICs with the e1000e model, which Windows boots without extra drivers.
   * Machine props (`clock`, `inputs`, `tpm`, `persistentTpm`, `terminationGracePeriod`) override it.
   *
   * @see https://kubevirt.io/user-guide/user_workloads/windows_virtio_drivers/
   * @example
   * new Machine(chart, 'win', {
   *   template: MachineTemplate.windows({ cpu: { sockets: 2, cores: 2 } }),
   *   disks: new DiskSet({ root: { source: DiskSource.dataSource('win2k22', 'kubevirt-os-images') } }),
   *   sysprep: Sysprep.fromConfigMap('win-unattend'),
   * });
   */
  public static windows(options: WindowsTemplateOptions = {}): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.MachineTemplate', 'windows', [options]);
    const persistent = options.persistentState ?? true;
    const t = MachineTemplate.custom({
      name: options.name ?? 'windows',
      cpu: options.cpu ?? { cores: 2, sockets: 1, threads: 1 },
      memory: options.memory ?? Size.gibibytes(4),
      rootDiskSize: options.rootDiskSize ?? Size.gibibytes(64),
      rootDiskStorageClass: options.rootDiskStorageClass,
      firmware: Firmware.efi({ secureBoot: options.secureBoot ?? true, persistent }),
      features: { acpi: true, apic: true, smm: true, hyperv: HypervPreset.WINDOWS },
      diskBus: options.virtioDrivers ? DiskBus.VIRTIO : DiskBus.SATA,
      interfaceModel: options.virtioDrivers ? InterfaceModel.VIRTIO : InterfaceModel.E1000E,
    });
    t._guest = windowsGuestDefaults(options.tablet ?? true, persistent);
    return t;
  }

  /**
   * A template whose instancetype and preference KubeVirt infers from a volume's
   * `instancetype.kubevirt.io/default-instancetype` and `default-preference` labels (a DataSource, a
   * cloned PVC, or a registry import that sets them), e.g. `MachineTemplate.inferFromVolume('root')`.
   * Machines using it render no CPU or memory, and cannot override them.
   *
   * KubeVirt replaces `inferFromVolume` with the inferred name when it creates the VM; a GitOps tool
   * that compares `spec.instancetype` sees that as a difference, so tell it to ignore that field.
   *
   * @param volume the disk (volume) name, e.g. `root`; it must be a DataVolume or PVC disk
   * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/#inferring-defaults-from-a-volume
   */
  public static inferFromVolume(volume: string, options: InferFromVolumeOptions = {}): MachineTemplate {
    guardCall(undefined, 'cdk8s-kubevirt.MachineTemplate', 'inferFromVolume', [volume, options]);
    const t = new MachineTemplate({ name: volume, rootDiskSize: options.rootDiskSize }, {
      instancetype: volume,
      scope: ResourceScope.CLUSTER,
      preference: options.inferPreference === false ? undefined : volume,
      preferenceScope: ResourceScope.CLUSTER,
      inferFromVolume: volume,
      failurePolicy: options.failurePolicy,
    });
    return t;
  }

  /**
   * A template referring to objects published by MachineInstancetype.
   * @internal
   */
  public static _fromPublished(resolved: MachineTemplate, name: string, scope: ResourceScope, withPreference: boolean): MachineTemplate {
    const t = new MachineTemplate({ name, rootDiskSize: resolved.rootDiskSize, rootDiskStorageClass: resolved.rootDiskStorageClass }, {
      instancetype: name, scope, preference: withPreference ? name : undefined, preferenceScope: scope,
    });
    t._resolved = resolved;
    return t;
  }

  /** Name of the template (or of the instancetype it refers to). */
  public readonly name: string;
  /** CPU topology. Undefined for an instancetype template. */
  public readonly cpu?: CpuTopology;
  /** Guest memory. Undefined for an instancetype template. */
  public readonly memory?: Size;
  /** Default root disk size. */
  public readonly rootDiskSize: Size;
  /** Default root disk StorageClass; undefined means the cluster default. */
  public readonly rootDiskStorageClass?: string;
  /** Firmware, if set. */
  public readonly firmware?: Firmware;
  /** Machine type, if set. */
  public readonly machineType?: string;
  /** Features, if set. */
  public readonly features?: DomainFeatures;
  /** Default disk bus, if set. */
  public readonly diskBus?: DiskBus;
  /** Default interface model, if set. */
  public readonly interfaceModel?: InterfaceModel;
  /** The instancetype this template refers to, if any. */
  public readonly instancetype?: string;

  /** @internal */
  public readonly _instancetype?: {
    instancetype: string;
    scope: ResourceScope;
    preference?: string;
    preferenceScope: ResourceScope;
    /** The volume KubeVirt infers both from, if any (then `instancetype`/`preference` hold its name). */
    inferFromVolume?: string;
    failurePolicy?: InferFromVolumeFailurePolicy;
  };

  /**
   * For a template published by MachineInstancetype: the template with the explicit values, so that a
   * machine overriding CPU or memory can be resolved instead of rejected.
   * @internal
   */
  public _resolved?: MachineTemplate;

  /**
   * Machine-level defaults the template carries (the Windows profile).
   * @internal
   */
  public _guest?: GuestDefaults;

  private constructor(props: MachineTemplateProps, instancetype: MachineTemplate['_instancetype']) {
    const who = `MachineTemplate '${props.name ?? 'custom'}'`;
    props = frozenCopy(who, 'props', props);
    this.name = props.name ?? 'custom';
    this._instancetype = instancetype;
    this.instancetype = instancetype?.instancetype;
    if (instancetype) {
      checkResourceName(who, 'instancetype', instancetype.instancetype);
      if (instancetype.preference !== undefined) checkResourceName(who, 'preference', instancetype.preference);
    } else {
      this.cpu = { cores: props.cpu?.cores ?? 1, sockets: props.cpu?.sockets ?? 1, threads: props.cpu?.threads ?? 1 };
      for (const field of ['cores', 'sockets', 'threads'] as const) checkCount(who, `cpu.${field}`, this.cpu[field]);
      this.memory = props.memory ?? Size.gibibytes(2);
      checkSize(who, 'memory', this.memory);
    }
    this.rootDiskSize = props.rootDiskSize ?? Size.gibibytes(20);
    checkSize(who, 'rootDiskSize', this.rootDiskSize);
    this.rootDiskStorageClass = props.rootDiskStorageClass;
    this.firmware = props.firmware;
    this.machineType = props.machineType;
    this.features = props.features;
    this.diskBus = props.diskBus;
    this.interfaceModel = props.interfaceModel;
  }
}

function checkResourceName(who: string, property: string, value: string): void {
  if (!isDns1123Subdomain(value)) {
    fail(who, { property, problem: 'must be a DNS-1123 subdomain', value, allowed: "lowercase letters, digits, '-' and '.', at most 253 characters, e.g. 'u1.medium'" });
  }
}
