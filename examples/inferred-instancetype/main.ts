import { App, Chart, Duration, Size } from 'cdk8s';
import {
  CommonInstancetype, CommonPreference, DiskSet, GoldenImage, GoldenImageSource, InferFromVolumeFailurePolicy,
  Machine, MachinePreference, MachineTemplate, PreferenceClock, PreferredCpuTopology,
} from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'inferred-instancetype', { namespace: 'vms' });

// A golden image whose DataSource says which instancetype and preference fit it.
const fedora = new GoldenImage(chart, 'fedora', {
  source: GoldenImageSource.pvc('fedora-41-base', 'os-images'),
  labels: {
    'instancetype.kubevirt.io/default-instancetype': CommonInstancetype.U1_MEDIUM.name,
    'instancetype.kubevirt.io/default-preference': CommonPreference.FEDORA.name,
  },
});

// KubeVirt infers both from the root volume: the VM carries no CPU or memory of its own.
new Machine(chart, 'inferred', {
  template: MachineTemplate.inferFromVolume('root', { failurePolicy: InferFromVolumeFailurePolicy.REJECT }),
  disks: new DiskSet({ root: { source: fedora.diskSource(), size: Size.gibibytes(30) } }),
});

// The same image with a typed common instancetype and a preference of our own.
const pref = new MachinePreference(chart, 'fedora-utc', {
  cpuTopology: PreferredCpuTopology.SPREAD,
  clock: PreferenceClock.utc(undefined, { rtc: { tickPolicy: 'catchup' } }),
  rng: true,
  terminationGracePeriod: Duration.minutes(2),
  minCpus: 2,
  minMemory: Size.gibibytes(4),
});
new Machine(chart, 'picked', {
  template: MachineTemplate.fromInstancetype(CommonInstancetype.U1_LARGE.name, { preference: pref.name, preferenceScope: pref.scope }),
  disks: new DiskSet({ root: { source: fedora.diskSource(), size: Size.gibibytes(30) } }),
});
app.synth();
