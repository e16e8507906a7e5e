import { Duration, Size } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-28';
import { DeviceOptions } from './devices';
import { DomainFeatures, Firmware } from './firmware';
import { MachineTemplate } from './machine-template';
import { CpuTopology } from './machine-template-props';
import { PodOptions } from './pod-options';
import { Probe } from './probe';
import { TuningOptions } from './tuning';
import { WindowsOptions } from './windows';
import { AccessCredential } from '../cloud-init/access-credential';
import { CloudInit } from '../cloud-init/cloud-init';
import { Network } from '../network/network';
import { SecretKind } from '../secret-kind';
import { DiskSet } from '../storage/disk-set';

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

/** CPU architecture of the guest (`spec.template.spec.architecture`). */
export enum Architecture {
  /** x86-64; default machine type `q35`. */
  AMD64 = 'amd64',
  /** 64-bit ARM; default machine type `virt`. */
  ARM64 = 'arm64',
  /** IBM Z; default machine type `s390-ccw-virtio`. */
  S390X = 's390x',
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

/**
 * What a machine is made of: size, disks, first-boot configuration, networks, devices, scheduling.
 * Shared by `MachineProps` and `MachinePoolProps`. Devices, tuning, pod-level and Windows
 * options are declared in devices.ts, tuning.ts, pod-options.ts and windows.ts.
 */
export interface MachineOptions extends DeviceOptions, TuningOptions, PodOptions, WindowsOptions {
  /**
   * Labels, on the VM and on its template. For labels on the template alone, see `templateLabels`.
   * @default - none besides the standard ones
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations, on the VM and on its template. For annotations on the template alone, see
   * `templateAnnotations`.
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
   * Machine type, overriding the template's. Set it only to pin one: left out, KubeVirt's webhook
   * fills in the preference's `preferredMachineType` or the cluster's versioned machine type for the
   * architecture (KubeVirt CR `spec.configuration.architectureConfiguration`).
   * @default - the template's machine type, else none: the cluster decides
   */
  readonly machineType?: string;
  /**
   * Guest architecture. Set it only to pin one: left out, KubeVirt's webhook fills in the preference's
   * `preferredArchitecture`, the `template.kubevirt.io/architecture` label of a DataSource the disks
   * clone from, or the cluster's default architecture.
   * @default - none: the cluster decides
   */
  readonly architecture?: Architecture;
  /**
   * Features, merged field by field on top of the template's.
   * @default - the template's features
   */
  readonly features?: DomainFeatures;
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
   * Subdomain (a DNS subdomain), for a headless Service.
   * @default - none
   */
  readonly subdomain?: string;

  /**
   * Kinds of secret this machine's output may carry. Every object the machine emits (the VM, its
   * DataVolumes or PVCs, its cloud-init Secret) is scanned after all patches, and a finding stops
   * synthesis unless its kind is listed here. `CloudInit` options `allowPasswords` and `allowSecrets`
   * opt in too, for the user data they describe.
   *
   * @default - none: a password, private key, token or URL credential in the output is an error
   */
  readonly allowSecrets?: SecretKind[];
}

/** Properties of a `Machine`. */
export interface MachineProps extends MachineOptions {
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
   * Firmware UUID (the guest's SMBIOS system UUID). Set it to keep the UUID a VM already has when it
   * is adopted into this library (`kubectl get vm X -o jsonpath='{.spec.template.spec.domain.firmware.uuid}'`).
   * @default - with `stableFirmwareUuid` (the default), a UUID (version 5) derived from namespace and
   * name; without it, none
   */
  readonly firmwareUuid?: string;
  /**
   * Emit a firmware UUID derived from namespace and name, so that the guest keeps its identity when the
   * VM is re-created or the cluster is rebuilt. Set `false` to emit none, for example when the same Git
   * is applied to several clusters that must not share guest identities: KubeVirt's webhook then sets a
   * random UUID when the VM is created (kubevirt v1.9.0 `vm-mutator.go` `setFirmwareDefaultsIfEmpty`),
   * which Argo CD's default diff does not compare because Git does not set it.
   * @default true
   */
  readonly stableFirmwareUuid?: boolean;
  /**
   * Guest hostname (a DNS label).
   * @default - the VM name
   */
  readonly hostname?: string;
}
