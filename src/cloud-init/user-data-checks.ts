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

/**
 * Walks every string value in the input config for private keys. A first walk only looks (it builds no
 * paths); the one that names the property runs when it finds one.
 */
export function checkNoPrivateKeyDeep(who: string, value: unknown, at: string): void {
  if (hasPrivateKeyDeep(value)) findPrivateKeyDeep(who, value, at);
}

/** True when a string in `value` (at any depth) holds a private key. */
function hasPrivateKeyDeep(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('-----BEGIN ') && PRIVATE_KEY.test(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasPrivateKeyDeep(value[i])) return true;
    return false;
  }
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) if (hasPrivateKeyDeep((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}

function findPrivateKeyDeep(who: string, value: unknown, at: string): void {
  if (typeof value === 'string') {
    checkNoPrivateKey(who, at, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findPrivateKeyDeep(who, v, `${at}[${i}]`));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findPrivateKeyDeep(who, v, at ? `${at}.${k}` : k);
  }
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
