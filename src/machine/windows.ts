/**
 * Windows guests: the machine-level part of the Windows profile (MachineTemplate.windows() holds the
 * rest), and the sysprep (unattend.xml) volume.
 *
 * Upstream sources: kubevirt/common-instancetypes `preferences/windows/base/base.yaml` (clock, timers,
 * Hyper-V set, sata disks, e1000e NICs) and `preferences/windows/11/11.yaml` (TPM, SMM, EFI with secure
 * boot); kubevirt/common-templates `templates/windows11.tpl.yaml` (tablet on usb, persistent EFI and
 * TPM, 3600 s grace period).
 */
import { Duration } from 'cdk8s';
import { Clock } from './clock';
import { InputBus, InputDevice } from './devices';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { DiskBus } from '../storage/disk-set';

/** Machine-level defaults that a template carries (the Windows profile). @internal */
export interface GuestDefaults {
  readonly clock?: Clock;
  readonly inputs?: InputDevice[];
  readonly tpm?: boolean;
  readonly persistentTpm?: boolean;
  readonly terminationGracePeriod?: Duration;
}

/**
 * The machine-level part of the Windows profile: clock and timers, the USB tablet, the TPM and the
 * grace period of kubevirt/common-templates `templates/windows11.tpl.yaml`.
 */
export function windowsGuestDefaults(tablet: boolean, persistent: boolean): GuestDefaults {
  return {
    clock: Clock.windows(),
    inputs: tablet ? [InputDevice.tablet({ bus: InputBus.USB })] : undefined,
    tpm: true,
    persistentTpm: persistent,
    terminationGracePeriod: Duration.hours(1),
  };
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
    guardCall(undefined, 'cdk8s-kubevirt.Sysprep', 'fromConfigMap', [name]);
    checkObjectName('fromConfigMap', name);
    return new Sysprep({ configMap: { name } });
  }

  /** The answer file from a Secret (keys `autounattend.xml` and/or `unattend.xml`). */
  public static fromSecret(name: string): Sysprep {
    guardCall(undefined, 'cdk8s-kubevirt.Sysprep', 'fromSecret', [name]);
    checkObjectName('fromSecret', name);
    return new Sysprep({ secret: { name } });
  }

  /** The disk and volume name. */
  public readonly volumeName = 'sysprep';

  private constructor(private readonly source: kv.At<kv.Volume, 'sysprep'>) {}

  /** @internal */
  public _disk(): kv.Disk {
    return { name: this.volumeName, cdrom: { bus: DiskBus.SATA } };
  }

  /** @internal */
  public _volume(): kv.Volume {
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
