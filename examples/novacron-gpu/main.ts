import { App, Chart, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { CloudInit, DiskSet, DiskSource, InterfaceBinding, Machine, MachineTemplate, Network, NetworkData } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'novacron-gpu', { namespace: 'default' });
const affinity: k8s.Affinity = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.novacron.io/region', operator: 'In', values: ['us-east-1', 'us-west-2'] }] }],
    },
  },
};
new Machine(chart, 'gpu-vm', {
  template: MachineTemplate.custom({ name: 'gpu', cpu: { cores: 2 }, memory: Size.gibibytes(4), rootDiskSize: Size.gibibytes(50) }),
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/ubuntu:22.04') } }),
  gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }],
  nodeSelector: { 'node.novacron.io/type': 'compute', 'node.novacron.io/gpu': 'true' },
  affinity,
  networks: [
    Network.multus('management', { name: 'management', macAddress: '52:54:00:00:01:10' }),
    Network.multus('data', { name: 'data', binding: InterfaceBinding.SRIOV, macAddress: '52:54:00:00:02:10' }),
  ],
  cloudInit: CloudInit.fromConfig({
    users: [{ name: 'admin', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
    packages: ['docker.io', 'nginx'],
    runcmd: ['docker run -d nginx'],
  }, {
    networkData: NetworkData.fromEthernets([
      { name: 'management', macAddress: '52:54:00:00:01:10', addresses: ['10.0.1.10/24'], gateway4: '10.0.1.1' },
      { name: 'data', macAddress: '52:54:00:00:02:10', dhcp4: true },
    ]),
  }),
});
app.synth();
