import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import { guardCall } from '../private/lazy-guard';
import { isMacAddress, isPortNumber, MAC_ADDRESS_ALLOWED } from '../private/mac-port';
import { isInterfaceName, isNetworkAttachmentName } from '../private/names';

/** NIC model shown to the guest. */
export enum InterfaceModel {
  /** Paravirtualized (fastest; needs virtio drivers). */
  VIRTIO = 'virtio',
  /** Intel e1000. */
  E1000 = 'e1000',
  /** Intel e1000e. */
  E1000E = 'e1000e',
  /** Intel igb. */
  IGB = 'igb',
  /** NE2000 PCI. */
  NE2K_PCI = 'ne2k_pci',
  /** AMD PCnet. */
  PCNET = 'pcnet',
  /** Realtek RTL8139. */
  RTL8139 = 'rtl8139',
}

/** How an interface is connected to its network. */
export enum InterfaceBinding {
  /** NAT behind the pod IP; the only binding allowed on the pod network here. */
  MASQUERADE = 'masquerade',
  /** Layer-2 bridge (multus networks). */
  BRIDGE = 'bridge',
  /** SR-IOV virtual function passthrough (multus networks). */
  SRIOV = 'sriov',
}

/** Port protocol. */
export enum PortProtocol {
  /** TCP. */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
}

/** A port forwarded on the pod network. */
export interface NetworkPort {
  /** Port number, 1 to 65535. */
  readonly port: number;
  /**
   * Protocol.
   * @default PortProtocol.TCP
   */
  readonly protocol?: PortProtocol;
  /**
   * Name, unique among the interface's ports.
   * @default - none
   */
  readonly name?: string;
}

/** Options shared by all interfaces. */
export interface InterfaceOptions {
  /**
   * Interface and network name (`[A-Za-z0-9_-]+`), unique in the machine.
   * @default - `default` for the pod network; the NetworkAttachmentDefinition name for multus
   */
  readonly name?: string;
  /**
   * NIC model.
   * @default - the template's interface model, else virtio
   */
  readonly model?: InterfaceModel;
  /**
   * MAC address, e.g. `52:54:00:12:34:56`.
   * @default - assigned by KubeVirt
   */
  readonly macAddress?: string;
  /**
   * Boot order for PXE boot (unique across disks and interfaces).
   * @default - not bootable
   */
  readonly bootOrder?: number;
}

/** Options of the pod network. */
export interface PodNetworkOptions extends InterfaceOptions {
  /**
   * Ports to forward; none means all ports.
   * @default - all ports
   */
  readonly ports?: NetworkPort[];
}

/** Options of a multus network. */
export interface MultusNetworkOptions extends InterfaceOptions {
  /**
   * Binding.
   * @default InterfaceBinding.BRIDGE
   */
  readonly binding?: InterfaceBinding;
  /**
   * Make this the default network (replacing the pod network as the VM's primary interface).
   * @default false
   */
  readonly defaultNetwork?: boolean;
}

/**
 * A network a machine is attached to, with its interface.
 *
 * @example
 * new Machine(chart, 'web', {
 *   networks: [
 *     Network.pod({ ports: [{ port: 22, name: 'ssh' }] }),
 *     Network.multus('vms/lab-bridge', { name: 'lab', model: InterfaceModel.VIRTIO }),
 *   ],
 * });
 */
export class Network {
  /** The pod network, with masquerade binding. */
  public static pod(options: PodNetworkOptions = {}): Network {
    guardCall(undefined, 'cdk8s-kubevirt.Network', 'pod', [options]);
    const name = options.name ?? 'default';
    const who = `Network.pod '${name}'`;
    checkCommon(who, name, options);
    const names = new Set<string>();
    for (const [i, p] of (options.ports ?? []).entries()) {
      if (!isPortNumber(p.port)) {
        fail(who, { property: `ports[${i}].port`, problem: 'must be a port number', value: p.port, allowed: 'an integer from 1 to 65535', ruleId: 'interface-port' });
      }
      if (p.name !== undefined) {
        if (names.has(p.name)) fail(who, { property: `ports[${i}].name`, problem: 'is used by another port', value: p.name, allowed: 'unique port names', ruleId: 'interface-port-name-unique' });
        names.add(p.name);
      }
    }
    return new Network(name, { pod: {} }, InterfaceBinding.MASQUERADE, options, options.ports);
  }

