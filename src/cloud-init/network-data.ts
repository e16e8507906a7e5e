import { isIP, isIPv4, isIPv6 } from 'net';
import { Yaml } from 'cdk8s';
import { NetworkEthernet } from './network-ethernet';
import { isHostName } from './user-data-checks';
import { fail } from '../private/errors';
import { sortKeysDeep } from '../private/json';
import { guardCall } from '../private/lazy-guard';
import { isMacAddress } from '../private/mac-port';

/**
 * Network data for cloud-init: netplan v2 built from typed interfaces, or text of your own.
 *
 * @example
 * new Machine(chart, 'web', {
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } }),
 *   networks: [Network.pod(), Network.multus('vlan-100', { name: 'lan', macAddress: '52:54:00:64:00:0a' })],
 *   cloudInit: CloudInit.fromConfig({}, {
 *     networkData: NetworkData.fromEthernets([
 *       { name: 'pod', matchName: 'enp1s0', dhcp4: true },
 *       // the guest finds this NIC by the MAC address the machine gives it
 *       { name: 'lan', macAddress: '52:54:00:64:00:0a', addresses: ['192.168.100.10/24'], nameservers: { addresses: ['192.168.100.53'] } },
 *     ]),
 *   }),
 * });
 * @see https://cloudinit.readthedocs.io/en/latest/reference/network-config-format-v2.html
 */
export class NetworkData {
  /**
   * Netplan v2 (`version: 2`) with these ethernet interfaces. Addresses are checked here; the output
   * has sorted keys. Needs the NoCloud datasource. Entries that name a `machineInterface` are
   * completed with its MAC address when the CloudInit is bound to a machine.
   *
   * @param ethernets the interfaces
   */
  public static fromEthernets(ethernets: NetworkEthernet[]): NetworkData {
    guardCall(undefined, 'cdk8s-kubevirt.NetworkData', 'fromEthernets', [ethernets]);
    const who = "NetworkData 'fromEthernets'";
    if (!Array.isArray(ethernets) || ethernets.length === 0) {
      fail(who, { property: 'ethernets', problem: 'must not be empty', value: ethernets, allowed: 'at least one interface' });
    }
    const entries: EthernetEntry[] = [];
    const ids = new Set<string>();
    ethernets.forEach((e, i) => {
      const at = `ethernets[${i}]`;
      const id = checkMachineInterface(who, at, e, entries);
      if (e.machineInterface === undefined) {
        checkEthernetName(who, `${at}.name`, e.name!, e.macAddress === undefined && e.matchName === undefined);
      }
      if (ids.has(id)) {
        const byName = e.machineInterface === undefined;
        fail(who, {
          property: `${at}.${byName ? 'name' : 'machineInterface'}`,
          problem: 'is used twice',
          value: id,
          allowed: `a unique netplan id per interface${byName ? '' : ' (an entry for a machine interface takes its name)'}`,
        });
      }
      ids.add(id);
      entries.push({ id, at, machineInterface: e.machineInterface, setName: e.setName, rendered: renderEthernet(who, at, e) });
    });
    return new NetworkData(undefined, entries);
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
    return new NetworkData(text, undefined);
  }

  /** The rendered netplan, kept when no entry names a machine interface. */
  private plain?: string;

  private constructor(private readonly text: string | undefined, private readonly entries: EthernetEntry[] | undefined) {}

  /**
   * The network data exactly as the guest receives it. Fails when an entry names a
   * `machineInterface`: its MAC address is known only on a machine (read the machine's
   * `cloudinitdisk` volume instead).
   */
  public render(): string {
    if (this.text !== undefined) return this.text;
    const named = this._machineInterfaces();
    if (named.length > 0) {
      fail("NetworkData 'fromEthernets'", {
        property: `${named[0].at}.machineInterface`,
        problem: 'is known only on a machine, so render() cannot complete the entry',
        value: named.map(n => n.name),
        allowed: "give the NetworkData to a machine's CloudInit and read the machine's cloudinitdisk volume",
      });
    }
    return this._renderWith(new Map());
  }

  /**
   * True when this is netplan built by `NetworkData.fromEthernets`.
   * @internal
   */
  public get _isNetplan(): boolean {
    return this.entries !== undefined;
  }

  /**
   * The machine interfaces the entries name, in entry order, with the entry's path.
   * @internal
   */
  public _machineInterfaces(): Array<{ readonly name: string; readonly at: string }> {
    return (this.entries ?? []).filter(e => e.machineInterface !== undefined).map(e => ({ name: e.machineInterface!, at: e.at }));
  }

  /**
   * The network data with each machine interface matched by its MAC address (from `macs`, by
   * interface name). Entries whose interface is missing from `macs` are rendered without a match.
   * @internal
   */
  public _renderWith(macs: ReadonlyMap<string, string>): string {
    if (this.text !== undefined) return this.text;
    // Without machine interfaces the text is the same on every machine: render it once.
    if (this.plain !== undefined) return this.plain;
    const rendered: Record<string, unknown> = {};
    for (const e of this.entries!) {
      const out = { ...e.rendered };
      const mac = e.machineInterface === undefined ? undefined : macs.get(e.machineInterface);
      if (mac !== undefined) {
        out.match = { macaddress: mac };
        const setName = e.setName ?? (usableLinuxName(e.machineInterface!) ? e.machineInterface : undefined);
        if (setName !== undefined) out['set-name'] = setName;
      }
      rendered[e.id] = sortKeysDeep(out);
    }
    const text = `${Yaml.stringify({ version: 2, ethernets: sortKeysDeep(rendered) })}`;
    if (this._machineInterfaces().length === 0) this.plain = text;
    return text;
  }
}

