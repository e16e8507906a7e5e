/**
 * What the Kubernetes API server (and CDI's webhook) validates for the objects this library emits,
 * beyond the CRD schemas and KubeVirt's admission rules (src/rules/): object names and namespaces,
 * labels, annotations, node selectors, storage class names, Service ports, cron schedules and time
 * zones, image references, import URLs; and the app-wide checks that only fail at run time: MAC
 * addresses unique and unicast, `#cloud-config` that parses, device names that are resource names,
 * exec probes with a command.
 *
 * Two ways in, one implementation:
 * - `kubernetesViolations(manifests)` checks a list of final manifests: one walk per manifest plus
 *   the cross-object checks. It is pure and total, like src/rules: it never throws and never mutates.
 * - the `…Violations(value, property)` functions check one value; constructs call
 *   `failOnViolations(who, violations)` to throw the first as a `KubevirtError`.
 *
 * The rule ids are listed in src/rules/kubernetes.ts and src/rules/README.md.
 */
import { IConstruct } from 'constructs';
import { cloudConfigProblemByEntries } from './cloud-config-entries';
import { CRON_SCHEDULE_ALLOWED, cronScheduleProblem, TIME_ZONE_ALLOWED, timeZoneProblem } from './cron';
import { fail } from './errors';
import { IMAGE_REFERENCE_ALLOWED, imageReferenceProblem } from './image-reference';
import { yaml } from './lazy';
import {
  DNS1035_LABEL_ALLOWED, DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, EXTENDED_RESOURCE_ALLOWED,
  extendedResourceNameProblem, isDns1035Label, isDns1123Label, isDns1123Subdomain, LABEL_VALUE_ALLOWED, labelValueProblem,
  PATH_SEGMENT_ALLOWED, pathSegmentProblem, PORT_NAME_ALLOWED, portNameProblem, QUALIFIED_NAME_ALLOWED, qualifiedNameProblem,
} from './names';
import { CHECKSUM_ALLOWED, checksumProblem, redactUrl, sourceUrlAllowed, sourceUrlProblem, URL_SOURCES } from './source-url';
import { Violation } from '../rules/types';

/** A violation in one manifest of a list, with the manifest's kind and name. */
export interface KubernetesViolation extends Violation {
  /** The manifest's kind, or `''` when it has none. */
  readonly kind: string;
  /** The manifest's `metadata.name`, or `''` when it has none. */
  readonly name: string;
  /** The position of the manifest in the list checked. */
  readonly index: number;
}

