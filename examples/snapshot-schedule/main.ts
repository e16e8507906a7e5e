import { App, Chart, Cron } from 'cdk8s';
import { Machine, MachineTemplate, SnapshotSchedule } from 'cdk8s-kubevirt';

// Pin the job image by digest, to an image you reviewed: it runs with permission to delete snapshots.
// PLACEHOLDER digest: replace it with the digest of the kubectl image you use.
const KUBECTL_IMAGE = 'docker.io/bitnami/kubectl:1.31.4@sha256:0000000000000000000000000000000000000000000000000000000000000000';

const app = new App();
const chart = new Chart(app, 'snapshot-schedule', { namespace: 'vms' });

const web = new Machine(chart, 'web', { template: MachineTemplate.SMALL });

// NovaCron's snapshotPolicy { schedule: "0 2 * * *", retention: 7 }.
new SnapshotSchedule(chart, 'nightly', {
  machine: web,
  schedule: Cron.schedule({ minute: '0', hour: '2' }),
  retention: 7,
  image: KUBECTL_IMAGE,
  user: 1001,
});
app.synth();
