/**
 * Name rules and derived names. Every name the library derives is built here, and documented in the
 * README's "Names" section.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

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