/** One checked entry of `fromEthernets`: rendered, except the match of a machine interface. */
interface EthernetEntry {
  readonly id: string;
  readonly at: string;
  readonly machineInterface?: string;
  readonly setName?: string;
  readonly rendered: Record<string, unknown>;
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

/** The machine interface name rule (src/network: `[A-Za-z0-9_-]+`). */
const MACHINE_INTERFACE = /^[A-Za-z0-9_-]+$/;

/**
 * Checks how an entry names its NIC: `name` or `machineInterface`, not both, and a machine interface
 * only once and without a match of its own. Returns the netplan id.
 */
function checkMachineInterface(who: string, at: string, e: NetworkEthernet, earlier: EthernetEntry[]): string {
  const iface = e.machineInterface;
  if (iface === undefined) {
    if (e.name === undefined) {
      fail(who, { property: `${at}.name`, problem: 'is missing', value: undefined, allowed: 'give the guest interface name, or machineInterface (the name of one of the machine\'s networks)' });
    }
    return e.name;
  }
  if (typeof iface !== 'string' || !MACHINE_INTERFACE.test(iface)) {
    fail(who, { property: `${at}.machineInterface`, problem: 'must be a machine interface name', value: iface, allowed: "the name of one of the machine's networks: letters, digits, '_' and '-'" });
  }
  for (const [property, value] of [['name', e.name], ['macAddress', e.macAddress], ['matchName', e.matchName]] as const) {
    if (value !== undefined) {
      fail(who, {
        property: `${at}.${property}`,
        problem: 'cannot be combined with machineInterface',
        value,
        allowed: property === 'name'
          ? 'give the guest interface name or the machine interface, not both: the netplan id is the machine interface name'
          : "leave the match to machineInterface: it matches the interface's own MAC address",
      });
    }
  }
  const same = earlier.find(x => x.machineInterface === iface);
  if (same) {
    fail(who, { property: `${at}.machineInterface`, problem: `names the same interface as ${same.at}`, value: iface, allowed: 'one entry per machine interface' });
  }
  return iface;
}

/**
 * Whether the guest can be asked to rename a NIC to this machine interface name: at most 15
 * characters (IFNAMSIZ), not `all` or `default` (the kernel's per-protocol settings under
 * /proc/sys/net/ipv4/conf already hold those names), and not a kernel name such as `eth1`, which
 * systemd calls racy (systemd.link, `Name=`).
 */
function usableLinuxName(name: string): boolean {
  return IFNAME.test(name) && name.length <= 15 && name !== 'all' && name !== 'default' && !/^eth\d+$/.test(name);
}

function renderEthernet(who: string, at: string, e: NetworkEthernet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const match: Record<string, unknown> = {};
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
    if (Object.keys(match).length === 0 && e.machineInterface === undefined) {
      fail(who, { property: `${at}.setName`, problem: 'needs a match', value: e.setName, allowed: 'give macAddress, matchName or machineInterface with setName' });
    }
    checkEthernetName(who, `${at}.setName`, e.setName, true);
    // A machine interface's set-name goes with its match, when the entry is bound to a machine.
    if (e.machineInterface === undefined) out['set-name'] = e.setName;
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
    if (!isIPv4(e.gateway4)) fail(who, { property: `${at}.gateway4`, problem: 'must be an IPv4 address', value: e.gateway4, allowed: 'for example 10.0.1.1' });
    out.gateway4 = e.gateway4;
  }
  if (e.gateway6 !== undefined) {
    if (!isIPv6(e.gateway6)) fail(who, { property: `${at}.gateway6`, problem: 'must be an IPv6 address', value: e.gateway6, allowed: 'for example 2001:db8::1' });
    out.gateway6 = e.gateway6;
  }
  if (e.routes !== undefined) {
    out.routes = e.routes.map((r, i) => {
      const rat = `${at}.routes[${i}]`;
      const toFamily = r.to === 'default' ? -1 : cidrFamily(r.to);
      if (toFamily === 0) fail(who, { property: `${rat}.to`, problem: "must be 'default' or a network in CIDR form", value: r.to, allowed: 'for example 10.0.0.0/8' });
      const viaFamily = isIP(r.via ?? '');
      if (viaFamily === 0) fail(who, { property: `${rat}.via`, problem: 'must be an IP address', value: r.via, allowed: 'for example 10.0.1.1' });
      if (toFamily > 0 && toFamily !== viaFamily) {
        fail(who, { property: `${rat}.via`, problem: `must be an IPv${toFamily} address, like to`, value: r.via, allowed: `a gateway of the same family as ${r.to}` });
      }
      if (r.metric !== undefined && (!Number.isInteger(r.metric) || r.metric < 0)) {
        fail(who, { property: `${rat}.metric`, problem: 'must be a whole number, at least 0', value: r.metric, allowed: 'for example 100' });
      }
      return sortKeysDeep({ to: r.to, via: r.via, metric: r.metric });
    });
  }
  if (e.nameservers !== undefined) {
    const ns: Record<string, unknown> = {};
    if (e.nameservers.addresses !== undefined) {
      e.nameservers.addresses.forEach((a, i) => {
        if (isIP(a) === 0) fail(who, { property: `${at}.nameservers.addresses[${i}]`, problem: 'must be an IP address', value: a, allowed: 'for example 10.0.1.53 or 2001:db8::53' });
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
  return sortKeysDeep(out);
}

/** 4 or 6 for a valid CIDR, 0 otherwise. */
function cidrFamily(value: string): number {
  if (typeof value !== 'string') return 0;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return 0;
  const family = isIP(m[1]);
  const prefix = Number(m[2]);
  if (family === 4 && prefix <= 32) return 4;
  if (family === 6 && prefix <= 128) return 6;
  return 0;
}

