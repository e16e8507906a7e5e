import { App, Chart } from 'cdk8s';
import { Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-basic-small', { namespace: 'default' });
new Machine(chart, 'basic-vm', { template: MachineTemplate.SMALL, labels: { 'vitistack.io/machine': 'basic-vm' } });
app.synth();
