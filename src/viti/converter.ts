import { Construct } from 'constructs';
import type * as Convert from './convert';
import { API_VERSION, CLUSTER_NAME_LABEL, detectDialect, KIND, MACHINE_LABEL, overviewTemplates, REFERENCE_TEMPLATES } from './fields';
import type * as Reader from './reader';
import { Machine } from '../machine/machine';
import { MachineTemplate } from '../machine/machine-template';
import { formatProblem, KubevirtError } from '../private/errors';
import { onFirstUse } from '../private/lazy';
import { guardCall } from '../private/lazy-guard';
import { SecretKind } from '../secret-kind';
import { DiskEmission } from '../storage/disk-set';

// The conversion itself: loaded at the first conversion, not when the library is required (see onFirstUse).
/* eslint-disable @typescript-eslint/no-require-imports */
const convertModule = onFirstUse((): typeof Convert => require('./convert'));
const reader = onFirstUse((): typeof Reader => require('./reader'));
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The two dialects of the Viti `vitistack.io/v1alpha1` `Machine` resource.
 *
 * The Viti operator is described by two documents that disagree on field names and on instance sizes.
 * A manifest's dialect is decided by the fields its `spec` uses, and the dialect decides which size table
 * applies (see `Viti.template`).
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

/** Options of `Viti.toMachine`. */
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
  /**
   * Kinds of secret the machine's output may carry (see `MachineOptions.allowSecrets`), on top of
   * what `allowPasswords` and `allowSecrets` allow. The CLI's `convert --allow-secret` sets it.
   * @default - none beyond allowPasswords and allowSecrets
   */
  readonly allowSecretKinds?: SecretKind[];
}

/**
 * Converts Viti operator `Machine` manifests (`vitistack.io/v1alpha1`) into this library's constructs,
 * so that they synthesize to KubeVirt YAML with no operator in the cluster.
 *
 * Both dialects are read (see `VitiDialect`). The mapping follows the operator's reference:
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
 *   `Viti.unmappedFields`;
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
   * Creates the `Machine` that a Viti `Machine` manifest describes.
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
    const { props } = convertModule().convert(manifest, options);
    return new Machine(scope, id, options.allowSecretKinds ? { ...props, allowSecrets: options.allowSecretKinds } : props);
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
    const { isMapping } = reader();
    const dialect = detectDialect(isMapping(manifest) && isMapping(manifest.spec) ? manifest.spec : {}, (p) => errors.push(formatProblem(p)));
    if (errors.length > 0) throw new KubevirtError(`${convertModule().describe(manifest)}: ${errors[0]}`);
    return dialect === 'overview' ? VitiDialect.OVERVIEW : VitiDialect.REFERENCE;
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
    const table = dialect === VitiDialect.OVERVIEW ? overviewTemplates() : REFERENCE_TEMPLATES;
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name)) {
      throw new KubevirtError(`Viti: ${convertModule().templateNotFound(dialect === VitiDialect.OVERVIEW ? 'instanceType' : 'template', name)}`);
    }
    return table[name];
  }

  /**
   * The fields of a valid Viti Machine that the conversion accepts but cannot express in KubeVirt, each
   * with what was done instead, e.g. `spec.bootOrder[2]: "cdrom" is skipped; …`. Empty when everything
   * maps. Fails on an invalid manifest, like `Viti.toMachine`.
   *
   * @param manifest one parsed Viti Machine
   * @param options as for `Viti.toMachine`
   */
  public static unmappedFields(manifest: any, options: VitiOptions = {}): string[] {
    guardCall(undefined, 'cdk8s-kubevirt.viti.Viti', 'unmappedFields', [manifest, options]);
    return convertModule().convert(manifest, options).unmapped;
  }

  private constructor() {}
}
