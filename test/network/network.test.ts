import { InterfaceBinding, InterfaceModel, MachineTemplate, Network, PortProtocol } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

describe('Network', () => {
  test('default: the pod network with masquerade, emitted explicitly', () => {
    const { vm } = synthMachine();
    expect(templateSpec(vm).networks).toEqual([{ name: 'default', pod: {} }]);
    expect(templateSpec(vm).domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {} }]);
  });

  test('pod network with ports', () => {
    const { vm } = synthMachine({ networks: [Network.pod({ ports: [{ port: 22, name: 'ssh' }, { port: 53, protocol: PortProtocol.UDP }] })] });
    expect(templateSpec(vm).domain.devices.interfaces[0].ports).toEqual([{ name: 'ssh', port: 22, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }]);
  });

  test('multus networks keep order, with binding, model, MAC, default and PXE boot order', () => {
    const { vm } = synthMachine({
      networks: [
        Network.multus('prod-network', { name: 'eth0', model: InterfaceModel.E1000E, macAddress: '52-54-00-12-34-56', defaultNetwork: true, bootOrder: 1 }),
        Network.multus('infra/storage-network', { name: 'eth1', binding: InterfaceBinding.SRIOV }),
      ],
    });
    expect(templateSpec(vm).networks).toEqual([
      { name: 'eth0', multus: { networkName: 'prod-network', default: true } },
      { name: 'eth1', multus: { networkName: 'infra/storage-network' } },
    ]);
    expect(templateSpec(vm).domain.devices.interfaces).toEqual([
      { name: 'eth0', bridge: {}, model: 'e1000e', macAddress: '52:54:00:12:34:56', bootOrder: 1 },
      { name: 'eth1', sriov: {} },
    ]);
  });

  test('multus interface name defaults to the NetworkAttachmentDefinition name', () => {
    expect(Network.multus('ns1/vlan-100').name).toBe('vlan-100');
  });

  test('the template default interface model applies to interfaces that do not set one', () => {
    const { vm } = synthMachine({ template: MachineTemplate.custom({ interfaceModel: InterfaceModel.VIRTIO }) });
    expect(templateSpec(vm).domain.devices.interfaces).toEqual([{ name: 'default', masquerade: {}, model: 'virtio' }]);
  });

  test('fails when a multus network name is not a NetworkAttachmentDefinition reference', () => {
    expect(() => Network.multus('Prod Net')).toThrow(
      "Network.multus: networkName must name a NetworkAttachmentDefinition: got \"Prod Net\"; 'name' or 'namespace/name' (DNS-1123) (network-multus-name)");
  });

  test('fails when masquerade is asked on a multus network', () => {
    expect(() => Network.multus('n', { binding: InterfaceBinding.MASQUERADE })).toThrow(
      "Network.multus 'n': binding cannot be masquerade on a multus network: got \"masquerade\"; bridge or sriov (interface-masquerade-pod)");
  });

  test('fails when an interface name has characters KubeVirt rejects', () => {
    expect(() => Network.pod({ name: 'eth.0' })).toThrow(
      "Network.pod 'eth.0': name must be a valid interface name: got \"eth.0\"; letters, digits, '_' and '-' (interface-name-format)");
  });

  test('fails when a MAC address is malformed', () => {
    expect(() => Network.multus('n', { macAddress: '52:54:00:12:34' })).toThrow(
      "Network.multus 'n': macAddress must be a MAC address: got \"52:54:00:12:34\"; six hex pairs separated by colons or hyphens, e.g. 52:54:00:12:34:56 (interface-mac-address)");
  });

  test('fails when a port is out of range or a port name repeats', () => {
    expect(() => Network.pod({ ports: [{ port: 70000 }] })).toThrow(
      "Network.pod 'default': ports[0].port must be a port number: got 70000; an integer from 1 to 65535 (interface-port)");
    expect(() => Network.pod({ ports: [{ port: 1, name: 'a' }, { port: 2, name: 'a' }] })).toThrow(
      "Network.pod 'default': ports[1].name is used by another port: got \"a\"; unique port names (interface-port-name-unique)");
  });

  test('fails when an interface boot order is below 1', () => {
    expect(() => Network.pod({ bootOrder: 0 })).toThrow(
      "Network.pod 'default': bootOrder must be a whole number of at least 1: got 0; an integer ≥ 1 (boot-order-min)");
  });
});