  /**
   * A multus network, by NetworkAttachmentDefinition name (`name` or `namespace/name`).
   */
  public static multus(networkName: string, options: MultusNetworkOptions = {}): Network {
    guardCall(undefined, 'cdk8s-kubevirt.Network', 'multus', [networkName, options]);
    if (typeof networkName !== 'string' || !isNetworkAttachmentName(networkName)) {
      fail('Network.multus', { property: 'networkName', problem: 'must name a NetworkAttachmentDefinition', value: networkName, allowed: "'name' or 'namespace/name' (DNS-1123)", ruleId: 'network-multus-name' });
    }
    const name = options.name ?? networkName.split('/').pop()!;
    const who = `Network.multus '${name}'`;
    checkCommon(who, name, options);
    const binding = options.binding ?? InterfaceBinding.BRIDGE;
    if (binding === InterfaceBinding.MASQUERADE) {
      fail(who, { property: 'binding', problem: 'cannot be masquerade on a multus network', value: binding, allowed: 'bridge or sriov', ruleId: 'interface-masquerade-pod' });
    }
    return new Network(name, { multus: { networkName, ...(options.defaultNetwork ? { default: true } : {}) } }, binding, options, undefined);
  }

  private readonly options: InterfaceOptions;
  private readonly ports?: NetworkPort[];

  private constructor(
    /** Name of the network and its interface. */
    public readonly name: string,
    private readonly source: Omit<kv.Network, 'name'>,
    /** Binding of the interface. */
    public readonly binding: InterfaceBinding,
    options: InterfaceOptions,
    ports?: NetworkPort[]) {
    // A Network is a value: keep a frozen copy of what was checked, so later changes to the caller's
    // objects cannot reach the output.
    this.options = frozenCopy(`Network '${name}'`, 'options', options);
    this.ports = frozenCopy(`Network '${name}'`, 'ports', ports);
  }

  /** Whether this is the pod network. */
  public get isPod(): boolean {
    return this.source.pod !== undefined;
  }

  /** @internal */
  public _network(): kv.Network {
    return { name: this.name, ...this.source };
  }

  /**
   * The MAC address given in the options, as given.
   * @internal
   */
  public get _macAddress(): string | undefined {
    return this.options.macAddress;
  }

  /**
   * The interface for `domain.devices.interfaces`. `derivedMac` is the MAC address the machine
   * derived for this interface (its network data names it), used when the options give none.
   * @internal
   */
  public _interface(defaultModel?: InterfaceModel, derivedMac?: string): kv.Interface {
    const iface: kv.Interface = { name: this.name, [this.binding]: {} };
    const model = this.options.model ?? defaultModel;
    if (model !== undefined && this.binding !== InterfaceBinding.SRIOV) iface.model = model;
    if (this.options.macAddress !== undefined) iface.macAddress = this.options.macAddress.toLowerCase().replace(/-/g, ':');
    else if (derivedMac !== undefined) iface.macAddress = derivedMac;
    if (this.options.bootOrder !== undefined) iface.bootOrder = this.options.bootOrder;
    if (this.ports && this.ports.length > 0) {
      iface.ports = this.ports.map(p => ({ ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol ?? PortProtocol.TCP }));
    }
    return iface;
  }
}

function checkCommon(who: string, name: string, options: InterfaceOptions): void {
  if (!isInterfaceName(name)) {
    fail(who, { property: 'name', problem: 'must be a valid interface name', value: name, allowed: "letters, digits, '_' and '-'", ruleId: 'interface-name-format' });
  }
  if (options.macAddress !== undefined && !isMacAddress(options.macAddress)) {
    fail(who, { property: 'macAddress', problem: 'must be a MAC address', value: options.macAddress, allowed: MAC_ADDRESS_ALLOWED, ruleId: 'interface-mac-address' });
  }
  if (options.bootOrder !== undefined && !(Number.isInteger(options.bootOrder) && options.bootOrder >= 1)) {
    fail(who, { property: 'bootOrder', problem: 'must be a whole number of at least 1', value: options.bootOrder, allowed: 'an integer ≥ 1', ruleId: 'boot-order-min' });
  }
}
