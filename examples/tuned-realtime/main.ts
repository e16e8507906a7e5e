import { App, Chart, Size } from 'cdk8s';
import {
  CpuModel, DiskSet, DiskSource, HugepageSize, IoThreadsPolicy, Machine, MachineTemplate, Realtime,
} from 'cdk8s-kubevirt';

// A low-latency VM: dedicated CPUs with the emulator thread isolated, the host's NUMA layout mirrored
// into the guest over 1Gi hugepages, realtime scheduling on vCPUs 1-3 (vCPU 0 keeps housekeeping),
// the host CPU passed through, and I/O on a dedicated thread with multi-queue block and network.
// Nodes need the CPU manager, 1Gi hugepages, and KubeVirt's NUMA feature gate.
const app = new App();
const chart = new Chart(app, 'tuned-realtime', { namespace: 'rt' });

new Machine(chart, 'rt-worker', {
  template: MachineTemplate.custom({ name: 'rt', cpu: { sockets: 1, cores: 4, threads: 1 }, memory: Size.gibibytes(8), rootDiskSize: Size.gibibytes(30) }),
  cpuModel: CpuModel.HOST_PASSTHROUGH,
  dedicatedCpuPlacement: true,
  isolateEmulatorThread: true,
  guestNumaPassthrough: true,
  hugepages: HugepageSize.ONE_GIB,
  realtime: Realtime.vcpus('1-3'),
  ioThreadsPolicy: IoThreadsPolicy.SHARED,
  blockMultiQueue: true,
  networkInterfaceMultiqueue: true,
  autoattachMemBalloon: false,
  priorityClassName: 'rt-critical',
  nodeSelector: { 'node-role.kubernetes.io/realtime': '' },
  templateLabels: { 'workload.example.com/class': 'realtime' },
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/centos-stream:9') } })
    .addDisk('data', { size: Size.gibibytes(50), dedicatedIOThread: true }),
});
app.synth();
