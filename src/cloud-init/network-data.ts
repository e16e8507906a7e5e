import * as net from 'net';
import { Yaml } from 'cdk8s';
import { isHostName, sortKeys } from './cloud-config';
import { fail } from '../private/errors';
import { guardCall } from '../private/guard';
import { isMacAddress } from '../private/k8s-validation';

/**
 * A route (an entry of `routes`).
 */
export interface NetworkRoute {
  /** The destination, in CIDR form, or `default`. */
  readonly to: string;

  /** The gateway address. */
  readonly via: string;

  /**
   * The route metric.
   * @default - the renderer's default
   */
  readonly metric?: number;
}

/**
 * DNS settings of an interface (`nameservers`).
 */
export interface NetworkNameservers {
  /**
   * Name server addresses.
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * Search domains.
   * @default - none
   */
  readonly search?: string[];
}

/**
 * One ethernet interface in netplan v2 network data (an entry of `ethernets`).
 *
 * Without `macAddress` or `matchName`, `name` is the guest's interface name (for example `eth0` or
 * `enp1s0`). With one of them, `name` is only the netplan id, and `setName` can rename the matched
 * interface.
 *
 * @see https://netplan.readthedocs.io/en/stable/netplan-yaml/
 */
export interface NetworkEthernet {
  /** The netplan id: the interface name, unless `macAddress` or `matchName` is given. */
  readonly name: string;

  /**
   * Match the interface by MAC address (`match.macaddress`), for example `02:00:00:0a:00:01`.
   * @default - match by name
   */
  readonly macAddress?: string;

  /**
   * Match interfaces by name, a glob such as `enp*` (`match.name`).
   * @default - match by `name`
   */
  readonly matchName?: string;

  /**
   * Rename the matched interface (`set-name`). Needs `macAddress` or `matchName`.
   * @default - keep the kernel's name
   */
  readonly setName?: string;

  /**
   * Use DHCP for IPv4.
   * @default - false, netplan's default
   */
  readonly dhcp4?: boolean;

  /**
   * Use DHCP (or RA) for IPv6.
   * @default - false, netplan's default
   */
  readonly dhcp6?: boolean;

  /**
   * Static addresses in CIDR form, for example `10.0.1.10/24` or `2001:db8::10/64`.
   * @default - none
   */
  readonly addresses?: string[];

  /**
   * The IPv4 default gateway (`gateway4`). Rendered as given: cloud-init reads it on every
   * distribution, and netplan accepts it with a deprecation warning. Use `routes` for more.
   * @default - none
   */
  readonly gateway4?: string;

  /**
   * The IPv6 default gateway (`gateway6`).
   * @default - none
   */
  readonly gateway6?: string;

  /**
   * Routes.
   * @default - none
   */
  readonly routes?: NetworkRoute[];

  /**
   * DNS settings.
   * @default - none
   */
  readonly nameservers?: NetworkNameservers;
}

/**
 * Network data for cloud-init: netplan v2 built from typed interfaces, or text of your own.
 *
 * @see https://cloudinit.readthedocs.io/en/latest/reference/network-config-format-v2.html
 */
export class NetworkData {
  /**
   * Netplan v2 (`version: 2`) with these ethernet interfaces. Addresses are checked here; the output
   * has sorted keys. Needs the NoCloud datasource.
   *
   * @param ethernets the interfaces
   */
  public static fromEthernets(ethernets: NetworkEthernet[]): NetworkData {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkData', 'fromEthernets', [ethernets]);
    const who = "NetworkData 'fromEthernets'";
    if (!Array.isArray(ethernets) || ethernets.length === 0) {
      fail(who, { property: 'ethernets', problem: 'must not be empty', value: ethernets, allowed: 'at least one interface' });
    }
    const rendered: Record<string, any> = {};
    ethernets.forEach((e, i) => {
      const at = `ethernets[${i}]`;
      checkEthernetName(who, `${at}.name`, e.name, e.macAddress === undefined && e.matchName === undefined);
      if (Object.prototype.hasOwnProperty.call(rendered, e.name)) {
        fail(who, { property: `${at}.name`, problem: 'is used twice', value: e.name, allowed: 'a unique netplan id per interface' });
      }
      rendered[e.name] = renderEthernet(who, at, e);
    });
    return new NetworkData(`${Yaml.stringify({ version: 2, ethernets: sortKeys(rendered) })}`, true);
  }

  /**
   * Network data as given: netplan v1 or v2 YAML for NoCloud, or OpenStack `network_data.json`
   * for ConfigDrive. Not checked.
   *
   * @param text the network data, as the guest will see it
   */
  public static fromText(text: string): NetworkData {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkData', 'fromText', [text]);
    if (typeof text !== 'string' || text.trim() === '') {
      fail("NetworkData 'fromText'", { property: 'text', problem: 'must not be empty', value: text, allowed: 'netplan YAML or OpenStack network_data.json' });
    }
    return new NetworkData(text, false);
  }

  private constructor(private readonly text: string, private readonly netplan: boolean) {}

  /** The network data exactly as the guest receives it. */
  public render(): string {
    return this.text;
  }

  /**
   * True when this is netplan built by {@link NetworkData.fromEthernets}.
   * @internal
   */
  public get _isNetplan(): boolean {
    return this.netplan;
  }
}

// ---- network data ----------------------------------------------------------------------------------

const IFNAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CIDR_ALLOWED = 'an address with a prefix length, for example 10.0.1.10/24 or 2001:db8::10/64';

