import { App, Chart, Size } from 'cdk8s';
import { DiskSet, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-small-overrides', { namespace: 'default' });
new Machine(chart, 'custom-vm', {
  template: MachineTemplate.SMALL,
  cpu: { cores: 4 },
  memory: Size.gibibytes(8),
  disks: new DiskSet().addDisk('data', { size: Size.gibibytes(100), storageClass: 'fast-ssd' }),
  labels: { 'vitistack.io/machine': 'custom-vm' },
});
app.synth();
