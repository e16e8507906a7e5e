import { App, Chart, Size } from 'cdk8s';
import { DiskSet, DiskSource, Machine, Network } from 'cdk8s-kubevirt';

// Machines with no pod network. KubeVirt attaches a pod NIC to a VM that lists no interface unless
// autoattachPodInterface is false, which an empty network list renders. The serial console and VNC
// stay available through virtctl.
const app = new App();
const chart = new Chart(app, 'no-pod-network', { namespace: 'vms' });

// Fully isolated: no NIC at all. Its configuration comes on disks instead of over the network.
new Machine(chart, 'airgapped', {
  networks: [],
  disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') } })
    .addDisk('config', { source: DiskSource.configMap('airgapped-config', { volumeLabel: 'config' }) })
    .addDisk('scratch', { source: DiskSource.emptyDisk(Size.gibibytes(10)) }),
});

// Only a secondary network (a Multus bridge): listed interfaces mean no pod NIC is added.
new Machine(chart, 'lab-only', {
  networks: [Network.multus('vms/lab-bridge', { name: 'lab' })],
  disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') } }),
});
app.synth();
