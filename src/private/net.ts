/**
 * The one MAC-address check and the one port check. Pure: no cdk8s imports, so the rules can use them.
 */

/**
 * A MAC address as KubeVirt admits it: Go's `net.ParseMAC` formats for 48-bit addresses
 * (`52:54:00:12:34:56`, `52-54-00-12-34-56`, `5254.0012.3456`), as checked in
 * pkg/network/admitter (validateInterfaceMacAddress) in KubeVirt v1.9.
 */
const MAC = /^(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$/;

/** What a MAC address may look like, for messages. */
export const MAC_ALLOWED = 'six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56';

/** True when `value` is a 48-bit MAC address in a form KubeVirt admits. */
export function isMacAddress(value: unknown): value is string {
  return typeof value === 'string' && MAC.test(value);
}

/** True for the colon form only (`52:54:00:12:34:56`), which netplan and the Viti operator require. */
export function isColonMacAddress(value: unknown): value is string {
  return isMacAddress(value) && value[2] === ':';
}

/** What a port may be, for messages. */
export const PORT_ALLOWED = 'an integer from 1 to 65535';

/** True when `value` is a TCP/UDP port number (1–65535). */
export function isPortNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}
