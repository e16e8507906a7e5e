import { App, Chart, Size } from 'cdk8s';
import { CloudInit, DiskSet, DiskSource, Machine, MachineTemplate, Network, NetworkData } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'virtrigaud-vlan', { namespace: 'default' });
new Machine(chart, 'web-server', {
  template: MachineTemplate.custom({ name: 'vmclass-small', cpu: { cores: 2 }, memory: Size.gibibytes(4), rootDiskSize: Size.gibibytes(40) }),
  disks: new DiskSet({ root: { source: DiskSource.dataSource('ubuntu-22-04', 'vm-images') } }),
  networks: [
    Network.pod(),
    Network.multus('vlan-100', { name: 'app', macAddress: '52:54:00:64:00:0a' }),
    Network.multus('vlan-200', { name: 'backup', macAddress: '52:54:00:c8:00:0a' }),
  ],
  cloudInit: CloudInit.fromConfig({
    hostname: 'web-server',
    users: [{ name: 'ops', groups: ['sudo'], shell: '/bin/bash', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
  }, {
    networkData: NetworkData.fromEthernets([
      { name: 'pod', matchName: 'enp1s0', dhcp4: true },
      { name: 'app', macAddress: '52:54:00:64:00:0a', addresses: ['192.168.100.10/24'], routes: [{ to: '10.0.0.0/8', via: '192.168.100.1' }], nameservers: { addresses: ['192.168.100.53'], search: ['corp.example.com'] } },
      { name: 'backup', macAddress: '52:54:00:c8:00:0a', dhcp4: true },
    ]),
  }),
});
app.synth();
