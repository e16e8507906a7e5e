import { Size } from 'cdk8s';
import { DiskSet, DiskSource } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

describe('volume kinds', () => {
  test('configMap, secret, serviceAccount, downwardAPI, emptyDisk and ephemeral disks', () => {
    const disks = new DiskSet()
      .addDisk('app-config', { source: DiskSource.configMap('app-config', { volumeLabel: 'cfg' }) })
      .addDisk('app-secret', { source: DiskSource.secret('app-secret', { optional: true }) })
      .addDisk('sa', { source: DiskSource.serviceAccount('default') })
      .addDisk('podinfo', { source: DiskSource.downwardApi([{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }]) })
      .addDisk('scratch', { source: DiskSource.emptyDisk(Size.gibibytes(2)) })
      .addDisk('base', { source: DiskSource.ephemeral('golden-base') });
    const { vm } = synthMachine({ disks });
    const spec = templateSpec(vm);
    expect(spec.volumes.slice(1)).toEqual([
      { name: 'app-config', configMap: { name: 'app-config', volumeLabel: 'cfg' } },
      { name: 'app-secret', secret: { secretName: 'app-secret', optional: true } },
      { name: 'sa', serviceAccount: { serviceAccountName: 'default' } },
      { name: 'podinfo', downwardAPI: { fields: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      { name: 'scratch', emptyDisk: { capacity: '2Gi' } },
      { name: 'base', ephemeral: { persistentVolumeClaim: { claimName: 'golden-base' } } },
    ]);
    expect(spec.domain.devices.disks.slice(1).map((d: any) => d.name)).toEqual(['app-config', 'app-secret', 'sa', 'podinfo', 'scratch', 'base']);
    expect(vm.spec.dataVolumeTemplates).toHaveLength(1);
    expect(DiskSource.configMap('x').kind).toBe('volume');
  });

  test('fails when an emptyDisk has no whole capacity, or downwardAPI no files', () => {
    expect(() => DiskSource.emptyDisk(Size.kibibytes(0.5))).toThrow(
      'DiskSource.emptyDisk: capacity must be a positive whole number of kibibytes: got "0.5Ki"');
    expect(() => DiskSource.downwardApi([])).toThrow('DiskSource.downwardApi: fields must list at least one file: got []');
    expect(() => DiskSource.configMap('cfg', { volumeLabel: 'has space' })).toThrow('DiskSource.configMap: volumeLabel must be a filesystem label: got "has space"');
    expect(() => DiskSource.secret('Bad_Name')).toThrow('DiskSource.secret: secretName must be a Kubernetes object name: got "Bad_Name"');
  });

  test('fails when a size is given for a volume that creates no storage', () => {
    expect(() => new DiskSet().addDisk('cfg', { source: DiskSource.configMap('cfg'), size: Size.gibibytes(1) })).toThrow(
      "DiskSet disk 'cfg': size cannot be set for a configMap source, which creates no storage");
  });
});

