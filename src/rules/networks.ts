/**
 * Network and interface rules.
 * Source: pkg/network/admitter/*.go (KubeVirt v1.9): netiface.go, netsource.go, binding.go,
 * discontinued.go; each rule names its file.
 */
import { PCI_ADDRESS, PCI_ADDRESS_ALLOWED } from './disks';
import { hasName, interfaceItems, interfaceNetworks, isHole, networkItems, networksByName, repeatedNames, SCAN_MAX } from './spec-view';
import { isSet, itemName, list, obj, oneOf, Rule, setKeys, specRule, violation, Violation } from './types';
import { isMacAddress, isPortNumber } from '../private/mac-port';
import { isInterfaceName } from '../private/names';

const NETIFACE = 'pkg/network/admitter/netiface.go';
const NETSOURCE = 'pkg/network/admitter/netsource.go';
const BINDING = 'pkg/network/admitter/binding.go';

/** Interface models KubeVirt accepts. */
export const INTERFACE_MODELS = ['e1000', 'e1000e', 'igb', 'ne2k_pci', 'pcnet', 'rtl8139', 'virtio'];
const INTERFACE_MODEL_SET = new Set(INTERFACE_MODELS);
export const INTERFACE_STATES = ['absent', 'down', 'up'];
const INTERFACE_STATE_SET = new Set(INTERFACE_STATES);
export const NETWORK_SOURCES = ['pod', 'multus', 'resourceClaim'];
/** Every way to bind an interface: the core methods, the plugin, and the discontinued ones. */
export const BINDINGS = ['bridge', 'masquerade', 'sriov', 'passtBinding', 'binding', 'slirp', 'passt', 'macvtap'];
export const DISCONTINUED = ['slirp', 'passt', 'macvtap'];

/** `countSet(net, NETWORK_SOURCES)`, written out: named reads stay fast where a keyed loop over the list does not. */
export function networkSourceCount(n: any): number {
  return (isSet(n.pod) ? 1 : 0) + (isSet(n.multus) ? 1 : 0) + (isSet(n.resourceClaim) ? 1 : 0);
}

/** `countSet(iface, BINDINGS)`, written out. */
export function bindingCount(x: any): number {
  return (isSet(x.bridge) ? 1 : 0) + (isSet(x.masquerade) ? 1 : 0) + (isSet(x.sriov) ? 1 : 0) + (isSet(x.passtBinding) ? 1 : 0)
    + (isSet(x.binding) ? 1 : 0) + (isSet(x.slirp) ? 1 : 0) + (isSet(x.passt) ? 1 : 0) + (isSet(x.macvtap) ? 1 : 0);
}

/** True when any of DISCONTINUED is set (`countSet(iface, DISCONTINUED) !== 0`). */
export function hasDiscontinued(x: any): boolean {
  return isSet(x.slirp) || isSet(x.passt) || isSet(x.macvtap);
}

function isPod(net: any): boolean {
  return net !== undefined && isSet(net.pod);
}

function isMultusDefault(net: any): boolean {
  return net !== undefined && obj(net.multus).default === true;
}

/** A rule over every interface, with its network (if any). */
function ifaceRule(id: string, source: string, summary: string,
  fn: (iface: any, at: string, net: any | undefined, i: number, raw: any) => Violation | Violation[] | undefined, clusterDependent = false): Rule {
  return specRule({
    id,
    source,
    summary,
    clusterDependent,
    check: ctx => {
      const ifaces = interfaceItems(ctx);
      if (ifaces.raw.length === 0) return [];
      const nets = interfaceNetworks(ctx);
      const out: Violation[] = [];
      for (let i = 0; i < ifaces.raw.length; i++) {
        if (isHole(ifaces, i)) continue;
        const r = fn(ifaces.objs[i], ifaces.paths[i], nets[i], i, ifaces.raw[i]);
        if (Array.isArray(r)) out.push(...r);
        else if (r) out.push(r);
      }
      return out;
    },
  });
}

