import { App, Chart, Size } from 'cdk8s';
import { Machine } from '../../lib';

const app = new App();
const chart = new Chart(app, 'quickstart', { namespace: 'vms' });
new Machine(chart, 'web', { cores: 2, memory: Size.gibibytes(4) });
app.synth();
