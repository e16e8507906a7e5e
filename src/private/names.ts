/**
 * Name rules and derived names. Every name the library derives is built here, and documented in the
 * README's "Names" section.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * KubeVirt's interface name format, `^[A-Za-z0-9-_]+$` (kubevirt v1.9.0 pkg/network/admitter/netiface.go,
 * validateInterfaceNameFormat; rule `interface-name-format`): interface names, network names and the keys
 * of a clone's newMacAddresses.
 */
const INTERFACE_NAME = /^[A-Za-z0-9_-]+$/;

/** True for a name KubeVirt accepts as an interface name. */
export function isInterfaceName(value: unknown): value is string {
  return typeof value === 'string' && INTERFACE_NAME.test(value);
}

/** What a DNS-1123 label allows, for error messages. */
export const DNS1123_LABEL_ALLOWED = "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

/** What a DNS-1123 subdomain allows, for error messages. */
export const DNS1123_SUBDOMAIN_ALLOWED = "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters";

/** True for a DNS-1123 label (at most 63 characters). */
export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** True for a DNS-1123 subdomain (at most 253 characters). */
export function isDns1123Subdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** `{machine}-{disk}`: the DataVolume / PVC name of a machine's disk. */
export function diskClaimName(machineName: string, diskName: string): string {
  return `${machineName}-${diskName}`;
}

/** `{machine}-cloud-init`: the Secret generated for cloud-init data too large to inline. */
export function cloudInitSecretName(machineName: string): string {
  return `${machineName}-cloud-init`;
}

/*
 * Kubernetes' own name rules, after k8s.io/apimachinery `pkg/util/validation/validation.go`
 * (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label, IsQualifiedName, IsValidLabelValue,
 * IsValidPortName) and `pkg/api/validation/path` (IsValidPathSegmentName). Each `…Problem` function
 * returns what is wrong, or undefined when the value is valid.
 */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

/** What a DNS-1035 label allows, for error messages. */
export const DNS1035_LABEL_ALLOWED = "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters";

/** What a qualified name (label or annotation key) allows, for error messages. */
export const QUALIFIED_NAME_ALLOWED = "an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/** What a label value allows, for error messages. */
export const LABEL_VALUE_ALLOWED = "empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

/** What an IANA service (port) name allows, for error messages. */
export const PORT_NAME_ALLOWED = "an IANA service name: at most 15 lowercase letters, digits and '-', with at least one letter, not starting or ending with '-' and without '--'";

/** What a path segment name (Role, RoleBinding) allows, for error messages. */
export const PATH_SEGMENT_ALLOWED = "a name without '/' or '%' that is not '.' or '..'";

/** What an extended resource name allows, for error messages. */
export const EXTENDED_RESOURCE_ALLOWED = "an extended resource name: a domain prefix outside kubernetes.io, '/', then a name of letters, digits, '-', '_' or '.' (e.g. nvidia.com/TU104GL_Tesla_T4)";

/** True for a DNS-1035 label (at most 63 characters): Service names. */
export function isDns1035Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
}

/**
 * A NetworkAttachmentDefinition reference as Multus reads it: `name` or `namespace/name`, the
 * namespace a DNS-1123 label and the name a DNS-1123 subdomain.
 */
export function isNetworkAttachmentName(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return isDns1123Subdomain(parts[0]);
  return parts.length === 2 && isDns1123Label(parts[0]) && isDns1123Subdomain(parts[1]);
}

/** apimachinery IsQualifiedName: label keys, annotation keys (lowercased first), node selector keys. */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return 'must have a non-empty prefix before /';
    if (!isDns1123Subdomain(prefix)) return 'must have a DNS-1123 subdomain as prefix';
    name = parts[1];
  } else {
    return "must have at most one '/'";
  }
  if (name.length === 0) return 'must have a non-empty name';
  if (name.length > 63) return 'must have a name of at most 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return 'must be a qualified name';
  return undefined;
}

/** apimachinery IsValidLabelValue. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (!LABEL_VALUE.test(value)) return 'must be a valid label value';
  return undefined;
}

/** apimachinery IsValidPortName: an IANA_SVC_NAME (RFC 6335). */
export function portNameProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 15) return 'must be 1 to 15 characters';
  if (!IANA_SVC_NAME.test(value)) return "must contain only lowercase letters, digits and '-'";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.includes('--')) return "must not contain '--'";
  if (value.startsWith('-') || value.endsWith('-')) return "must not start or end with '-'";
  return undefined;
}

/** apimachinery path.IsValidPathSegmentName: RBAC object names. */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return "must not be '.' or '..'";
  if (value.includes('/') || value.includes('%')) return "must not contain '/' or '%'";
  return undefined;
}

/**
 * k8s `pkg/apis/core/helper` IsExtendedResourceName: a name with a '/' that does not contain
 * `kubernetes.io/` (IsPrefixedNativeResource), and that stays a qualified name with the `requests.` quota prefix. KubeVirt
 * puts a GPU's or host device's `deviceName` into the launcher pod's resource requests.
 */
export function extendedResourceNameProblem(value: string): string | undefined {
  if (!value.includes('/')) return "must have a domain prefix and '/'";
  if (value.includes('kubernetes.io/')) return 'must not use the kubernetes.io domain';
  if (value.startsWith('requests.')) return "must not start with 'requests.'";
  const problem = qualifiedNameProblem(`requests.${value}`);
  return problem === undefined ? undefined : 'must be an extended resource name';
}
