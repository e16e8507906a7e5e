/*
 * The structs and enums of MachineTemplate's factories (custom, fromInstancetype, inferFromVolume,
 * windows); the class is in machine-template.ts.
 */
import { Size } from 'cdk8s';
import { DomainFeatures, Firmware } from './firmware';
import { InterfaceModel } from '../network/network';
import { DiskBus } from '../storage/disk-set';

/**
 * CPU topology of a machine. KubeVirt gives the guest `sockets × cores × threads` vCPUs.
 */
export interface CpuTopology {
  /**
   * Cores per socket.
   * @default - the template's value (1 when nothing sets it)
   */
  readonly cores?: number;
  /**
   * Sockets.
   * @default - the template's value (1 when nothing sets it)
   */
  readonly sockets?: number;
  /**
   * Threads per core.
   * @default - the template's value (1 when nothing sets it)
   */
  readonly threads?: number;
}

/** Kind of an instancetype or preference reference. */
export enum ResourceScope {
  /** Cluster-wide object (`VirtualMachineClusterInstancetype` / `VirtualMachineClusterPreference`). */
  CLUSTER = 'cluster',
  /** Object in the VM's namespace (`VirtualMachineInstancetype` / `VirtualMachinePreference`). */
  NAMESPACED = 'namespaced',
}

/** Options for a template that refers to a KubeVirt instancetype. */
export interface InstancetypeOptions {
  /**
   * Where the instancetype lives.
   * @default ResourceScope.CLUSTER
   */
  readonly scope?: ResourceScope;
  /**
   * Name of a preference to apply too, e.g. `ubuntu`.
   * @default - no preference
   */
  readonly preference?: string;
  /**
   * Where the preference lives.
   * @default ResourceScope.CLUSTER
   */
  readonly preferenceScope?: ResourceScope;
  /**
   * Size of the root disk when a DiskSet does not give one.
   * @default Size.gibibytes(20)
   */
  readonly rootDiskSize?: Size;
}

/** What KubeVirt does when it cannot infer an instancetype or preference from a volume. */
export enum InferFromVolumeFailurePolicy {
  /** Reject the VM (KubeVirt's default). */
  REJECT = 'Reject',
  /** Create the VM without the instancetype or preference. */
  IGNORE = 'Ignore',
}

/** Options of `MachineTemplate.inferFromVolume`. */
export interface InferFromVolumeOptions {
  /**
   * What KubeVirt does when the volume carries no `instancetype.kubevirt.io/default-instancetype`
   * (or `default-preference`) label.
   * @default - KubeVirt's default, InferFromVolumeFailurePolicy.REJECT
   */
  readonly failurePolicy?: InferFromVolumeFailurePolicy;
  /**
   * Infer the preference from the same volume too.
   * @default true
   */
  readonly inferPreference?: boolean;
  /**
   * Size of the root disk when a DiskSet does not give one.
   * @default Size.gibibytes(20)
   */
  readonly rootDiskSize?: Size;
}

/** Properties of a custom `MachineTemplate`. */
export interface MachineTemplateProps {
  /**
   * Name, for documentation and for the converter (`small`, `medium` …).
   * @default 'custom'
   */
  readonly name?: string;
  /**
   * CPU topology.
   * @default - 1 core, 1 socket, 1 thread
   */
  readonly cpu?: CpuTopology;
  /**
   * Guest memory (`domain.memory.guest`).
   * @default Size.gibibytes(2)
   */
  readonly memory?: Size;
  /**
   * Size of the root disk, used when a DiskSet does not give one.
   * @default Size.gibibytes(20)
   */
  readonly rootDiskSize?: Size;
  /**
   * StorageClass of the root disk, used when a DiskSet does not give one.
   * @default - the cluster's default StorageClass
   */
  readonly rootDiskStorageClass?: string;
  /**
   * Firmware.
   * @default - KubeVirt's default, BIOS
   */
  readonly firmware?: Firmware;
  /**
   * Machine type, e.g. `q35`. Set it only to pin one: left out, the cluster's default applies.
   * @default - none: KubeVirt's webhook fills in the cluster's machine type for the architecture
   */
  readonly machineType?: string;
  /**
   * Hypervisor features.
   * @default - KubeVirt's defaults
   */
  readonly features?: DomainFeatures;
  /**
   * Default bus of disks that do not set one.
   * @default DiskBus.VIRTIO
   */
  readonly diskBus?: DiskBus;
  /**
   * Default model of interfaces that do not set one.
   * @default InterfaceModel.VIRTIO
   */
  readonly interfaceModel?: InterfaceModel;
}

/**
 * Options of `MachineTemplate.windows`. Upstream sources: kubevirt/common-instancetypes
 * `preferences/windows/base/base.yaml` and `preferences/windows/11/11.yaml`; kubevirt/common-templates
 * `templates/windows11.tpl.yaml`.
 */
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
