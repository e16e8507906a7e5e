import { App, Chart, Size } from 'cdk8s';
import { CloudInit, DiskSet, DiskSource, Machine, MachineTemplate, Network, NetworkAttachment, NetworkAttachmentConfig, NetworkData } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'storage-nic', { namespace: 'vms' });

// The storage network: a Linux bridge on every node, VLAN 300, addresses managed by hand (no IPAM).
const storageNet = new NetworkAttachment(chart, 'storage-vlan-300', {
  config: NetworkAttachmentConfig.bridge({ bridge: 'br-storage', vlan: 300, mtu: 9000 }),
});

new Machine(chart, 'db', {
  template: MachineTemplate.custom({ name: 'db', cpu: { cores: 4 }, memory: Size.gibibytes(8), rootDiskSize: Size.gibibytes(40) }),
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/ubuntu:24.04') } }),
  // No macAddress on either interface: the library derives one per interface from the machine's
  // namespace and name, sets it on the VM, and matches it in the network data below.
  networks: [Network.pod(), storageNet.network({ name: 'storage' })],
  cloudInit: CloudInit.fromConfig({
    hostname: 'db',
    users: [{ name: 'ops', groups: ['sudo'], shell: '/bin/bash', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
  }, {
    networkData: NetworkData.fromEthernets([
      // The pod NIC keeps DHCP (masquerade): named by its machine interface, not by `enp1s0`.
      { machineInterface: 'default', dhcp4: true },
      // The storage NIC gets a static address; the guest renames it to `storage`.
      { machineInterface: 'storage', addresses: ['10.30.0.21/24'], routes: [{ to: '10.30.0.0/16', via: '10.30.0.1' }] },
    ]),
  }),
});
app.synth();
