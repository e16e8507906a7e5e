/**
 * Firmware (BIOS or EFI with secure boot) and domain features (ACPI, APIC, SMM, Hyper-V), as a machine
 * or a template sets them.
 */
import type * as kv from '../imports/kubevirt-json';
import { guardCall } from '../private/lazy-guard';

/** How a Hyper-V enlightenment set is chosen. */
export enum HypervPreset {
  /** No Hyper-V enlightenments. */
  NONE = 'none',
  /**
   * The set KubeVirt's Windows preferences use: relaxed, vapic, spinlocks (8191), vpindex, runtime,
   * synic, synictimer (direct), reset, frequencies, reenlightenment, tlbflush and ipi.
   */
  WINDOWS = 'windows',
}

/** The Hyper-V enlightenments KubeVirt's Windows preferences use (HypervPreset.WINDOWS; internal: not exported from the package). */
export const HYPERV_WINDOWS: kv.At<kv.Features, 'hyperv'> = {
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

/**
 * Hypervisor features exposed to the guest (`spec.template.spec.domain.features`).
 * @see https://kubevirt.io/user-guide/virtual_machines/virtual_hardware/
 */
export interface DomainFeatures {
  /**
   * ACPI.
   * @default - KubeVirt's default (enabled)
   */
  readonly acpi?: boolean;
  /**
   * APIC.
   * @default - KubeVirt's default (not set)
   */
  readonly apic?: boolean;
  /**
   * System Management Mode. Secure boot turns it on by itself.
   * @default - off, unless EFI secure boot is on
   */
  readonly smm?: boolean;
  /**
   * Hyper-V enlightenments, for Windows guests.
   * @default HypervPreset.NONE
   */
  readonly hyperv?: HypervPreset;
}

/** Options for EFI firmware. */
export interface EfiOptions {
  /**
   * Secure boot. Turning it on also turns on SMM, which KubeVirt requires for it.
   * @default false (emitted explicitly: KubeVirt would otherwise default it to true and then reject it without SMM)
   */
  readonly secureBoot?: boolean;
  /**
   * Keep EFI variables (NVRAM) across restarts in a persistent volume (needs the VMPersistentState feature gate).
   * @default false
   */
  readonly persistent?: boolean;
}

/**
 * Guest firmware: BIOS or EFI.
 */
export class Firmware {
  /** Legacy BIOS. */
  public static bios(): Firmware {
    return new Firmware('bios', false, false);
  }

  /** UEFI, optionally with secure boot and persistent NVRAM. */
  public static efi(options: EfiOptions = {}): Firmware {
    guardCall(undefined, 'cdk8s-kubevirt.Firmware', 'efi', [options]);
    return new Firmware('efi', options.secureBoot ?? false, options.persistent ?? false);
  }

  private constructor(
    /** `bios` or `efi`. */
    public readonly kind: string,
    /** Whether EFI secure boot is on. */
    public readonly secureBoot: boolean,
    /** Whether EFI NVRAM is persistent. */
    public readonly persistent: boolean) {}

  /** @internal */
  public _toKube(): kv.Firmware {
    return this.kind === 'bios'
      ? { bootloader: { bios: {} } }
      : { bootloader: { efi: { secureBoot: this.secureBoot, ...(this.persistent ? { persistent: true } : {}) } } };
  }
}