export const NETWORK_RULES: Rule[] = [
  specRule({
    id: 'network-has-interface',
    source: NETIFACE,
    summary: 'rejects a network without an interface of the same name',
    check: ctx => {
      const nets = networkItems(ctx);
      const ifaces = interfaceItems(ctx);
      const names = ifaces.objs.length > SCAN_MAX ? new Set(ifaces.objs.map(x => x.name)) : undefined;
      const out: Violation[] = [];
      for (let i = 0; i < nets.objs.length; i++) {
        if (isHole(nets, i)) continue;
        const name = nets.objs[i].name;
        if (!(names !== undefined ? names.has(name) : hasName(ifaces, name))) {
          out.push(violation('network-has-interface', `${nets.paths[i]}.name`, 'must match the name of an interface', name,
            'the name of an interface in domain.devices.interfaces'));
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'interface-has-network',
    source: NETIFACE,
    summary: 'rejects an interface without a network of the same name',
    check: ctx => {
      const ifaces = interfaceItems(ctx);
      const byName = networksByName(ctx);
      const out: Violation[] = [];
      for (let i = 0; i < ifaces.objs.length; i++) {
        if (isHole(ifaces, i)) continue;
        const name = ifaces.objs[i].name;
        if (!byName.has(name)) {
          out.push(violation('interface-has-network', `${ifaces.paths[i]}.name`, 'must match the name of a network', name, 'the name of a network in networks'));
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'network-name-unique',
    source: NETIFACE,
    summary: 'rejects two networks with the same name',
    check: ctx => {
      const nets = networkItems(ctx);
      return repeatedNames(nets, 'network-name-unique', 'network');
    },
  }),
  specRule({
    id: 'interface-name-unique',
    source: NETIFACE,
    summary: 'rejects two interfaces with the same name',
    check: ctx => {
      const ifaces = interfaceItems(ctx);
      return repeatedNames(ifaces, 'interface-name-unique', 'interface');
    },
  }),
  ifaceRule('interface-name-format', NETIFACE, 'rejects an interface name with characters outside [A-Za-z0-9-_]',
    (iface, at) => isInterfaceName(iface.name) ? undefined
      : violation('interface-name-format', `${at}.name`, 'must contain only letters, digits, - and _', iface.name, 'a name matching ^[A-Za-z0-9-_]+$')),
  specRule({
    id: 'network-one-source',
    source: NETSOURCE,
    summary: 'rejects a network with no source or more than one of pod, multus, resourceClaim',
    check: ctx => {
      const nets = networkItems(ctx);
      const out: Violation[] = [];
      for (let i = 0; i < nets.objs.length; i++) {
        if (isHole(nets, i) || networkSourceCount(nets.objs[i]) === 1) continue;
        const set = setKeys(nets.objs[i], NETWORK_SOURCES);
        out.push(violation('network-one-source', nets.paths[i], `must set exactly one source (${itemName('network', nets.raw[i], i)})`, set, oneOf(NETWORK_SOURCES)));
      }
      return out;
    },
  }),
  specRule({
    id: 'network-default-single',
    source: NETSOURCE,
    summary: 'rejects more than one pod network, more than one multus default, or a pod network together with a multus default',
    check: ctx => {
      const nets = networkItems(ctx);
      const out: Violation[] = [];
      let first: string | undefined;
      for (let i = 0; i < nets.objs.length; i++) {
        if (isHole(nets, i)) continue;
        const net = nets.objs[i];
        if (!isPod(net) && !isMultusDefault(net)) continue;
        const what = isPod(net) ? 'pod network' : 'multus default network';
        if (first !== undefined) {
          out.push(violation('network-default-single', nets.paths[i], `must not be a second default network (${first} is already the default)`,
            net.name, 'at most one default network: one pod network or one multus network with default: true'));
        } else {
          first = `${what} ${JSON.stringify(net.name)}`;
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'network-multus-name',
    source: NETSOURCE,
    summary: 'rejects a multus network without networkName',
    check: ctx => {
      const nets = networkItems(ctx);
      const out: Violation[] = [];
      for (let i = 0; i < nets.objs.length; i++) {
        if (isHole(nets, i)) continue;
        const net = nets.objs[i];
        if (!isSet(net.multus)) continue;
        const name = obj(net.multus).networkName;
        if (typeof name !== 'string' || name === '') {
          out.push(violation('network-multus-name', `${nets.paths[i]}.multus.networkName`, 'must be set', name,
            'the name of a NetworkAttachmentDefinition, as <name> or <namespace>/<name>'));
        }
      }
      return out;
    },
  }),
  ifaceRule('interface-one-binding', BINDING, 'rejects an interface with more than one binding',
    (iface, at, _net, i) => {
      if (bindingCount(iface) <= 1) return undefined;
      const set = setKeys(iface, BINDINGS);
      return set.length > 1
        ? violation('interface-one-binding', at, `must set only one binding (${itemName('interface', iface, i)})`, set, 'one of bridge, masquerade, sriov, passtBinding, binding')
        : undefined;
    }),
  ifaceRule('interface-masquerade-pod', BINDING, 'rejects masquerade on an interface whose network is not the pod network',
    (iface, at, net, i) => isSet(iface.masquerade) && net !== undefined && !isPod(net)
      ? violation('interface-masquerade-pod', `${at}.masquerade`, `must only be used with the pod network (${itemName('interface', iface, i)})`, iface.masquerade,
        'masquerade on the pod network; bridge or sriov on multus networks')
      : undefined),
  ifaceRule('interface-bridge-pod', BINDING, 'rejects bridge on the pod network unless the cluster allows it (network.permitBridgeInterfaceOnPodNetwork)',
    (iface, at, net, i) => isSet(iface.bridge) && isPod(net)
      ? violation('interface-bridge-pod', `${at}.bridge`, `must not be used on the pod network unless the cluster permits it (${itemName('interface', iface, i)})`,
        iface.bridge, 'masquerade on the pod network')
      : undefined, true),
  ifaceRule('interface-binding-discontinued', 'pkg/network/admitter/discontinued.go', 'rejects the slirp, passt and macvtap bindings, discontinued since v1.3',
    (iface, at, _net, i) => !hasDiscontinued(iface) ? undefined : DISCONTINUED.filter(b => isSet(iface[b])).map(b =>
      violation('interface-binding-discontinued', `${at}.${b}`, `must not be used: the ${b} binding is discontinued (${itemName('interface', iface, i)})`, iface[b],
        b === 'passt' ? 'passtBinding, or a network binding plugin' : 'masquerade or bridge, or a network binding plugin'))),
  ifaceRule('interface-model', NETIFACE, 'rejects an interface model outside e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139, virtio',
    (iface, at) => isSet(iface.model) && iface.model !== '' && !INTERFACE_MODEL_SET.has(iface.model)
      ? violation('interface-model', `${at}.model`, `must be ${oneOf(INTERFACE_MODELS)}`, iface.model, oneOf(INTERFACE_MODELS))
      : undefined),
  ifaceRule('interface-mac-address', NETIFACE, 'rejects a malformed (or longer than 6-byte) MAC address',
    (iface, at) => isSet(iface.macAddress) && iface.macAddress !== '' && !isMacAddress(iface.macAddress)
      ? violation('interface-mac-address', `${at}.macAddress`, 'must be a well-formed 6-byte MAC address', iface.macAddress, 'a MAC address like 02:00:00:00:00:01')
      : undefined),
  ifaceRule('interface-pci-address', NETIFACE, 'rejects a malformed interface pciAddress',
    (iface, at) => isSet(iface.pciAddress) && iface.pciAddress !== '' && !(typeof iface.pciAddress === 'string' && PCI_ADDRESS.test(iface.pciAddress))
      ? violation('interface-pci-address', `${at}.pciAddress`, 'must be a well-formed PCI address', iface.pciAddress, PCI_ADDRESS_ALLOWED)
      : undefined),
  ifaceRule('interface-ports-pod', NETIFACE, 'rejects ports on an interface whose network is not the pod network',
    (iface, at, net, i) => list(iface.ports).length > 0 && net !== undefined && !isPod(net)
      ? violation('interface-ports-pod', `${at}.ports`, `must only be set on the pod network's interface (${itemName('interface', iface, i)})`, iface.ports,
        'ports on the interface of the pod network only')
      : undefined),
  ifaceRule('interface-port', NETIFACE, 'rejects a port outside 1–65535, a protocol other than TCP or UDP, or a repeated port name',
    (iface, at) => {
      if (list(iface.ports).length === 0) return undefined;
      const out: Violation[] = [];
      const names = new Set<unknown>();
      list(iface.ports).forEach((p, j) => {
        const port = obj(p);
        const pAt = `${at}.ports[${j}]`;
        if (!isPortNumber(port.port)) {
          out.push(violation('interface-port', `${pAt}.port`, 'must be a port number from 1 to 65535', port.port, 'an integer from 1 to 65535'));
        }
        if (isSet(port.protocol) && port.protocol !== '' && port.protocol !== 'TCP' && port.protocol !== 'UDP') {
          out.push(violation('interface-port', `${pAt}.protocol`, 'must be TCP or UDP', port.protocol, 'one of TCP, UDP'));
        }
        if (isSet(port.name) && port.name !== '') {
          if (names.has(port.name)) out.push(violation('interface-port', `${pAt}.name`, 'must be unique among the interface\'s ports', port.name, 'a name no other port uses'));
          names.add(port.name);
        }
      });
      return out;
    }),
  ifaceRule('interface-state', NETIFACE, 'rejects an interface state outside absent, down, up',
    (iface, at) => isSet(iface.state) && iface.state !== '' && !INTERFACE_STATE_SET.has(iface.state)
      ? violation('interface-state', `${at}.state`, `must be ${oneOf(INTERFACE_STATES)}`, iface.state, oneOf(INTERFACE_STATES))
      : undefined),
  ifaceRule('interface-state-sriov', NETIFACE, 'rejects state up or down on an SR-IOV interface',
    (iface, at, _net, i) => isSet(iface.sriov) && (iface.state === 'up' || iface.state === 'down')
      ? violation('interface-state-sriov', `${at}.state`, `must not be up or down on an SR-IOV interface (${itemName('interface', iface, i)})`, iface.state,
        'absent, or unset')
      : undefined),
  ifaceRule('interface-state-absent', NETIFACE, 'rejects state absent unless the binding is bridge and the network is not the default one',
    (iface, at, net, i) => {
      if (iface.state !== 'absent') return undefined;
      if (!isSet(iface.bridge)) {
        return violation('interface-state-absent', `${at}.state`, `must not be absent unless the binding is bridge (${itemName('interface', iface, i)})`, 'absent',
          'absent only on a bridge interface of a secondary network');
      }
      if (isPod(net) || isMultusDefault(net)) {
        return violation('interface-state-absent', `${at}.state`, `must not be absent on the default network (${itemName('interface', iface, i)})`, 'absent',
          'absent only on a bridge interface of a secondary network');
      }
      return undefined;
    }),
];