/** Options of `kubernetesViolations`. */
export interface KubernetesCheckOptions {
  /**
   * Also check what depends on cluster settings, assuming Kubernetes' defaults: Service nodePorts
   * within the default `--service-node-port-range` 30000-32767.
   * @default false
   */
  readonly clusterDependent?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Small shared checks: the one implementation of each in src/.

/** Go's net.ParseMAC forms, limited to 6 bytes (KubeVirt pkg/network/admitter/netiface.go rejects longer). */
const MAC_ADDRESS = /^(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$/;

/** What a MAC address may be, for error messages. */
export const MAC_ADDRESS_ALLOWED = 'six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56';

/** True for a 6-byte MAC address in one of Go's net.ParseMAC forms. */
export function isMacAddress(value: unknown): value is string {
  return typeof value === 'string' && MAC_ADDRESS.test(value);
}

/** A MAC address as 12 lowercase hex digits, for comparing; undefined when it is not a MAC address. */
export function macKey(value: unknown): string | undefined {
  return isMacAddress(value) ? value.replace(/[:.-]/g, '').toLowerCase() : undefined;
}

/** True when the MAC address is multicast (the least significant bit of its first byte is set). */
export function isMulticastMac(value: string): boolean {
  const key = macKey(value);
  return key !== undefined && parseInt(key.slice(0, 2), 16) % 2 === 1;
}

/** True for a TCP/UDP port number, 1 to 65535 (apimachinery IsValidPortNum). */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

// ---------------------------------------------------------------------------------------------
// Paths and helpers.

function isObj(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `base.key`, or `base["key"]` when the key is not a plain identifier (label keys, annotation keys). */
export function childPath(base: string, key: string): string {
  let k = SEGMENTS.get(key);
  if (k === undefined) {
    k = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (SEGMENTS.size < 10_000) SEGMENTS.set(key, k);
  }
  return base === '' ? (k.startsWith('.') ? k.slice(1) : k) : `${base}${k}`;
}

/** Path segments by key: manifests repeat the same few hundred keys. */
const SEGMENTS = new Map<string, string>();

function v(ruleId: string, path: string, problem: string, value: unknown, allowed: string): Violation {
  return { ruleId, path, problem, value, allowed };
}

/** Throws the first violation (if any) as a KubevirtError about `who`, in the library's format. */
export function failOnViolations(who: IConstruct | string, violations: readonly Violation[]): void {
  const first = violations[0];
  if (first) fail(who, { property: first.path, problem: first.problem, value: first.value, allowed: first.allowed, ruleId: first.ruleId });
}

// ---------------------------------------------------------------------------------------------
// Object names and namespaces.

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

// ---------------------------------------------------------------------------------------------
// Labels, annotations, selectors.

/** Label keys and values (apimachinery metav1 validation ValidateLabels; rules `label-key`, `label-value`). */
export function labelsViolations(labels: unknown, path: string, ids: { key: string; value: string } = { key: 'label-key', value: 'label-value' }): Violation[] {
  if (!isObj(labels)) return [];
  const out: Violation[] = [];
  for (const key of Object.keys(labels)) {
    const at = childPath(path, key);
    const kp = qualifiedNameProblem(key);
    if (kp) out.push(v(ids.key, at, `has a key that ${kp}`, key, QUALIFIED_NAME_ALLOWED));
    const value = labels[key];
    if (typeof value !== 'string') {
      out.push(v(ids.value, at, 'must be a string', value, LABEL_VALUE_ALLOWED));
    } else {
      const vp = labelValueProblem(value);
      if (vp) out.push(v(ids.value, at, vp, value, LABEL_VALUE_ALLOWED));
    }
  }
  return out;
}

/** The API server's limit on all annotations of one object, keys and values, in bytes. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Annotation keys and total size (apimachinery ValidateAnnotations; rules `annotation-key`, `annotation-size`). */
export function annotationsViolations(annotations: unknown, path: string): Violation[] {
  if (!isObj(annotations)) return [];
  const out: Violation[] = [];
  let size = 0;
  for (const key of Object.keys(annotations)) {
    // ValidateAnnotations lowercases the key before IsQualifiedName.
    const kp = qualifiedNameProblem(key.toLowerCase());
    if (kp) out.push(v('annotation-key', childPath(path, key), `has a key that ${kp}`, key, QUALIFIED_NAME_ALLOWED));
    const value = annotations[key];
    size += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) {
    out.push(v('annotation-size', path, `must be at most ${MAX_ANNOTATIONS_BYTES} bytes in total`, `${size} bytes`, 'annotations whose keys and values add up to at most 256 KiB'));
  }
  return out;
}

/** A nodeSelector map: label keys and values (k8s ValidatePodSpec → ValidateLabels; rule `node-selector`). */
export function nodeSelectorViolations(selector: unknown, path: string): Violation[] {
  return labelsViolations(selector, path, { key: 'node-selector', value: 'node-selector' });
}

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** One matchExpressions list, of a node selector term (`node`) or of a label selector. */
function requirementsViolations(list: unknown, path: string, node: boolean): Violation[] {
  if (!Array.isArray(list)) return [];
  const id = node ? 'node-selector' : 'label-selector';
  const operators = node ? NODE_OPERATORS : LABEL_OPERATORS;
  const out: Violation[] = [];
  list.forEach((r, i) => {
    if (!isObj(r)) return;
    const at = `${path}[${i}]`;
    if (typeof r.key !== 'string' || qualifiedNameProblem(r.key)) {
      out.push(v(id, `${at}.key`, typeof r.key === 'string' ? `has a key that ${qualifiedNameProblem(r.key)}` : 'is required', r.key, QUALIFIED_NAME_ALLOWED));
    }
    const values = Array.isArray(r.values) ? r.values : [];
    if (!operators.includes(r.operator)) {
      out.push(v(id, `${at}.operator`, `must be one of ${operators.join(', ')}`, r.operator, `one of ${operators.join(', ')}`));
    } else if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) {
      out.push(v(id, `${at}.values`, `must not be empty for operator ${r.operator}`, r.values, 'one or more values'));
    } else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
      out.push(v(id, `${at}.values`, `must be empty for operator ${r.operator}`, r.values, 'no values'));
    } else if ((r.operator === 'Gt' || r.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0])))) {
      out.push(v(id, `${at}.values`, `must be a single integer for operator ${r.operator}`, r.values, 'one integer value'));
    }
    if (!node) {
      values.forEach((value: unknown, j: number) => {
        const p = typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
        if (p) out.push(v(id, `${at}.values[${j}]`, p, value, LABEL_VALUE_ALLOWED));
      });
    }
  });
  return out;
}

