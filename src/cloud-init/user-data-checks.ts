/**
 * The checks every kind of cloud-init data shares (cloud-config, network data, Ignition): no private
 * key and no password in the output, host names, sorted keys, byte lengths. Internal.
 */
import { fail } from '../private/errors';
import { isDns1123Label } from '../private/names';

export const PASSWORD_ALLOWED = 'no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true';
const SECRET_ALLOWED = 'no private keys in cloud-init data: use CloudInit.fromSecret() with a Secret managed outside Git, or set allowSecrets: true';
export const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/;

/** Shows `<redacted>` in a message instead of a secret value. */
class Redacted {
  public toString(): string {
    return '<redacted>';
  }
}
export const REDACTED = new Redacted();

export function checkNoPrivateKey(who: string, property: string, text: string): void {
  if (PRIVATE_KEY.test(text)) {
    fail(who, { property, problem: 'contains a private key', value: REDACTED, allowed: SECRET_ALLOWED });
  }
}

/** Walks every string value in the input config for private keys. */
export function checkNoPrivateKeyDeep(who: string, value: unknown, at: string): void {
  if (typeof value === 'string') {
    checkNoPrivateKey(who, at, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkNoPrivateKeyDeep(who, v, `${at}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkNoPrivateKeyDeep(who, v, at ? `${at}.${k}` : k);
  }
}

/** A copy with every map's keys sorted (recursively); arrays keep their order; undefined is dropped. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      if (record[key] !== undefined) out[key] = sortKeys(record[key]);
    }
    return out as T;
  }
  return value;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf-8');
}

export function isHostLabel(value: unknown): boolean {
  // A host name label is a DNS-1123 label in either case (RFC 1123).
  return typeof value === 'string' && isDns1123Label(value.toLowerCase());
}

export function isHostName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 253 && value.split('.').every(isHostLabel);
}
