/**
 * The two Viti dialects' fields and size tables, and how a manifest's dialect is detected (see
 * `VitiDialect` in converter.ts, whose values these are).
 */
import { Size } from 'cdk8s';
import { MachineTemplate } from '../machine/machine-template';
import { Problem } from '../private/errors';

export const API_VERSION = 'vitistack.io/v1alpha1';
export const KIND = 'Machine';
export const MACHINE_LABEL = 'vitistack.io/machine';
export const CLUSTER_NAME_LABEL = 'cluster.vitistack.io/cluster-name';
export const SIZE_NAMES = ['small', 'medium', 'large'];

/** Metadata fields the API server fills in; a manifest exported from a cluster carries them. Ignored. */
export const SERVER_METADATA = ['creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generation',
  'managedFields', 'ownerReferences', 'resourceVersion', 'selfLink', 'uid'];
/** Annotations that describe the source object, not the machine. Dropped. */
export const DROPPED_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

export const REFERENCE_FIELDS = ['template', 'resources', 'disks', 'networks', 'bootOrder', 'cloudInit', 'domain'];
export const OVERVIEW_FIELDS = ['instanceType', 'name', 'cpu', 'memory', 'disks'];
export const DISK_FIELDS = ['name', 'size', 'storageClass', 'accessMode', 'volumeMode'];
export const BOOT_DEVICES = ['disk', 'network', 'cdrom'];
/** What the two Viti documents call the machine types, and the QEMU machine types KubeVirt takes. */
export const MACHINE_TYPES: Record<string, string> = { 'pc-q35': 'q35', 'pc-i440fx': 'pc' };
export const QUANTITY_ALLOWED = 'a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"';
export const MACHINE_TYPE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const REFERENCE_TEMPLATES: Record<string, MachineTemplate> = {
  small: MachineTemplate.SMALL,
  medium: MachineTemplate.MEDIUM,
  large: MachineTemplate.LARGE,
};
let overviewTemplates_: Record<string, MachineTemplate> | undefined;
/**
 * The overview dialect's templates, made at first use: `MachineTemplate.custom` runs the type guard,
 * whose tables would otherwise load when the library is required.
 */
export function overviewTemplates(): Record<string, MachineTemplate> {
  return (overviewTemplates_ ??= {
    small: MachineTemplate.custom({ name: 'small', cpu: { cores: 1, sockets: 1, threads: 1 }, memory: Size.gibibytes(1), rootDiskSize: Size.gibibytes(20) }),
    medium: MachineTemplate.custom({ name: 'medium', cpu: { cores: 2, sockets: 2, threads: 1 }, memory: Size.gibibytes(2), rootDiskSize: Size.gibibytes(40) }),
    large: MachineTemplate.custom({ name: 'large', cpu: { cores: 4, sockets: 2, threads: 2 }, memory: Size.gibibytes(4), rootDiskSize: Size.gibibytes(80) }),
  });
}

/** A dialect, as the values of `VitiDialect` (converter.ts imports this file, so it cannot be imported here). */
export type Dialect = 'reference' | 'overview';

export function detectDialect(spec: Record<string, any>, report: (p: Problem) => void): Dialect {
  const reference = REFERENCE_FIELDS.filter(f => f !== 'disks' && spec[f] !== undefined);
  const overview = OVERVIEW_FIELDS.filter(f => f !== 'disks' && spec[f] !== undefined);
  if (reference.length > 0 && overview.length > 0) {
    report({
      property: 'spec',
      problem: 'mixes the two Viti dialects',
      value: [...reference, ...overview],
      allowed: `either reference fields (${REFERENCE_FIELDS.join(', ')}) or overview fields (${OVERVIEW_FIELDS.join(', ')})`,
    });
  }
  return overview.length > 0 && reference.length === 0 ? 'overview' : 'reference';
}