/** A label selector: matchLabels and matchExpressions (apimachinery ValidateLabelSelector; rule `label-selector`). */
export function labelSelectorViolations(selector: unknown, path: string): Violation[] {
  if (!isObj(selector)) return [];
  return [
    ...labelsViolations(selector.matchLabels, `${path}.matchLabels`, { key: 'label-selector', value: 'label-selector' }),
    ...requirementsViolations(selector.matchExpressions, `${path}.matchExpressions`, false),
  ];
}

/** A node selector term (k8s ValidateNodeSelectorTerm; rule `node-selector`). */
function nodeSelectorTermViolations(term: unknown, path: string): Violation[] {
  if (!isObj(term)) return [];
  const out = requirementsViolations(term.matchExpressions, `${path}.matchExpressions`, true);
  if (Array.isArray(term.matchFields)) {
    term.matchFields.forEach((f: any, i: number) => {
      if (isObj(f) && f.key !== 'metadata.name') {
        out.push(v('node-selector', `${path}.matchFields[${i}].key`, 'must be metadata.name', f.key, 'metadata.name'));
      }
    });
  }
  return out;
}

/** An affinity: node affinity terms and pod (anti-)affinity label selectors. */
export function affinityViolations(affinity: unknown, path: string): Violation[] {
  if (!isObj(affinity)) return [];
  const out: Violation[] = [];
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    const required = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(required) && Array.isArray(required.nodeSelectorTerms)) {
      required.nodeSelectorTerms.forEach((t: unknown, i: number) =>
        out.push(...nodeSelectorTermViolations(t, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`)));
    }
    if (Array.isArray(na.preferredDuringSchedulingIgnoredDuringExecution)) {
      na.preferredDuringSchedulingIgnoredDuringExecution.forEach((p: any, i: number) => {
        if (isObj(p)) out.push(...nodeSelectorTermViolations(p.preference, `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`));
      });
    }
  }
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[key];
    if (!isObj(pa)) continue;
    const base = `${path}.${key}`;
    if (Array.isArray(pa.requiredDuringSchedulingIgnoredDuringExecution)) {
      pa.requiredDuringSchedulingIgnoredDuringExecution.forEach((t: any, i: number) => {
        if (isObj(t)) out.push(...labelSelectorViolations(t.labelSelector, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].labelSelector`));
      });
    }
    if (Array.isArray(pa.preferredDuringSchedulingIgnoredDuringExecution)) {
      pa.preferredDuringSchedulingIgnoredDuringExecution.forEach((w: any, i: number) => {
        if (isObj(w) && isObj(w.podAffinityTerm)) {
          out.push(...labelSelectorViolations(w.podAffinityTerm.labelSelector,
            `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.labelSelector`));
        }
      });
    }
  }
  return out;
}

/** A storageClassName: empty, or a DNS-1123 subdomain (k8s ValidatePersistentVolumeClaimSpec → ValidateClassName; rule `storage-class-name`). */
export function storageClassNameViolations(value: unknown, path: string): Violation[] {
  if (value === undefined || value === null || value === '') return [];
  return isDns1123Subdomain(value) ? []
    : [v('storage-class-name', path, 'must be a DNS-1123 subdomain', value, DNS1123_SUBDOMAIN_ALLOWED)];
}

// ---------------------------------------------------------------------------------------------
// Services.

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
/** Kubernetes' default --service-node-port-range. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/**
 * A Service's ports (k8s `pkg/apis/core/validation/validation.go` ValidateService and
 * validateServicePort; rules `service-port`, `service-port-name`, `service-target-port`,
 * `service-node-port`).
 */
