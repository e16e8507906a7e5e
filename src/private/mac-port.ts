/**
 * Small shared checks, the one implementation of each in src/: MAC addresses and port numbers. The name
 * checks (DNS-1123 labels and subdomains, DNS-1035 labels, port names) are in names.ts, quantities in
 * quantity.ts.
 */
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
