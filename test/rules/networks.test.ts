import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

const I = `${VMI}.domain.devices.interfaces`;
const N = `${VMI}.networks`;

/** A valid VM with a second, multus, network `blue` and its interface, changed by the arguments. */
function withSecondary(iface: any = { bridge: {} }, net: any = { multus: { networkName: 'blue-net' } }): any {
  return vmWith(spec => {
    spec.domain.devices.interfaces.push({ name: 'blue', ...iface });
    spec.networks.push({ name: 'blue', ...net });
  });
}

/** A valid VM whose pod interface is changed by `change`. */
function withPodIface(change: (iface: any) => void): any {
  return vmWith(spec => change(spec.domain.devices.interfaces[0]));
}

describe('network rules', () => {
  test('accepts valid interfaces and networks, schema included', () => {
    const vm = withSecondary({ bridge: {}, model: 'e1000e', macAddress: '02:00:00:00:00:01', pciAddress: '0000:02:01.0', state: 'absent' });
    vm.spec.template.spec.domain.devices.interfaces[0].ports = [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }];
    vm.spec.template.spec.domain.devices.interfaces.push({ name: 'vf', sriov: {}, macAddress: '0200.0000.0002' });
    vm.spec.template.spec.networks.push({ name: 'vf', multus: { networkName: 'ns/sriov' } });
    expectConformant([vm]);
    expect(messages(vm)).toEqual([]);
  });

  test('accepts a multus default network instead of a pod network', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0] = { name: 'default', bridge: {} };
      spec.networks[0] = { name: 'default', multus: { networkName: 'main', default: true } };
    });
    expect(messages(vm, { clusterDependent: true })).toEqual([]);
  });

  test('fails when a network has no interface (network-has-interface)', () => {
    const vm = vmWith(spec => {
      spec.networks.push({ name: 'blue', multus: { networkName: 'blue-net' } });
    });
    expect(messages(vm)).toEqual([
      `${N}[1].name must match the name of an interface: got "blue"; the name of an interface in domain.devices.interfaces (network-has-interface)`,
    ]);
  });

  test('fails when an interface has no network (interface-has-network)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces.push({ name: 'blue', bridge: {} });
    });
    expect(messages(vm)).toEqual([`${I}[1].name must match the name of a network: got "blue"; the name of a network in networks (interface-has-network)`]);
  });

  test('fails when two networks share a name (network-name-unique)', () => {
    const vm = withSecondary();
    vm.spec.template.spec.networks.push({ name: 'blue', multus: { networkName: 'other' } });
    expect(messages(vm)).toEqual([`${N}[2].name must be unique among networks: got "blue"; a name no other network uses (network-name-unique)`]);
  });

  test('fails when two interfaces share a name (interface-name-unique)', () => {
    const vm = withSecondary();
    vm.spec.template.spec.domain.devices.interfaces.push({ name: 'blue', bridge: {} });
    expect(messages(vm)).toEqual([`${I}[2].name must be unique among interfaces: got "blue"; a name no other interface uses (interface-name-unique)`]);
  });

  test('fails when an interface name has a dot (interface-name-format)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0].name = 'pod.net';
      spec.networks[0].name = 'pod.net';
    });
    expect(messages(vm)).toEqual([`${I}[0].name must contain only letters, digits, - and _: got "pod.net"; a name matching ^[A-Za-z0-9-_]+$ (interface-name-format)`]);
  });

  test('fails when a network has two sources (network-one-source)', () => {
    const vm = withSecondary({ bridge: {} }, { multus: { networkName: 'blue-net' }, resourceClaim: { claimName: 'c' } });
    expect(messages(vm)).toEqual([
      `${N}[1] must set exactly one source (network "blue"): got ["multus","resourceClaim"]; one of pod, multus, resourceClaim (network-one-source)`,
    ]);
  });

  test('fails when a network has no source (network-one-source)', () => {
    const vm = withSecondary({ bridge: {} }, {});
    expect(messages(vm)).toEqual([`${N}[1] must set exactly one source (network "blue"): got []; one of pod, multus, resourceClaim (network-one-source)`]);
  });

  test('fails when there are two pod networks (network-default-single)', () => {
    const vm = withSecondary({ masquerade: {} }, { pod: {} });
    expect(messages(vm)).toEqual([
      `${N}[1] must not be a second default network (pod network "default" is already the default): got "blue"; `
      + 'at most one default network: one pod network or one multus network with default: true (network-default-single)',
    ]);
  });

  test('fails when a pod network and a multus default are both set (network-default-single)', () => {
    const vm = withSecondary({ bridge: {} }, { multus: { networkName: 'blue-net', default: true } });
    expect(messages(vm)).toEqual([
      `${N}[1] must not be a second default network (pod network "default" is already the default): got "blue"; `
      + 'at most one default network: one pod network or one multus network with default: true (network-default-single)',
    ]);
  });

  test('fails when a multus network has no networkName (network-multus-name)', () => {
    const vm = withSecondary({ bridge: {} }, { multus: {} });
    expect(messages(vm)).toEqual([
      `${N}[1].multus.networkName must be set: got undefined; the name of a NetworkAttachmentDefinition, as <name> or <namespace>/<name> (network-multus-name)`,
    ]);
  });

  test('fails when an interface has two bindings (interface-one-binding)', () => {
    const vm = withPodIface(iface => {
      iface.bridge = {};
    });
    expect(messages(vm)).toEqual([
      `${I}[0] must set only one binding (interface "default"): got ["bridge","masquerade"]; one of bridge, masquerade, sriov, passtBinding, binding (interface-one-binding)`,
    ]);
  });

  test('fails when masquerade is on a multus network (interface-masquerade-pod)', () => {
    expect(messages(withSecondary({ masquerade: {} }))).toEqual([
      `${I}[1].masquerade must only be used with the pod network (interface "blue"): got {}; masquerade on the pod network; bridge or sriov on multus networks (interface-masquerade-pod)`,
    ]);
  });

  test('fails when bridge is on the pod network, with cluster-dependent rules on (interface-bridge-pod)', () => {
    const vm = withPodIface(iface => {
      delete iface.masquerade;
      iface.bridge = {};
    });
    expect(messages(vm)).toEqual([]);
    expect(messages(vm, { clusterDependent: true })).toEqual([
      `${I}[0].bridge must not be used on the pod network unless the cluster permits it (interface "default"): got {}; masquerade on the pod network (interface-bridge-pod)`,
    ]);
  });

  test('fails when the slirp binding is used (interface-binding-discontinued)', () => {
    const vm = withPodIface(iface => {
      delete iface.masquerade;
      iface.slirp = {};
    });
    expect(messages(vm)).toEqual([
      `${I}[0].slirp must not be used: the slirp binding is discontinued (interface "default"): got {}; masquerade or bridge, or a network binding plugin (interface-binding-discontinued)`,
    ]);
  });

  test('fails when the macvtap binding is used (interface-binding-discontinued)', () => {
    expect(messages(withSecondary({ macvtap: {} }))).toEqual([
      `${I}[1].macvtap must not be used: the macvtap binding is discontinued (interface "blue"): got {}; masquerade or bridge, or a network binding plugin (interface-binding-discontinued)`,
    ]);
  });

  test('fails when the model is unknown (interface-model)', () => {
    const vm = withPodIface(iface => {
      iface.model = 'vmxnet3';
    });
    expect(messages(vm)).toEqual([
      `${I}[0].model must be one of e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139, virtio: got "vmxnet3"; one of e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139, virtio (interface-model)`,
    ]);
  });

  test('fails when the MAC address is malformed (interface-mac-address)', () => {
    const vm = withPodIface(iface => {
      iface.macAddress = '02:00:00:00:00';
    });
    expect(messages(vm)).toEqual([`${I}[0].macAddress must be a well-formed 6-byte MAC address: got "02:00:00:00:00"; a MAC address like 02:00:00:00:00:01 (interface-mac-address)`]);
  });

  test('fails when the MAC address is 8 bytes (interface-mac-address)', () => {
    const vm = withPodIface(iface => {
      iface.macAddress = '02:00:00:00:00:00:00:01';
    });
    expect(messages(vm)).toEqual([
      `${I}[0].macAddress must be a well-formed 6-byte MAC address: got "02:00:00:00:00:00:00:01"; a MAC address like 02:00:00:00:00:01 (interface-mac-address)`,
    ]);
  });

  test('fails when the PCI address is malformed (interface-pci-address)', () => {
    const vm = withPodIface(iface => {
      iface.pciAddress = '0000:02:01.8';
    });
    expect(messages(vm)).toEqual([
      `${I}[0].pciAddress must be a well-formed PCI address: got "0000:02:01.8"; a PCI address dddd:bb:ss.f in hex, function 0-7, e.g. 0000:81:01.1 (interface-pci-address)`,
    ]);
  });

  test('fails when ports are set on a multus interface (interface-ports-pod)', () => {
    expect(messages(withSecondary({ bridge: {}, ports: [{ port: 80 }] }))).toEqual([
      `${I}[1].ports must only be set on the pod network's interface (interface "blue"): got [{"port":80}]; ports on the interface of the pod network only (interface-ports-pod)`,
    ]);
  });

  test('fails when a port is 0 (interface-port)', () => {
    const vm = withPodIface(iface => {
      iface.ports = [{ port: 0 }];
    });
    expect(messages(vm)).toEqual([`${I}[0].ports[0].port must be a port number from 1 to 65535: got 0; an integer from 1 to 65535 (interface-port)`]);
  });

  test('fails when a port protocol is SCTP (interface-port)', () => {
    const vm = withPodIface(iface => {
      iface.ports = [{ port: 80, protocol: 'SCTP' }];
    });
    expect(messages(vm)).toEqual([`${I}[0].ports[0].protocol must be TCP or UDP: got "SCTP"; one of TCP, UDP (interface-port)`]);
  });

  test('fails when two ports share a name (interface-port)', () => {
    const vm = withPodIface(iface => {
      iface.ports = [{ name: 'web', port: 80 }, { name: 'web', port: 443 }];
    });
    expect(messages(vm)).toEqual([`${I}[0].ports[1].name must be unique among the interface's ports: got "web"; a name no other port uses (interface-port)`]);
  });

  test('fails when the state is unknown (interface-state)', () => {
    expect(messages(withSecondary({ bridge: {}, state: 'Up' }))).toEqual([
      `${I}[1].state must be one of absent, down, up: got "Up"; one of absent, down, up (interface-state)`,
    ]);
  });

  test('fails when an SR-IOV interface is set down (interface-state-sriov)', () => {
    expect(messages(withSecondary({ sriov: {}, state: 'down' }))).toEqual([
      `${I}[1].state must not be up or down on an SR-IOV interface (interface "blue"): got "down"; absent, or unset (interface-state-sriov)`,
    ]);
  });

  test('fails when absent is used on a masquerade interface (interface-state-absent)', () => {
    const vm = withPodIface(iface => {
      iface.state = 'absent';
    });
    expect(messages(vm)).toEqual([
      `${I}[0].state must not be absent unless the binding is bridge (interface "default"): got "absent"; absent only on a bridge interface of a secondary network (interface-state-absent)`,
    ]);
  });

  test('fails when absent is used on the default network (interface-state-absent)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0] = { name: 'default', bridge: {}, state: 'absent' };
      spec.networks[0] = { name: 'default', multus: { networkName: 'main', default: true } };
    });
    expect(messages(vm)).toEqual([
      `${I}[0].state must not be absent on the default network (interface "default"): got "absent"; absent only on a bridge interface of a secondary network (interface-state-absent)`,
    ]);
  });
});