export function servicePortsViolations(ports: unknown, type: unknown, path: string, options: KubernetesCheckOptions = {}): Violation[] {
  if (!Array.isArray(ports)) return [];
  const out: Violation[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  const serviceType = typeof type === 'string' ? type : 'ClusterIP';
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const at = `${path}[${i}]`;
    if (!isPortNumber(p.port)) out.push(v('service-port', `${at}.port`, 'must be a port number from 1 to 65535', p.port, 'an integer from 1 to 65535'));
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) out.push(v('service-port', `${at}.protocol`, 'must be TCP, UDP or SCTP', p.protocol, 'one of TCP, UDP, SCTP'));
    const pair = `${p.port}/${protocol}`;
    if (seen.has(pair)) out.push(v('service-port', `${at}.port`, `is used by another port with protocol ${protocol}`, p.port, 'a port and protocol no other port uses'));
    seen.add(pair);
    const name = p.name;
    if (name === undefined || name === null || name === '') {
      if (ports.length > 1) out.push(v('service-port-name', `${at}.name`, 'is required when a Service has more than one port', name, `${DNS1123_LABEL_ALLOWED}, unique among the ports`));
    } else if (typeof name !== 'string' || !isDns1123Label(name)) {
      out.push(v('service-port-name', `${at}.name`, 'must be a DNS-1123 label', name, DNS1123_LABEL_ALLOWED));
    } else if (names.has(name)) {
      out.push(v('service-port-name', `${at}.name`, 'is used by another port', name, 'a name no other port uses'));
    }
    if (typeof name === 'string') names.add(name);
    const target = p.targetPort;
    if (typeof target === 'number') {
      // 0 is the unset int-or-string; anything else must be a port number.
      if (target !== 0 && !isPortNumber(target)) out.push(v('service-target-port', `${at}.targetPort`, 'must be a port number from 1 to 65535', target, `an integer from 1 to 65535, or ${PORT_NAME_ALLOWED}`));
    } else if (typeof target === 'string') {
      const problem = portNameProblem(target);
      if (problem) out.push(v('service-target-port', `${at}.targetPort`, `must be a valid port name (it ${problem})`, target, PORT_NAME_ALLOWED));
    } else if (target !== undefined && target !== null) {
      out.push(v('service-target-port', `${at}.targetPort`, 'must be a port number or a port name', target, `an integer from 1 to 65535, or ${PORT_NAME_ALLOWED}`));
    }
    const nodePort = p.nodePort;
    if (nodePort !== undefined && nodePort !== null && nodePort !== 0) {
      if (serviceType !== 'NodePort' && serviceType !== 'LoadBalancer') {
        out.push(v('service-node-port', `${at}.nodePort`, `must not be set on a ${serviceType} Service`, nodePort, 'nodePort only with type NodePort or LoadBalancer'));
      } else if (!isPortNumber(nodePort)) {
        out.push(v('service-node-port', `${at}.nodePort`, 'must be a port number from 1 to 65535', nodePort, `an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX} (the default node port range)`));
      } else if (options.clusterDependent && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
        out.push(v('service-node-port', `${at}.nodePort`, `must be within the node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`, nodePort, `an integer from ${NODE_PORT_MIN} to ${NODE_PORT_MAX} (the default node port range)`));
      }
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Schedules, images, URLs.

/** A CronJob's or DataImportCron's schedule (rule `cron-schedule`); see cron.ts. */
export function cronScheduleViolations(kind: string, schedule: unknown, path: string): Violation[] {
  if (typeof schedule !== 'string') return [v('cron-schedule', path, 'must be a cron schedule', schedule, CRON_SCHEDULE_ALLOWED)];
  const problem = cronScheduleProblem(schedule, { timeZonePrefix: kind !== 'CronJob' });
  return problem ? [v('cron-schedule', path, `must be a cron schedule as Kubernetes parses it (${problem})`, schedule, CRON_SCHEDULE_ALLOWED)] : [];
}

/** A CronJob's timeZone (k8s validateTimeZone; rule `cron-time-zone`); see cron.ts. */
export function timeZoneViolations(zone: unknown, path: string): Violation[] {
  if (zone === undefined || zone === null) return [];
  const problem = typeof zone === 'string' ? timeZoneProblem(zone) : 'must be a string';
  return problem ? [v('cron-time-zone', path, problem, zone, TIME_ZONE_ALLOWED)] : [];
}

/** A container image reference (rule `image-reference`); see image-reference.ts. */
export function imageReferenceViolations(image: unknown, path: string): Violation[] {
  const problem = typeof image === 'string' ? imageReferenceProblem(image) : 'must be a string';
  return problem ? [v('image-reference', path, problem, image, IMAGE_REFERENCE_ALLOWED)] : [];
}

/**
 * A CDI `source` object (DataVolume, dataVolumeTemplate, DataImportCron template): the URL of each
 * import source, and an http checksum (rules `source-url`, `source-url-credentials`,
 * `image-reference`, `source-checksum`); see source-url.ts.
 */
export function dataVolumeSourceViolations(source: unknown, path: string): Violation[] {
  if (!isObj(source)) return [];
  const out: Violation[] = [];
  for (const kind of URL_SOURCES) {
    const s = source[kind];
    if (!isObj(s)) continue;
    const at = `${path}.${kind}.url`;
    // A registry source may name an ImageStream instead of a URL.
    if (kind === 'registry' && (s.url === undefined || s.url === null)) continue;
    if (typeof s.url !== 'string') {
      out.push(v('source-url', at, 'must be a URL', s.url, sourceUrlAllowed(kind)));
      continue;
    }
    const problem = sourceUrlProblem(kind, s.url);
    if (problem) out.push(v(problem.ruleId, at, problem.problem, redactUrl(s.url), sourceUrlAllowed(kind)));
    if (kind === 'http' && typeof s.checksum === 'string' && s.checksum !== '') {
      const cp = checksumProblem(s.checksum);
      if (cp) out.push(v('source-checksum', `${path}.http.checksum`, cp, s.checksum, CHECKSUM_ALLOWED));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Run-time breakage: MACs, cloud-config, devices, probes.

/** A MAC address: well-formed and unicast (rules `interface-mac-address`, `mac-address-unicast`). */
export function macAddressViolations(mac: unknown, path: string): Violation[] {
  if (!isMacAddress(mac)) return [v('interface-mac-address', path, 'must be a MAC address', mac, MAC_ADDRESS_ALLOWED)];
  return isMulticastMac(mac)
    ? [v('mac-address-unicast', path, 'must be a unicast MAC address (the first byte must be even)', mac, 'a unicast MAC address, e.g. 52:54:00:12:34:56 or 02:00:00:00:00:01')]
    : [];
}

/** The header that makes user data cloud-config. */
const CLOUD_CONFIG_HEADER = '#cloud-config';

/**
 * Inline cloud-config user data is YAML that cloud-init can load as a mapping (rule `cloud-config-yaml`).
 * cloud-init reads it with PyYAML, YAML 1.1; duplicate keys are allowed there (the last wins). Other
 * user-data formats (scripts, `#include`, jinja, MIME) are not checked here. The value in a violation
 * is the position and the parser's error code, never the user data (it may hold secrets).
 */
export function cloudConfigViolations(userData: unknown, path: string): Violation[] {
  if (typeof userData !== 'string' || !userData.startsWith(CLOUD_CONFIG_HEADER)) return [];
  let found = CLOUD_CONFIG_RESULTS.get(userData);
  if (found === undefined) {
    found = cloudConfigProblemByEntries(userData, cloudConfigProblem);
    // Fleets repeat the same user data; parsing is the costly part (about 0.1 ms per document).
    if (CLOUD_CONFIG_RESULTS.size >= 1000) CLOUD_CONFIG_RESULTS.clear();
    CLOUD_CONFIG_RESULTS.set(userData, found);
  }
  return found === null ? [] : [v('cloud-config-yaml', path, found.problem, found.value, CLOUD_CONFIG_ALLOWED)];
}

const CLOUD_CONFIG_ALLOWED = 'YAML whose top level is a mapping, e.g. "#cloud-config\\npackages: [nginx]"';
const CLOUD_CONFIG_RESULTS = new Map<string, { problem: string; value: string } | null>();

function cloudConfigProblem(userData: string): { problem: string; value: string } | null {
  const { isMap, isSeq, parseDocument } = yaml();
  const doc = parseDocument(userData, { version: '1.1', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const before = userData.slice(0, e.pos[0]);
    const where = `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
    return { problem: 'must be valid YAML', value: `${where}: ${e.code}` };
  }
  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) return { problem: 'must have a mapping at the top level', value: isSeq(contents) ? 'a list' : 'a scalar' };
  return null;
}

/** A GPU's or host device's deviceName: an extended resource name (rule `device-resource-name`). */
export function deviceNameViolations(name: unknown, path: string): Violation[] {
  const problem = typeof name === 'string' ? extendedResourceNameProblem(name) : 'is required';
  return problem ? [v('device-resource-name', path, problem, name, EXTENDED_RESOURCE_ALLOWED)] : [];
}

/** An exec probe's command: a non-empty list of strings whose first is not empty (rule `probe-exec-command`). */
export function execCommandViolations(command: unknown, path: string): Violation[] {
  const allowed = 'a non-empty list of strings, the first naming the program, e.g. ["cat", "/tmp/healthy"]';
  if (!Array.isArray(command) || command.length === 0) return [v('probe-exec-command', path, 'must not be empty', command, allowed)];
  if (!command.every(c => typeof c === 'string')) return [v('probe-exec-command', path, 'must be a list of strings', command, allowed)];
  if (command[0].trim() === '') return [v('probe-exec-command', `${path}[0]`, 'must name a program', command[0], allowed)];
  return [];
}

// ---------------------------------------------------------------------------------------------
// The walk over a manifest.

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const MAX_DEPTH = 100;

interface MacUse {
  readonly key: string;
  readonly mac: string;
  readonly kind: string;
  readonly name: string;
  readonly index: number;
  readonly path: string;
  /** How many VMs carry it: a pool's replicas all get the template's MAC. */
  readonly copies: number;
}

interface WalkContext {
  readonly kind: string;
  readonly out: Violation[];
  readonly macs: Array<{ mac: string; path: string }>;
  /** The objects on the path being walked: a cycle (never in JSON, possible from JavaScript) stops there. */
  readonly ancestors: Set<object>;
}

/** Visits every object of a manifest once, checking each by the key it sits under. */
function walk(node: unknown, path: string, key: string, ctx: WalkContext, depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object' || ctx.ancestors.has(node)) return;
  ctx.ancestors.add(node);
  try {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`, key, ctx, depth + 1));
    } else {
      visit(node as Record<string, any>, path, key, ctx, depth);
    }
  } finally {
    ctx.ancestors.delete(node);
  }
}

/** Checks one object by the key it sits under, then walks its children. */
function visit(o: Record<string, any>, path: string, key: string, ctx: WalkContext, depth: number): void {
  const out = ctx.out;
  switch (key) {
    case 'metadata':
      out.push(...labelsViolations(o.labels, `${path}.labels`), ...annotationsViolations(o.annotations, `${path}.annotations`));
      break;
    case 'nodeSelector':
      out.push(...nodeSelectorViolations(o, path));
      return;
    case 'affinity':
      out.push(...affinityViolations(o, path));
      return;
    case 'selector':
      if (isObj(o.matchLabels) || Array.isArray(o.matchExpressions)) out.push(...labelSelectorViolations(o, path));
      return;
    case 'source':
      out.push(...dataVolumeSourceViolations(o, path));
      break;
    case 'containerDisk':
      out.push(...imageReferenceViolations(o.image, `${path}.image`));
      break;
    case 'cloudInitNoCloud': case 'cloudInitConfigDrive':
      out.push(...cloudConfigViolations(o.userData, `${path}.userData`));
      if (typeof o.userDataBase64 === 'string') {
        const decoded = Buffer.from(o.userDataBase64, 'base64').toString('utf8');
        out.push(...cloudConfigViolations(decoded, `${path}.userDataBase64`));
      }
      break;
    case 'interfaces':
      // An empty macAddress is unset (KubeVirt netiface.go validates only a non-empty one).
      if (o.macAddress !== undefined && o.macAddress !== null && o.macAddress !== '') {
        out.push(...macAddressViolations(o.macAddress, `${path}.macAddress`));
        ctx.macs.push({ mac: o.macAddress, path: `${path}.macAddress` });
      }
      break;
    case 'gpus': case 'hostDevices':
      out.push(...deviceNameViolations(o.deviceName, `${path}.deviceName`));
      break;
    case 'containers': case 'initContainers':
      out.push(...imageReferenceViolations(o.image, `${path}.image`));
      break;
    default:
      if (PROBES.includes(key) && isObj(o.exec)) out.push(...execCommandViolations(o.exec.command, `${path}.exec.command`));
  }
  if ('storageClassName' in o) out.push(...storageClassNameViolations(o.storageClassName, childPath(path, 'storageClassName')));
  for (const k of Object.keys(o)) {
    if (k === 'status') continue;
    const child = o[k];
    if (child !== null && typeof child === 'object') walk(child, childPath(path, k), k, ctx, depth + 1);
  }
}

/** The checks that depend on the kind: names, Services, schedules, pools, clones. */
function kindViolations(m: Record<string, any>, kind: string, options: KubernetesCheckOptions): Violation[] {
  const meta = isObj(m.metadata) ? m.metadata : {};
  const spec = isObj(m.spec) ? m.spec : {};
  const out: Violation[] = [...objectNameViolations(kind, meta.name), ...namespaceViolations(kind, meta.namespace)];
  switch (kind) {
    case 'Service':
      out.push(...servicePortsViolations(spec.ports, spec.type, 'spec.ports', options));
      if (isObj(spec.selector)) out.push(...labelsViolations(spec.selector, 'spec.selector', { key: 'label-selector', value: 'label-selector' }));
      break;
    case 'CronJob':
      out.push(...cronScheduleViolations(kind, spec.schedule, 'spec.schedule'), ...timeZoneViolations(spec.timeZone, 'spec.timeZone'));
      break;
    case 'DataImportCron':
      if (spec.schedule !== undefined && spec.schedule !== '') out.push(...cronScheduleViolations(kind, spec.schedule, 'spec.schedule'));
      if (typeof spec.managedDataSource === 'string' && spec.managedDataSource.length > MAX_DATA_IMPORT_CRON_NAME) {
        out.push(v('object-name', 'spec.managedDataSource', `must be at most ${MAX_DATA_IMPORT_CRON_NAME} characters`, spec.managedDataSource, DNS1123_SUBDOMAIN_ALLOWED));
      }
      break;
    case 'VirtualMachinePool':
      out.push(...poolNameViolations(meta.name, spec.replicas));
      break;
    default:
  }
  return out;
}

/**
 * Checks a list of final manifests against what Kubernetes and CDI validate, and the app-wide rules
 * (MAC addresses unique across every machine, pool template and clone). Never throws; never mutates.
 */
export function kubernetesViolations(manifests: readonly unknown[], options: KubernetesCheckOptions = {}): KubernetesViolation[] {
  const result: KubernetesViolation[] = [];
  const macs: MacUse[] = [];
  for (const [index, manifest] of (Array.isArray(manifests) ? manifests : []).entries()) {
    if (!isObj(manifest)) continue;
    const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
    const meta = isObj(manifest.metadata) ? manifest.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const ctx: WalkContext = { kind, out: kindViolations(manifest, kind, options), macs: [], ancestors: new Set() };
    for (const k of Object.keys(manifest)) {
      if (k === 'status') continue;
      walk(manifest[k], k, k, ctx, 1);
    }
    const spec = isObj(manifest.spec) ? manifest.spec : {};
    const copies = kind === 'VirtualMachinePool' && typeof spec.replicas === 'number' && spec.replicas > 1 ? spec.replicas : 1;
    for (const use of ctx.macs) {
      const key = macKey(use.mac);
      if (key !== undefined) macs.push({ key, mac: use.mac, kind, name, index, path: use.path, copies });
    }
    if (kind === 'VirtualMachineClone' && isObj(spec.newMacAddresses)) {
      for (const iface of Object.keys(spec.newMacAddresses)) {
        const mac = spec.newMacAddresses[iface];
        const path = childPath('spec.newMacAddresses', iface);
        ctx.out.push(...macAddressViolations(mac, path));
        const key = macKey(mac);
        if (key !== undefined) macs.push({ key, mac, kind, name, index, path, copies: 1 });
      }
    }
    for (const violation of ctx.out) result.push({ ...violation, kind, name, index });
  }
  // App-wide: every MAC address once (KubeVirt does not check; two guests with one MAC break the L2 network).
  const first = new Map<string, MacUse>();
  for (const use of macs) {
    const allowed = 'a MAC address no other interface in the app uses';
    if (use.copies > 1) {
      result.push({
        ...v('mac-address-unique', use.path, `is shared by all ${use.copies} replicas of the pool`, use.mac, `${allowed}; leave macAddress unset in a pool with more than one replica`),
        kind: use.kind,
        name: use.name,
        index: use.index,
      });
    }
    const earlier = first.get(use.key);
    if (earlier) {
      result.push({
        ...v('mac-address-unique', use.path, `is already used by ${earlier.kind} ${JSON.stringify(earlier.name)} at ${earlier.path}`, use.mac, allowed),
        kind: use.kind,
        name: use.name,
        index: use.index,
      });
    } else {
      first.set(use.key, use);
    }
  }
  return result;
}
