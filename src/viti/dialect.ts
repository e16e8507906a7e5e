import { DiskEmission } from '../storage/disk-set';

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
