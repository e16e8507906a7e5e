import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { CloudInit, InterfaceBinding, Machine, MachinePool, MachineTemplate, Network, NetworkData } from '../../src';
import { derivedMacAddress } from '../../src/machine/machine-nics';
import { synthValid } from '../support/conformance';
import { newChart, synthMachine, templateSpec } from '../support/synth';

/** The network data a VM's cloudinitdisk carries, parsed. */
function networkDataOf(vm: any): any {
  const volume = templateSpec(vm).volumes.find((v: any) => v.name === 'cloudinitdisk');
  return YAML.parse(volume.cloudInitNoCloud.networkData) as any;
}

function interfacesOf(vm: any): any[] {
  return templateSpec(vm).domain.devices.interfaces;
}

const STORAGE = NetworkData.fromEthernets([
  { machineInterface: 'default', dhcp4: true },
  { machineInterface: 'storage', addresses: ['10.20.0.10/24'] },
]);

describe('network data by machine interface', () => {
  test('GIVEN a storage NIC without a MAC, THEN the VM interface gets a derived MAC and netplan matches it and renames the NIC', () => {
    const { vm } = synthMachine({
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
      cloudInit: CloudInit.fromNetworkData(STORAGE),
    });
    expect(interfacesOf(vm)).toEqual([
      { name: 'default', masquerade: {}, macAddress: '02:ec:05:46:97:3c' },
      { name: 'storage', bridge: {}, macAddress: '02:b3:b6:8e:17:e9' },
    ]);
    expect(networkDataOf(vm)).toEqual({
      version: 2,
      ethernets: {
        // `default` is not a usable Linux name (it is taken under /proc/sys/net/ipv4/conf): no set-name.
        default: { match: { macaddress: '02:ec:05:46:97:3c' }, dhcp4: true },
        storage: { 'match': { macaddress: '02:b3:b6:8e:17:e9' }, 'set-name': 'storage', 'addresses': ['10.20.0.10/24'] },
      },
    });
  });

  test('the derived MAC comes from namespace, machine name and interface name, locally administered and unicast', () => {
    expect(derivedMacAddress('vms', 'web', 'storage')).toBe('02:b3:b6:8e:17:e9');
    expect(derivedMacAddress('vms', 'db', 'storage')).toBe('02:be:95:ea:6f:07');
    expect(derivedMacAddress(undefined, 'web', 'storage')).toBe('02:92:a2:f7:76:28');
    expect(derivedMacAddress('other', 'web', 'storage')).toBe('02:af:e7:c7:4b:23');
    for (const mac of ['02:b3:b6:8e:17:e9', derivedMacAddress('a', 'b', 'c')]) {
      // Bit 1 of the first byte set (locally administered), bit 0 clear (unicast).
      const first = Number.parseInt(mac.slice(0, 2), 16);
      expect({ local: Math.floor(first / 2) % 2, multicast: first % 2 }).toEqual({ local: 1, multicast: 0 });
    }
  });

  test('the MAC set on the interface is used, in netplan form (lowercase, colons)', () => {
    const { vm } = synthMachine({
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage', macAddress: '52-54-00-AB-00-01' })],
      cloudInit: CloudInit.fromNetworkData(NetworkData.fromEthernets([{ machineInterface: 'storage', dhcp4: true, setName: 'stor0' }])),
    });
    expect(interfacesOf(vm)).toEqual([
      { name: 'default', masquerade: {} },
      { name: 'storage', bridge: {}, macAddress: '52:54:00:ab:00:01' },
    ]);
    expect(networkDataOf(vm).ethernets).toEqual({ storage: { 'match': { macaddress: '52:54:00:ab:00:01' }, 'set-name': 'stor0', 'dhcp4': true } });
  });

  test('a long interface name or a kernel name is matched but not given to set-name', () => {
    const { vm } = synthMachine({
      networks: [Network.multus('a', { name: 'replication-network' }), Network.multus('b', { name: 'eth1' })],
      cloudInit: CloudInit.fromNetworkData(NetworkData.fromEthernets([
        { machineInterface: 'replication-network', dhcp4: true },
        { machineInterface: 'eth1', dhcp4: true },
      ])),
    });
    const ethernets = networkDataOf(vm).ethernets;
    expect(Object.keys(ethernets['replication-network'])).toEqual(['dhcp4', 'match']);
    expect(ethernets.eth1).toEqual({ dhcp4: true, match: { macaddress: derivedMacAddress('vms', 'web', 'eth1') } });
  });

  test('one CloudInit given to two machines: each machine gets its own MAC and its own network data', () => {
    const chart = newChart();
    const cloudInit = CloudInit.fromConfig({ hostname: 'node' }, { networkData: STORAGE });
    const networks = [Network.pod(), Network.multus('storage-net', { name: 'storage', binding: InterfaceBinding.SRIOV })];
    new Machine(chart, 'web', { networks, cloudInit });
    new Machine(chart, 'db', { networks, cloudInit });
    const vms = synthValid(chart).filter(o => o.kind === 'VirtualMachine');
    expect(vms.map(vm => interfacesOf(vm)[1].macAddress)).toEqual(['02:b3:b6:8e:17:e9', '02:be:95:ea:6f:07']);
    expect(vms.map(vm => networkDataOf(vm).ethernets.storage.match.macaddress)).toEqual(['02:b3:b6:8e:17:e9', '02:be:95:ea:6f:07']);
  });

  test('works with a MachineTemplate from an instancetype, and the interface model of a custom template', () => {
    const { vm } = synthMachine({
      template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'ubuntu' }),
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
      cloudInit: CloudInit.fromNetworkData(STORAGE),
    });
    expect(interfacesOf(vm)[1]).toEqual({ name: 'storage', bridge: {}, macAddress: '02:b3:b6:8e:17:e9' });
    expect(networkDataOf(vm).ethernets.storage.match).toEqual({ macaddress: '02:b3:b6:8e:17:e9' });
  });

  test('large network data goes to the Secret, bound', () => {
    const many = Array.from({ length: 30 }, (_, i) => `nic${i}`);
    const { all } = synthMachine({
      networks: many.map(n => Network.multus(`net-${n}`, { name: n })),
      cloudInit: CloudInit.fromNetworkData(NetworkData.fromEthernets(many.map((n, i) => ({ machineInterface: n, addresses: [`10.1.${i}.10/24`] })))),
    });
    const secret = all.find(o => o.kind === 'Secret');
    const text = Buffer.from(secret.data.networkdata, 'base64').toString('utf-8');
    expect((YAML.parse(text) as any).ethernets.nic7.match).toEqual({ macaddress: derivedMacAddress('vms', 'web', 'nic7') });
  });

  test('the same program gives the same bytes', () => {
    const once = () => {
      const app = new App();
      new Machine(new Chart(app, 'c', { namespace: 'vms' }), 'web', {
        networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
        cloudInit: CloudInit.fromNetworkData(STORAGE),
      });
      return app.synthYaml();
    };
    expect(once()).toEqual(once());
  });

  test('fails when a derived MAC is already used by another interface of the app (mac-address-unique)', () => {
    const chart = newChart();
    new Machine(chart, 'web', {
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
      cloudInit: CloudInit.fromNetworkData(STORAGE),
    });
    new Machine(chart, 'db', { networks: [Network.multus('storage-net', { name: 'storage', macAddress: '02:b3:b6:8e:17:e9' })] });
    expect(() => synthValid(chart)).toThrow(
      "Machine 'test/db': spec.template.spec.domain.devices.interfaces[0].macAddress is already used by VirtualMachine \"web\" at spec.template.spec.domain.devices.interfaces[1].macAddress: got \"02:b3:b6:8e:17:e9\"; a MAC address no other interface in the app uses (mac-address-unique)");
  });

  test('fails when the network data names an interface the machine does not have', () => {
    expect(() => new Machine(newChart(), 'web', {
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
      cloudInit: CloudInit.fromNetworkData(NetworkData.fromEthernets([{ machineInterface: 'storag', dhcp4: true }])),
    })).toThrow("Machine 'test/web': cloudInit networkData ethernets[0].machineInterface names no interface of this machine: got \"storag\"; one of default, storage, the names of the machine's networks (networks added later with addNetwork() are not known yet: give them in props.networks)");
  });

  test('fails when the network data names an interface on a pool', () => {
    expect(() => new MachinePool(newChart(), 'workers', {
      networks: [Network.pod(), Network.multus('storage-net', { name: 'storage' })],
      cloudInit: CloudInit.fromNetworkData(STORAGE),
    })).toThrow("MachinePool 'test/workers': cloudInit networkData ethernets[0].machineInterface cannot name a machine interface in a pool: got \"default\"; every replica gets its own MAC address from KubeVirt, so none is known when the pool is synthesized: name the guest interface with name or matchName (for example 'enp2s0' or 'enp2*'), or use one Machine per VM");
  });
});
