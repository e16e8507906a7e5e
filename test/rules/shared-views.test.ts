/**
 * `checkManifest` finds the specs of a manifest once and shares views of them (spec-view.ts) across
 * its rules. Each rule's `check(manifest)` on its own builds everything afresh. The two must agree on
 * every input: same violations, same order. These manifests break many rules at once, and use lists
 * with holes (sparse arrays), which `forEach` skips and `for…of` does not.
 */
import { validPool, validVm, vmWith } from './fixtures';
import { checkManifest, RULES } from '../../src/rules';

/** What `checkManifest` must return: every rule of the kind, in order, run on its own. */
function ruleByRule(manifest: any, clusterDependent: boolean): unknown[] {
  return RULES
    .filter(r => r.kinds.includes(manifest.kind) && (clusterDependent || !r.clusterDependent))
    .flatMap(r => r.check(manifest));
}

function broken(): any {
  return vmWith(spec => {
    const devices = spec.domain.devices;
    devices.disks = [
      { name: 'root', disk: { bus: 'ide', pciAddress: 'x' }, cdrom: {}, serial: 'a b', bootOrder: 0, dedicatedIOThread: true },
      { name: 'root', lun: { reservation: true }, blockSize: { custom: { logical: 4096, physical: 512 }, matchVolume: {} } },
      { name: 'cd', cdrom: { bus: 'virtio' }, bootOrder: 1 },
    ];
    devices.interfaces = [
      { name: 'default', masquerade: {}, bridge: {}, slirp: {}, state: 'absent', ports: [{ port: 0 }, { port: 80, protocol: 'ICMP' }] },
      { name: 'sec', sriov: {}, state: 'up', model: 'bad', macAddress: '01:00:00:00:00:01' },
      { name: 'x y', bridge: {} },
    ];
    spec.networks = [{ name: 'default', pod: {}, multus: { default: true } }, { name: 'sec', multus: {} }, { name: 'sec' }, { name: 'orphan' }];
    spec.volumes = [
      { name: 'root', containerDisk: {}, dataVolume: { name: '' } },
      { name: 'ci', cloudInitNoCloud: { userData: 'x'.repeat(3000), userDataBase64: 'bad', networkData: 'a', networkDataSecretRef: {} } },
      { name: 'ci2', cloudInitConfigDrive: {} },
      { name: 'sa', serviceAccount: {} },
      { name: 'sa2', serviceAccount: { serviceAccountName: 'x' } },
    ];
    spec.domain.resources = { requests: { cpu: '1500m', memory: '4Gi', storage: '-1' }, limits: { cpu: '1', memory: '2Gi' } };
    spec.domain.cpu = { cores: 1.5, sockets: 4, maxSockets: 2, threads: 4, dedicatedCpuPlacement: true };
    spec.domain.memory = { guest: '3Gi', hugepages: { pageSize: '1Gi' } };
  });
}

/** The same manifest with a hole at index `at` of each list, and one more item after it. */
function withHoles(manifest: any, at: number): any {
  const m = JSON.parse(JSON.stringify(manifest));
  const spec = m.spec.template.spec;
  for (const list of [spec.domain.devices.disks, spec.domain.devices.interfaces, spec.networks, spec.volumes]) {
    const last = list[list.length - 1];
    list.length = Math.max(list.length, at + 1) + 1;
    delete list[at];
    list[list.length - 1] = JSON.parse(JSON.stringify(last));
  }
  return m;
}

function pool(vm: any): any {
  const p = validPool();
  p.spec.virtualMachineTemplate.spec = vm.spec;
  return p;
}

function vmi(vm: any): any {
  return { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'x' }, spec: vm.spec.template.spec };
}

describe('checkManifest with shared views', () => {
  const manifests: Array<[string, any]> = [
    ['a valid VM', validVm()],
    ['a VM breaking many rules', broken()],
    ...[0, 1, 2, 5].map(at => [`holes at ${at}`, withHoles(broken(), at)] as [string, any]),
    ['a pool', pool(broken())],
    ['a VMI', vmi(withHoles(broken(), 1))],
  ];
  test.each(manifests)('gives what the rules give one by one: %s', (_name, manifest) => {
    for (const clusterDependent of [false, true]) {
      const expected = ruleByRule(manifest, clusterDependent);
      expect(checkManifest(manifest, { clusterDependent })).toEqual(expected);
    }
    expect(ruleByRule(broken(), false).length).toBeGreaterThan(40);
  });

  test('skips holes in lists, as the rules did when they walked them with forEach', () => {
    // Index 5 is a hole in every list (and so are the indexes between the old end and it).
    const paths = checkManifest(withHoles(broken(), 5), { clusterDependent: true }).map(v => v.path);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter(p => p.includes('[5]'))).toEqual([]);
  });
});
