/**
 * Windows guests: the template that does what upstream's Windows preferences and templates do, and
 * the sysprep (unattend.xml) volume.
 *
 * Upstream sources: kubevirt/common-instancetypes `preferences/windows/base/base.yaml` (clock, timers,
 * Hyper-V set, sata disks, e1000e NICs) and `preferences/windows/11/11.yaml` (TPM, SMM, EFI with secure
 * boot); kubevirt/common-templates `templates/windows11.tpl.yaml` (tablet on usb, persistent EFI and
 * TPM, 3600 s grace period).
 */
import { Duration, Size } from 'cdk8s';
import { Clock, InputBus, InputDevice } from './devices';
import { CpuTopology, Firmware, HypervPreset, MachineTemplate } from './machine-template';
import { InterfaceModel } from '../network/network';
import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { DiskBus } from '../storage/disk-set';

/** Options of {@link MachineTemplate.windows}. */
export interface WindowsTemplateOptions {
  /**
   * Name of the template.
   * @default 'windows'
   */
  readonly name?: string;
  /**
   * CPU topology. Upstream's Windows preference prefers sockets (client editions license by socket).
   * @default - 2 cores, 1 socket, 1 thread
   */
  readonly cpu?: CpuTopology;
  /**
   * Guest memory.
   * @default Size.gibibytes(4)
   */
  readonly memory?: Size;
  /**
   * Size of the root disk when a DiskSet does not give one.
   * @default Size.gibibytes(64)
   */
  readonly rootDiskSize?: Size;
  /**
   * StorageClass of the root disk when a DiskSet does not give one.
   * @default - the cluster's default StorageClass
   */
  readonly rootDiskStorageClass?: string;
  /**
   * The image has the virtio drivers installed: disks on virtio and NICs with the virtio model.
   * Without them, disks use sata and NICs e1000e, which Windows boots with its own drivers.
   * @default false
   */
  readonly virtioDrivers?: boolean;
  /**
   * EFI secure boot (Windows 11 and Server 2025 require it). SMM is turned on with it.
   * @default true
   */
  readonly secureBoot?: boolean;
  /**
   * Keep EFI variables and the TPM's state across restarts (needs the VMPersistentState feature
   * gate). BitLocker and Windows Hello need the TPM state kept.
   * @default true
   */
  readonly persistentState?: boolean;
  /**
   * Add a USB tablet, so that the VNC pointer tracks the guest's.
   * @default true
   */
  readonly tablet?: boolean;
}

/** Machine-level defaults that a template carries (the Windows profile). @internal */
export interface GuestDefaults {
  readonly clock?: Clock;
  readonly inputs?: InputDevice[];
  readonly tpm?: boolean;
  readonly persistentTpm?: boolean;
  readonly terminationGracePeriod?: Duration;
}

/** Builds the Windows template (see {@link MachineTemplate.windows}). */
export function windowsTemplate(options: WindowsTemplateOptions): MachineTemplate {
  const persistent = options.persistentState ?? true;
  const secureBoot = options.secureBoot ?? true;
  const t = MachineTemplate.custom({
    name: options.name ?? 'windows',
    cpu: options.cpu ?? { cores: 2, sockets: 1, threads: 1 },
    memory: options.memory ?? Size.gibibytes(4),
    rootDiskSize: options.rootDiskSize ?? Size.gibibytes(64),
    rootDiskStorageClass: options.rootDiskStorageClass,
    firmware: Firmware.efi({ secureBoot, persistent }),
    features: { acpi: true, apic: true, smm: true, hyperv: HypervPreset.WINDOWS },
    diskBus: options.virtioDrivers ? DiskBus.VIRTIO : DiskBus.SATA,
    interfaceModel: options.virtioDrivers ? InterfaceModel.VIRTIO : InterfaceModel.E1000E,
  });
  t._guest = {
    clock: Clock.windows(),
    inputs: (options.tablet ?? true) ? [InputDevice.tablet({ bus: InputBus.USB })] : undefined,
    tpm: true,
    persistentTpm: persistent,
    terminationGracePeriod: Duration.hours(1),
  };
  return t;
}

/**
 * A Windows answer file (`unattend.xml` / `autounattend.xml`) handed to Windows setup on a sysprep
 * volume, from a ConfigMap or a Secret you create. It is attached as a CD-ROM named `sysprep` on the
 * sata bus, as KubeVirt's docs show.
 *
 * A Secret is the better home when the answer file holds passwords: it keeps them out of Git when
 * the Secret is managed elsewhere (SealedSecrets, ExternalSecrets).
 *
 * @see https://kubevirt.io/user-guide/user_workloads/startup_scripts/#sysprep
 */
export class Sysprep {
  /** The answer file from a ConfigMap (keys `autounattend.xml` and/or `unattend.xml`). */
  public static fromConfigMap(name: string): Sysprep {
    checkObjectName('fromConfigMap', name);
    return new Sysprep({ configMap: { name } });
  }

  /** The answer file from a Secret (keys `autounattend.xml` and/or `unattend.xml`). */
  public static fromSecret(name: string): Sysprep {
    checkObjectName('fromSecret', name);
    return new Sysprep({ secret: { name } });
  }

  /** The disk and volume name. */
  public readonly volumeName = 'sysprep';

  private constructor(private readonly source: any) {}

  /** @internal */
  public _disk(): any {
    return { name: this.volumeName, cdrom: { bus: DiskBus.SATA } };
  }

  /** @internal */
  public _volume(): any {
    return { name: this.volumeName, sysprep: this.source };
  }
}

function checkObjectName(factory: string, name: string): void {
  if (!isDns1123Subdomain(name)) {
    fail(`Sysprep.${factory}`, { property: 'name', problem: 'must be a Kubernetes object name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
}

/** Windows first-boot options of a machine. */
export interface WindowsOptions {
  /**
   * A Windows answer file on a sysprep volume (the Windows counterpart of `cloudInit`).
   * @default - none
   * @see https://kubevirt.io/user-guide/user_workloads/startup_scripts/#sysprep
   */
  readonly sysprep?: Sysprep;
}