function checkEthernetName(who: string, property: string, name: string, isInterfaceName: boolean): void {
  if (typeof name !== 'string' || !IFNAME.test(name) || (isInterfaceName && name.length > 15)) {
    fail(who, {
      property,
      problem: isInterfaceName ? 'must be an interface name' : 'must be a netplan id',
      value: name,
      allowed: `letters, digits, '_', '-' and '.'${isInterfaceName ? ', at most 15 characters' : ''}`,
    });
  }
}

function renderEthernet(who: string, at: string, e: NetworkEthernet): Record<string, any> {
  const out: Record<string, any> = {};
  const match: Record<string, any> = {};
  if (e.macAddress !== undefined) {
    if (!(isMacAddress(e.macAddress) && e.macAddress.includes(':'))) {
      fail(who, { property: `${at}.macAddress`, problem: 'must be a MAC address', value: e.macAddress, allowed: 'six hex pairs separated by colons, for example 02:00:00:0a:00:01' });
    }
    match.macaddress = e.macAddress;
  }
  if (e.matchName !== undefined) {
    if (!/^[A-Za-z0-9_.*?[\]-]+$/.test(e.matchName)) {
      fail(who, { property: `${at}.matchName`, problem: 'must be an interface name or glob', value: e.matchName, allowed: "for example 'enp*'" });
    }
    match.name = e.matchName;
  }
  if (Object.keys(match).length > 0) out.match = match;
  if (e.setName !== undefined) {
    if (Object.keys(match).length === 0) {
      fail(who, { property: `${at}.setName`, problem: 'needs a match', value: e.setName, allowed: 'give macAddress or matchName with setName' });
    }
    checkEthernetName(who, `${at}.setName`, e.setName, true);
    out['set-name'] = e.setName;
  }
  if (e.dhcp4 !== undefined) out.dhcp4 = e.dhcp4;
  if (e.dhcp6 !== undefined) out.dhcp6 = e.dhcp6;
  if (e.addresses !== undefined) {
    e.addresses.forEach((a, i) => {
      if (cidrFamily(a) === 0) fail(who, { property: `${at}.addresses[${i}]`, problem: 'must be an IP address in CIDR form', value: a, allowed: CIDR_ALLOWED });
    });
    out.addresses = e.addresses;
  }
  if (e.gateway4 !== undefined) {
    if (!net.isIPv4(e.gateway4)) fail(who, { property: `${at}.gateway4`, problem: 'must be an IPv4 address', value: e.gateway4, allowed: 'for example 10.0.1.1' });
    out.gateway4 = e.gateway4;
  }
  if (e.gateway6 !== undefined) {
    if (!net.isIPv6(e.gateway6)) fail(who, { property: `${at}.gateway6`, problem: 'must be an IPv6 address', value: e.gateway6, allowed: 'for example 2001:db8::1' });
    out.gateway6 = e.gateway6;
  }
  if (e.routes !== undefined) {
    out.routes = e.routes.map((r, i) => {
      const rat = `${at}.routes[${i}]`;
      const toFamily = r.to === 'default' ? -1 : cidrFamily(r.to);
      if (toFamily === 0) fail(who, { property: `${rat}.to`, problem: "must be 'default' or a network in CIDR form", value: r.to, allowed: 'for example 10.0.0.0/8' });
      const viaFamily = net.isIP(r.via ?? '');
      if (viaFamily === 0) fail(who, { property: `${rat}.via`, problem: 'must be an IP address', value: r.via, allowed: 'for example 10.0.1.1' });
      if (toFamily > 0 && toFamily !== viaFamily) {
        fail(who, { property: `${rat}.via`, problem: `must be an IPv${toFamily} address, like to`, value: r.via, allowed: `a gateway of the same family as ${r.to}` });
      }
      if (r.metric !== undefined && (!Number.isInteger(r.metric) || r.metric < 0)) {
        fail(who, { property: `${rat}.metric`, problem: 'must be a whole number, at least 0', value: r.metric, allowed: 'for example 100' });
      }
      return sortKeys({ to: r.to, via: r.via, metric: r.metric });
    });
  }
  if (e.nameservers !== undefined) {
    const ns: Record<string, any> = {};
    if (e.nameservers.addresses !== undefined) {
      e.nameservers.addresses.forEach((a, i) => {
        if (net.isIP(a) === 0) fail(who, { property: `${at}.nameservers.addresses[${i}]`, problem: 'must be an IP address', value: a, allowed: 'for example 10.0.1.53 or 2001:db8::53' });
      });
      ns.addresses = e.nameservers.addresses;
    }
    if (e.nameservers.search !== undefined) {
      e.nameservers.search.forEach((s, i) => {
        if (!isHostName(s)) fail(who, { property: `${at}.nameservers.search[${i}]`, problem: 'must be a domain name', value: s, allowed: "RFC 1123 labels joined by '.', for example 'example.com'" });
      });
      ns.search = e.nameservers.search;
    }
    out.nameservers = ns;
  }
  return sortKeys(out);
}

/** 4 or 6 for a valid CIDR, 0 otherwise. */
function cidrFamily(value: string): number {
  if (typeof value !== 'string') return 0;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return 0;
  const family = net.isIP(m[1]);
  const prefix = Number(m[2]);
  if (family === 4 && prefix <= 32) return 4;
  if (family === 6 && prefix <= 128) return 6;
  return 0;
}

