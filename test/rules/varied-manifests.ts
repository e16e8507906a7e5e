/**
 * Varied VM, pool and VMI manifests for equivalence tests of `checkManifest`: a fleet-like VM (the shape
 * the library synthesizes) and the minimal fixtures, each changed at random (seeded, so the list is the
 * same on every run) with values the rules care about: every volume source, binding, network source and
 * dataVolumeTemplate field, wrong types, null, holes in lists, numbers out of Go integer ranges, odd
 * quantities.
 */
import { validPool, validVm } from './fixtures';

/** A small seeded PRNG (Park–Miller), so the manifests are the same on every run. */
function prng(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** A VM shaped like the library's fleet machines (bench/workload.js plainVm). */
export function fleetVm(i: number): any {
  const name = `vm-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt' }, name, namespace: 'fleet' },
    spec: {
      dataVolumeTemplates: [
        { metadata: { name: `${name}-root` }, spec: { source: { http: { url: 'https://images.example.com/f.qcow2' } }, storage: { resources: { requests: { storage: '30Gi' } } } } },
        { metadata: { name: `${name}-data` }, spec: { source: { blank: {} }, storage: { resources: { requests: { storage: '100Gi' } } } } },
      ],
      runStrategy: 'Always',
      template: {
        metadata: { labels: { 'cdk8s-kubevirt/machine': name } },
        spec: {
          domain: {
            cpu: { cores: 2, sockets: 1, threads: 1 },
            devices: {
              disks: [{ disk: { bus: 'virtio' }, name: 'root' }, { disk: { bus: 'virtio' }, name: 'data' }, { disk: { bus: 'virtio' }, name: 'cloudinitdisk' }],
              interfaces: [{ masquerade: {}, name: 'default' }, { bridge: {}, name: 'vlan-100' }],
            },
            firmware: { uuid: '6f1c2d3e-4b5a-5c6d-8e7f-0a1b2c3d4e5f' },
            memory: { guest: '4Gi' },
          },
          networks: [{ name: 'default', pod: {} }, { multus: { networkName: 'vlan-100' }, name: 'vlan-100' }],
          volumes: [
            { dataVolume: { name: `${name}-root` }, name: 'root' },
            { dataVolume: { name: `${name}-data` }, name: 'data' },
            { cloudInitNoCloud: { userData: '#cloud-config\nhostname: x\n' }, name: 'cloudinitdisk' },
          ],
        },
      },
    },
  };
}

const KEYS = [
  // volume sources and their fields
  'cloudInitConfigDrive', 'cloudInitNoCloud', 'configMap', 'containerDisk', 'containerPath', 'dataVolume', 'downwardAPI', 'downwardMetrics',
  'emptyDisk', 'ephemeral', 'hostDisk', 'memoryDump', 'persistentVolumeClaim', 'secret', 'serviceAccount', 'sysprep',
  'userData', 'userDataBase64', 'secretRef', 'networkData', 'networkDataBase64', 'networkDataSecretRef', 'claimName', 'secretName', 'serviceAccountName',
  // disks
  'disk', 'lun', 'cdrom', 'bus', 'cache', 'io', 'errorPolicy', 'serial', 'bootOrder', 'pciAddress', 'blockSize', 'custom', 'logical', 'physical',
  'dedicatedIOThread', 'shareable', 'readonly', 'reservation', 'tag',
  // interfaces and networks
  'bridge', 'masquerade', 'sriov', 'passtBinding', 'binding', 'slirp', 'passt', 'macvtap', 'model', 'macAddress', 'state', 'ports', 'port', 'protocol',
  'pod', 'multus', 'resourceClaim', 'default', 'networkName', 'acpiIndex',
  // dataVolumeTemplates
  'pvc', 'storage', 'source', 'sourceRef', 'dataSource', 'dataSourceRef', 'http', 'blank', 'registry', 's3', 'gcs', 'upload', 'imageio', 'vddk',
  'snapshot', 'namespace', 'metadata', 'spec', 'resources', 'requests', 'limits',
  // cpu, memory, firmware, devices, template
  'cores', 'sockets', 'threads', 'maxSockets', 'dedicatedCpuPlacement', 'guest', 'hugepages', 'pageSize', 'memory', 'cpu', 'firmware', 'uuid',
  'bootloader', 'efi', 'bios', 'secureBoot', 'smm', 'features', 'gpus', 'hostDevices', 'inputs', 'type', 'deviceName', 'dnsPolicy', 'dnsConfig',
  'nameservers', 'hostname', 'subdomain', 'accessCredentials', 'sshPublicKey', 'evictionStrategy', 'terminationGracePeriodSeconds',
  'readinessProbe', 'livenessProbe', 'tcpSocket', 'httpGet', 'running', 'runStrategy', 'instancetype', 'preference', 'kind', 'name',
  'replicas', 'selector', 'virtualMachineTemplate', 'template', 'labels', 'generation', 'offsetSeconds', 'clock', 'utc',
];

const VALUES: Array<() => unknown> = [
  () => ({}), () => null, () => [], () => '', () => 'x', () => 'virtio', () => 'ide', () => 'absent', () => 'up', () => 'none', () => 'TCP',
  () => 'ICMP', () => 'root', () => 'default', () => 'vlan-100', () => 'Bad Name', () => '1Gi', () => '1500m', () => '-1', () => '2Mi',
  () => 'eA==', () => 'not base64', () => 'x'.repeat(2100), () => '0000:81:01.1', () => '02:00:00:00:00:01', () => 'zz', () => true, () => false,
  () => 0, () => 1, () => 2, () => 1.5, () => -3, () => 2 ** 31, () => 2 ** 40, () => 2 ** 64, () => 65536, () => 512, () => 4096,
  () => ({ name: 'root' }), () => ({ name: 'data', bus: 'sata' }), () => [{ port: 80 }, { port: 0, protocol: 'X', name: 'a' }, { name: 'a' }],
  () => ({ networkName: '' }), () => ({ default: true }), () => ({ custom: { logical: 4096, physical: 512 } }),
  () => 'writeback', () => 'native', () => 'threads', () => 'stop', () => 'enospace', () => 'scsi', () => 'sata', () => 'e1000', () => 'down',
  () => 'UDP', () => 'Halted', () => 'Bogus', () => 'None', () => 'ClusterFirst', () => 'LiveMigrate', () => 'host-passthrough', () => 'require',
  () => 'arm64', () => 'vga', () => 'tablet', () => 'usb', () => 'auto', () => '2', () => '500m', () => '8Gi', () => '0.5',
  () => ({ requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1', memory: '512Mi' } }), () => ({ secret: { secretName: 'k' } }),
  () => ({ source: { secret: { secretName: 'k' } }, propagationMethod: { qemuGuestAgent: { users: ['a'] } } }),
  () => ({ userData: 'eA==' }), () => ({ userDataBase64: 'eA=', networkDataBase64: 'eA==' }), () => ({ secureBoot: true }),
  () => ({ bus: 'virtio', readonly: true }), () => ({ bus: 'sata' }), () => ({ name: 'f', policy: 'bogus' }), () => [{ name: 'x', type: 'tablet', bus: 'ps2' }],
  () => ({ nameservers: ['1.1.1.1', 'x', '2', '3', '4'], searches: [''], options: [{}] }), () => ({ tcpSocket: { port: 22 }, httpGet: {} }),
  () => ({ pageSize: '2Mi' }), () => ({ model: 'i6300esb', i6300esb: {} }), () => ({ bootloader: { efi: {}, bios: {} } }),
];

/** Objects the rules read closely, by path from a VMI spec, for changes aimed at them. */
const AIMED = [
  'volumes[]', 'volumes[].cloudInitNoCloud', 'volumes[].dataVolume', 'domain.devices.disks[]', 'domain.devices.disks[].disk', 'domain.devices.interfaces[]',
  'networks[]', 'domain', 'domain.cpu', 'domain.memory', 'domain.resources', 'domain.devices', 'domain.firmware', '', 'accessCredentials[]',
];

/** The objects at `path` (`a.b[]`: every item of the list a.b) under `root`. */
function objectsAt(root: any, path: string): any[] {
  let found: any[] = [root];
  for (const seg of path === '' ? [] : path.split('.')) {
    const items = seg.endsWith('[]');
    const key = items ? seg.slice(0, -2) : seg;
    const next: any[] = [];
    for (const o of found) {
      const v = o !== null && typeof o === 'object' ? o[key] : undefined;
      if (items) { if (Array.isArray(v)) next.push(...v); } else {next.push(v);}
    }
    found = next;
  }
  return found.filter(o => o !== null && typeof o === 'object' && !Array.isArray(o));
}

/** The VMI spec of a VM or pool, if any. */
function vmiSpec(m: any): any {
  const vm = m.kind === 'VirtualMachinePool' ? m.spec?.virtualMachineTemplate?.spec : m.spec;
  return vm?.template?.spec;
}

/** Every object and list reachable from `root`, with the holder of each (for changes in place). */
function containers(root: any): any[] {
  const out: any[] = [];
  const walk = (v: any, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 12) return;
    out.push(v);
    for (const k of Object.keys(v)) walk(v[k], depth + 1);
  };
  walk(root, 0);
  return out;
}

function change(m: any, rand: () => number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  if (rand() < 0.5) {
    const aimed = objectsAt(vmiSpec(m), pick(AIMED));
    if (aimed.length > 0) {
      pick(aimed)[pick(KEYS)] = pick(VALUES)();
      return;
    }
  }
  const targets = containers(m);
  const target = pick(targets);
  const r = rand();
  if (Array.isArray(target)) {
    if (r < 0.3 && target.length > 0) {
      target.push(JSON.parse(JSON.stringify(pick(target) ?? null))); // a duplicate item
    } else if (r < 0.45 && target.length > 0) {
      const at = Math.floor(rand() * target.length);
      target.length = Math.max(target.length, at + 1) + 1;
      delete target[at]; // a hole
    } else if (r < 0.6) {
      target.push(pick(VALUES)());
    } else if (target.length > 0) {
      target[Math.floor(rand() * target.length)] = pick(VALUES)();
    }
    return;
  }
  const keys = Object.keys(target);
  if (r < 0.15 && keys.length > 0) delete target[pick(keys)];
  else if (r < 0.3 && keys.length > 0) target[pick(keys)] = pick(VALUES)();
  else target[pick(KEYS)] = pick(VALUES)();
}

/**
 * A fleet VM whose disks, volumes, interfaces and networks are long (more than 16 items, where the rules
 * switch from scans to Sets), with names drawn from a small pool (repeats), holes, and changes.
 */
function longLists(n: number, rand: () => number): any {
  const vm = fleetVm(n);
  const spec = vm.spec.template.spec;
  const name = (): string => `n${Math.floor(rand() * 24)}`;
  const size = 17 + Math.floor(rand() * 10);
  spec.domain.devices.disks = Array.from({ length: size }, () => ({ name: name(), disk: { bus: 'virtio' } }));
  spec.volumes = Array.from({ length: size }, () => ({ name: name(), containerDisk: { image: 'x' } }));
  spec.domain.devices.interfaces = Array.from({ length: size }, () => ({ name: name(), bridge: {} }));
  spec.networks = Array.from({ length: size }, () => ({ name: name(), multus: { networkName: 'a' } }));
  for (const l of [spec.domain.devices.disks, spec.volumes, spec.domain.devices.interfaces, spec.networks]) {
    if (rand() < 0.5) delete l[Math.floor(rand() * l.length)];
  }
  for (let c = 0; c < 3; c++) change(vm, rand);
  return vm;
}

/** `count` varied manifests (VMs, pools and VMIs), the same on every run. */
export function variedManifests(count: number, seed = 20261202): any[] {
  const rand = prng(seed);
  const out: any[] = [];
  for (let n = 0; n < count; n++) {
    const base = n % 5 === 0 ? validVm() : n % 5 === 1 ? validPool() : fleetVm(n);
    const changes = Math.floor(rand() * 8);
    for (let c = 0; c < changes; c++) change(base, rand);
    if (n % 7 === 3 && base.kind === 'VirtualMachine' && base.spec?.template?.spec !== undefined) {
      out.push({ apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'x', namespace: 'fleet' }, spec: base.spec.template.spec });
    } else {
      out.push(base);
    }
  }
  for (let n = 0; n < Math.ceil(count / 30); n++) out.push(longLists(n, rand));
  return out;
}
