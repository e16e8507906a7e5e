import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  CloudInit, DiskSet, DiskSource, Machine, MachineInstancetype, MachinePool, MachineTemplate,
  MaxUnavailable, Network, PoolUpdateStrategy,
} from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'fleet', { namespace: 'shop' });

// A size published once as KubeVirt objects (virtrigaud's VMClass); machines reference it.
const medium = new MachineInstancetype(chart, 'medium', { template: MachineTemplate.MEDIUM });

// The database VM, reachable over SSH on a NodePort.
const db = new Machine(chart, 'db', {
  template: MachineTemplate.LARGE,
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } })
    .addDisk('data', { size: Size.gibibytes(200), storageClass: 'fast-ssd' }),
});
db.expose('ssh', { type: kplus.ServiceType.NODE_PORT, ports: [{ port: 22, nodePort: 30022 }] });

// Three web VMs (virtrigaud's VMSet): rolling updates, spread across zones, never on the database's node.
const web = new MachinePool(chart, 'web', {
  replicas: 3,
  template: medium.template,
  updateStrategy: PoolUpdateStrategy.PROACTIVE,
  maxUnavailable: MaxUnavailable.count(1),
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } }),
  networks: [Network.pod({ ports: [{ port: 22, name: 'ssh' }] })],
  cloudInit: CloudInit.fromConfig({ packages: ['nginx'], runcmd: ['systemctl enable --now nginx'] }),
});
web.scheduling.spread({ topology: kplus.Topology.ZONE });
web.scheduling.separate(db);
// Port 80 is added to the pod interface's ports, which otherwise would forward only SSH.
web.expose('http', { type: kplus.ServiceType.LOAD_BALANCER, ports: [{ port: 80 }] });

app.synth();
