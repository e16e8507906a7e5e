/*
 * The netplan (network config v2) ethernet entry of `NetworkData`, with its routes and nameservers: the
 * structs users write. Checked and rendered in network-data.ts.
 */

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
 * Name the NIC by its machine interface (`machineInterface: 'storage'`, the name of one of the
 * machine's `Network`s) and the library matches it by that interface's MAC address, so nobody has to
 * guess the guest's device name. Otherwise `name` is the guest's interface name (for example `eth0`
 * or `enp1s0`); with `macAddress` or `matchName`, `name` is only the netplan id, and `setName` can
 * rename the matched interface.
 *
 * @see https://netplan.readthedocs.io/en/stable/netplan-yaml/
 */
export interface NetworkEthernet {
  /**
   * The netplan id: the guest's interface name, unless `macAddress` or `matchName` is given. Give
   * either `name` or `machineInterface`.
   * @default - the `machineInterface` name
   */
  readonly name?: string;

  /**
   * The machine interface this entry configures: the `name` of one of the machine's `Network`s, for
   * example `storage` for `Network.multus('storage-net', { name: 'storage' })`.
   *
   * When the CloudInit is bound to a machine, the entry is rendered with the netplan id
   * `machineInterface`, `match.macaddress` set to that interface's MAC address, and `set-name` (the
   * guest renames the NIC to `setName`, else to the interface name when that is a usable Linux name:
   * at most 15 characters, not `default`, `all` or a kernel name such as `eth1`). An interface without
   * `macAddress` gets a MAC derived from the machine's namespace, the machine's name and the interface
   * name (locally administered, unicast, the same on every synthesis). Not for MachinePools: their
   * replicas would share the MAC.
   *
   * @default - the guest interface is named by `name`
   */
  readonly machineInterface?: string;

  /**
   * Match the interface by MAC address (`match.macaddress`), for example `02:00:00:0a:00:01`. Not
   * together with `machineInterface`, which brings the interface's own MAC address.
   * @default - match by name, or by the machine interface's MAC address
   */
  readonly macAddress?: string;

  /**
   * Match interfaces by name, a glob such as `enp*` (`match.name`).
   * @default - match by `name`
   */
  readonly matchName?: string;

  /**
   * Rename the matched interface (`set-name`). Needs `macAddress`, `matchName` or `machineInterface`.
   * @default - keep the kernel's name; with `machineInterface`, the interface name when it is a usable Linux name
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
