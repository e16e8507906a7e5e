import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import { DiskSet, DiskSource, Machine, MachinePool } from '../../src';
import { synthValid } from '../support/conformance';

/** The lines of cdk8s's validation error, without its `[path] ` prefixes. */
function synthErrors(app: App): string[] {
  try {
    app.synthYaml();
  } catch (e) {
    const [head, ...lines] = (e as Error).message.split('\n');
    expect(head).toBe('Validation failed with the following errors:');
    return lines.map(l => l.trim().replace(/^\[[^\]]*\] /, ''));
  }
  throw new Error('synthesis did not fail');
}

describe('names unique per kind and namespace across the app', () => {
  test('fails when two Machines named web share a namespace (object-name-unique)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new Machine(chart, 'a', { name: 'web' });
    new Machine(chart, 'b', { name: 'web' });
    expect(synthErrors(app)).toEqual([
      "Machine 'c/b': metadata.name would create the VirtualMachine 'web' in namespace 'vms', which Machine 'c/a' creates too: got \"web\"; names unique per kind and namespace across the app (one object per name) (object-name-unique)",
      "Machine 'c/b': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'web-root' in namespace 'vms', which Machine 'c/a' creates too: got \"web-root\"; names unique per kind and namespace across the app (DataVolumes and PVCs share names) (storage-name-unique)",
    ]);
  });

  test('two Machines named web in different namespaces synthesize', () => {
    const app = new App();
    new Machine(new Chart(app, 'one', { namespace: 'a' }), 'web');
    new Machine(new Chart(app, 'two', { namespace: 'b' }), 'web');
    expect(synthValid(app).filter(o => o.kind === 'VirtualMachine').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/web', 'b/web']);
  });

  test('fails when two machines derive the same DataVolume (a-b + disk c, a + disk b-c) (storage-name-unique)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new Machine(chart, 'a-b', { disks: new DiskSet().addDisk('c', { size: Size.gibibytes(1) }) });
    new Machine(chart, 'a', { disks: new DiskSet().addDisk('b-c', { size: Size.gibibytes(1) }) });
    expect(synthErrors(app)).toEqual([
      "Machine 'c/a': spec.dataVolumeTemplates[1].metadata.name would create the DataVolume/PVC 'a-b-c' in namespace 'vms', which Machine 'c/a-b' creates too: got \"a-b-c\"; names unique per kind and namespace across the app (DataVolumes and PVCs share names) (storage-name-unique)",
    ]);
  });

  test('fails when a DataVolume name is reached through a JSON patch (the check reads the final objects)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new Machine(chart, 'one');
    const two = new Machine(chart, 'two');
    ApiObject.of(two).addJsonPatch(JsonPatch.replace('/spec/dataVolumeTemplates/0/metadata/name', 'one-root'));
    expect(synthErrors(app).filter(l => l.includes('storage-name-unique'))).toEqual([
      "Machine 'c/two': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'one-root' in namespace 'vms', which Machine 'c/one' creates too: got \"one-root\"; names unique per kind and namespace across the app (DataVolumes and PVCs share names) (storage-name-unique)",
    ]);
  });

  test('fails when a plain PVC and a DataVolume share a name (storage-name-unique)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new ApiObject(chart, 'claim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'web-root' } });
    new Machine(chart, 'web');
    expect(synthErrors(app)).toEqual([
      "Machine 'c/web': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'web-root' in namespace 'vms', which PersistentVolumeClaim 'c/claim' creates too: got \"web-root\"; names unique per kind and namespace across the app (DataVolumes and PVCs share names) (storage-name-unique)",
    ]);
  });

  test('fails when a machine takes the name of a pool replica (object-name-unique)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new MachinePool(chart, 'web', { replicas: 2, disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') } }) });
    new Machine(chart, 'web-1', { disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') } }) });
    expect(synthErrors(app)).toEqual([
      "Machine 'c/web-1': metadata.name would create the VirtualMachine 'web-1' in namespace 'vms', which MachinePool 'c/web' creates too: got \"web-1\"; names unique per kind and namespace across the app (one object per name) (object-name-unique)",
    ]);
  });

  test("fails when a machine's DataVolume takes the name of a pool replica's (storage-name-unique)", () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    new MachinePool(chart, 'web', { replicas: 1 });
    new Machine(chart, 'web-root');
    // The pool's replica 0 gets DataVolume web-root-0; the machine web-root gets web-root-root: no clash.
    expect(synthValid(app).filter(o => o.kind === 'VirtualMachine')).toHaveLength(1);
    const app2 = new App();
    const chart2 = new Chart(app2, 'c', { namespace: 'vms' });
    new MachinePool(chart2, 'web', { replicas: 1 });
    const m = new Machine(chart2, 'web-root');
    ApiObject.of(m).addJsonPatch(JsonPatch.replace('/spec/dataVolumeTemplates/0/metadata/name', 'web-root-0'));
    expect(synthErrors(app2).filter(l => l.includes('storage-name-unique'))).toEqual([
      "Machine 'c/web-root': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'web-root-0' in namespace 'vms', which MachinePool 'c/web' creates too: got \"web-root-0\"; names unique per kind and namespace across the app (DataVolumes and PVCs share names) (storage-name-unique)",
    ]);
  });
});
