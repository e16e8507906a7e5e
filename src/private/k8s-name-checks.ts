/**
 * Kubernetes checks of object names and namespaces (rules `object-name`, `object-namespace`,
 * `pool-replica-name-length`).
 */
import { v } from './k8s-violations';
import {
  DNS1035_LABEL_ALLOWED, DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1035Label, isDns1123Label, isDns1123Subdomain,
  PATH_SEGMENT_ALLOWED, pathSegmentProblem,
} from './names';
import { Violation } from '../rules/types';
/** Kinds whose objects are cluster-scoped (no namespace). */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PersistentVolume',
  'VirtualMachineClusterInstancetype', 'VirtualMachineClusterPreference',
]);

/** The longest CronJob name: Jobs append an 11-character suffix to a 63-character label (k8s ValidateCronJobCreate). */
export const MAX_CRONJOB_NAME = 52;
/** The longest DataImportCron name and managedDataSource (CDI validateNameLength with DNS1035LabelMaxLength). */
export const MAX_DATA_IMPORT_CRON_NAME = 63;

interface NameRule {
  readonly problem: (name: string) => string | undefined;
  readonly allowed: string;
}

const SUBDOMAIN_RULE: NameRule = { problem: n => isDns1123Subdomain(n) ? undefined : 'must be a DNS-1123 subdomain', allowed: DNS1123_SUBDOMAIN_ALLOWED };

/**
 * The name rule of each kind (k8s.io/apimachinery `pkg/api/validation` ValidateObjectMeta with the
 * kind's name function): most kinds, custom resources included, use NameIsDNSSubdomain; Service uses
 * NameIsDNS1035Label (ValidateServiceName); Namespace NameIsDNSLabel; RBAC kinds path segment names
 * (ValidateRBACName); CronJob also limits the length to 52 (ValidateCronJobCreate); CDI limits a
 * DataImportCron's name to 63 (dataimportcron-validate.go, Admit).
 */
function nameRule(kind: string): NameRule {
  switch (kind) {
    case 'Service':
      return { problem: n => isDns1035Label(n) ? undefined : 'must be a DNS-1035 label', allowed: DNS1035_LABEL_ALLOWED };
    case 'Namespace':
      return { problem: n => isDns1123Label(n) ? undefined : 'must be a DNS-1123 label', allowed: DNS1123_LABEL_ALLOWED };
    case 'Role': case 'RoleBinding': case 'ClusterRole': case 'ClusterRoleBinding':
      return { problem: pathSegmentProblem, allowed: PATH_SEGMENT_ALLOWED };
    case 'CronJob':
      return {
        problem: n => isDns1123Subdomain(n) ? (n.length > MAX_CRONJOB_NAME ? `must be at most ${MAX_CRONJOB_NAME} characters` : undefined) : 'must be a DNS-1123 subdomain',
        allowed: `${DNS1123_SUBDOMAIN_ALLOWED}, and at most ${MAX_CRONJOB_NAME} characters for a CronJob`,
      };
    case 'DataImportCron':
      return {
        problem: n => isDns1123Subdomain(n) ? (n.length > MAX_DATA_IMPORT_CRON_NAME ? `must be at most ${MAX_DATA_IMPORT_CRON_NAME} characters` : undefined) : 'must be a DNS-1123 subdomain',
        allowed: `${DNS1123_SUBDOMAIN_ALLOWED}, and at most ${MAX_DATA_IMPORT_CRON_NAME} characters for a DataImportCron`,
      };
    default:
      return SUBDOMAIN_RULE;
  }
}

/** `metadata.name` of an object of `kind` (rule `object-name`). */
export function objectNameViolations(kind: string, name: unknown, path = 'metadata.name'): Violation[] {
  const rule = nameRule(kind);
  if (typeof name !== 'string' || name === '') return [v('object-name', path, 'is required', name, rule.allowed)];
  const problem = rule.problem(name);
  return problem ? [v('object-name', path, problem, name, rule.allowed)] : [];
}

/** `metadata.namespace` of an object of `kind`: a DNS-1123 label, or absent for cluster-scoped kinds (rule `object-namespace`). */
export function namespaceViolations(kind: string, namespace: unknown, path = 'metadata.namespace'): Violation[] {
  if (namespace === undefined || namespace === null) return [];
  if (CLUSTER_SCOPED.has(kind)) {
    return namespace === '' ? [] : [v('object-namespace', path, `must not be set on a cluster-scoped ${kind}`, namespace, 'no namespace')];
  }
  return typeof namespace === 'string' && isDns1123Label(namespace) ? []
    : [v('object-namespace', path, 'must be a DNS-1123 label', namespace, DNS1123_LABEL_ALLOWED)];
}

/**
 * A pool's replica VMs are named `{pool}-{index}` (KubeVirt v1.9 pkg/virt-controller/watch/pool/pool.go,
 * generateVMName), and a VM name over 63 characters breaks its launcher pod (rule `pool-replica-name-length`).
 */
export function poolNameViolations(name: unknown, replicas: unknown, path = 'metadata.name'): Violation[] {
  if (typeof name !== 'string') return [];
  const count = typeof replicas === 'number' && Number.isInteger(replicas) && replicas > 1 ? replicas : 1;
  const longest = `${name}-${count - 1}`;
  return longest.length > 63
    ? [v('pool-replica-name-length', path, `must leave room for the replica suffix: replica VM ${JSON.stringify(longest)} is ${longest.length} characters`, name,
      `a name of at most ${63 - String(count - 1).length - 1} characters for ${count} replica${count === 1 ? '' : 's'}`)]
    : [];
}
