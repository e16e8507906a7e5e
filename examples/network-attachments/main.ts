import { App, Chart } from 'cdk8s';
import { InterfaceModel, Machine, MachineTemplate, Network, NetworkAttachment, NetworkAttachmentConfig } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'network-attachments', { namespace: 'vms' });

// Viti's NetworkConfiguration / virtrigaud's VMNetworkAttachment, as Multus NetworkAttachmentDefinitions.
const prod = new NetworkAttachment(chart, 'prod-vlan-100', {
  config: NetworkAttachmentConfig.bridge({ bridge: 'br-prod', vlan: 100, mtu: 1500, macspoofchk: true }),
});
const storage = new NetworkAttachment(chart, 'storage-sriov', {
  config: NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/sriov_netdevice', vlan: 200, spoofChk: true, trust: false }),
});

// Machines take the attachments themselves: the binding follows the config (bridge, SR-IOV).
new Machine(chart, 'app-server', {
  template: MachineTemplate.MEDIUM,
  networks: [
    Network.pod(),
    prod.network({ name: 'prod', model: InterfaceModel.VIRTIO, macAddress: '52:54:00:64:00:0a' }),
    storage.network({ name: 'storage' }),
  ],
});
app.synth();
