import { App, Chart, Size } from 'cdk8s';
import { DiskSet, DiskSource, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'instancetype', { namespace: 'vms' });
new Machine(chart, 'ubuntu-medium', {
  template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'ubuntu' }),
  disks: new DiskSet({ root: { source: DiskSource.dataSource('ubuntu', 'kubevirt-os-images'), size: Size.gibibytes(30) } }),
});
app.synth();
