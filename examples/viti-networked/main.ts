import { App, Chart } from 'cdk8s';
import { InterfaceModel, Machine, MachineTemplate, Network } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-networked', { namespace: 'default' });
new Machine(chart, 'networked-vm', {
  template: MachineTemplate.MEDIUM,
  networks: [
    Network.multus('prod-network', { name: 'eth0', model: InterfaceModel.VIRTIO, macAddress: '52:54:00:12:34:56' }),
    Network.multus('storage-network', { name: 'eth1', model: InterfaceModel.VIRTIO }),
  ],
  labels: { 'vitistack.io/machine': 'networked-vm' },
});
app.synth();
