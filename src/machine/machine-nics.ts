/**
 * Network data that names NICs by machine interface (`NetworkEthernet.machineInterface`): the MAC
 * address each named interface carries, so the guest's netplan can match it. Internal: not exported
 * from the package.
 */
import { createHash } from 'crypto';
import { CloudInit } from '../cloud-init/cloud-init';
import { Network } from '../network/network';
import { fail } from '../private/errors';
import { macKey } from '../private/mac-port';

/** The MAC addresses of the interfaces a machine's network data names, and those the library derived. */
export interface NicMacs {
  /** By interface name: the MAC address in netplan's form (lowercase, colon-separated). */
  readonly macs: ReadonlyMap<string, string>;
  /** By interface name: the MAC addresses derived for interfaces without `macAddress`. */
  readonly derived: ReadonlyMap<string, string>;
}

/** Where the machine's network data sits, for error messages. */
const WHERE = 'cloudInit networkData';

/**
 * Resolves every machine interface the CloudInit's network data names against the machine's
 * networks. Fails on a name the machine does not have, and on a pool, whose replicas cannot each get
 * a MAC address at build time. Without a MAC address of its own, an interface gets a derived one.
 */
export function resolveNicMacs(who: string, cloudInit: CloudInit | undefined, networks: readonly Network[],
  owner: { readonly name: string; readonly namespace?: string; readonly forPool: boolean }): NicMacs {
  const named = cloudInit?._machineInterfaces() ?? [];
  const macs = new Map<string, string>();
  const derived = new Map<string, string>();
  for (const { name, at } of named) {
    if (owner.forPool) {
      fail(who, {
        property: `${WHERE} ${at}.machineInterface`,
        problem: 'cannot name a machine interface in a pool',
        value: name,
        allowed: 'every replica gets its own MAC address from KubeVirt, so none is known when the pool is synthesized: '
          + "name the guest interface with name or matchName (for example 'enp2s0' or 'enp2*'), or use one Machine per VM",
      });
    }
    const network = networks.find(n => n.name === name);
    if (network === undefined) {
      fail(who, {
        property: `${WHERE} ${at}.machineInterface`,
        problem: 'names no interface of this machine',
        value: name,
        allowed: `one of ${networks.map(n => n.name).join(', ') || '(none)'}, the names of the machine's networks `
          + '(networks added later with addNetwork() are not known yet: give them in props.networks)',
      });
    }
    const own = network._macAddress;
    const mac = own === undefined ? derivedMacAddress(owner.namespace, owner.name, name) : netplanMac(own);
    if (own === undefined) derived.set(name, mac);
    macs.set(name, mac);
  }
  return { macs, derived };
}

/**
 * A MAC address derived from a machine's namespace and name and an interface name: `02` (locally
 * administered, unicast), then the first five bytes of a SHA-256 of the three. KubeVirt's own
 * generated MACs took the same `02` prefix, which also keeps clear of the `fe` first byte libvirt
 * reserves for tap devices (older KubeVirt, `pkg/virt-launcher/virtwrap/network/common.go`,
 * `NetworkUtilsHandler.GenerateRandomMac`, after kubevirt/kubevirt issue 1494). The same
 * inputs give the same address on every synthesis; two interfaces of the app that end up with one
 * address are reported by the app-wide `mac-address-unique` check.
 */
export function derivedMacAddress(namespace: string | undefined, machineName: string, interfaceName: string): string {
  const hash = createHash('sha256').update(`cdk8s-kubevirt/mac\0${namespace ?? ''}\0${machineName}\0${interfaceName}`).digest();
  return [0x02, ...hash.subarray(0, 5)].map(b => b.toString(16).padStart(2, '0')).join(':');
}

/** A MAC address in netplan's form: lowercase hex pairs joined by ':' (any of Go's net.ParseMAC forms in). */
function netplanMac(mac: string): string {
  return macKey(mac)!.match(/../g)!.join(':');
}
