// One disk rendered for one machine (src/storage/disk-render.ts); DiskSet tests cover it end to end.
import { Size } from 'cdk8s';
import { DiskBus, DiskEmission, DiskSource, DiskType } from '../../src';
import { renderDisk, RenderedDisks } from '../../src/storage/disk-render';

function render(options: object, emit = DiskEmission.DATA_VOLUME_TEMPLATES, isRoot = false): RenderedDisks {
  const out: RenderedDisks = { disks: [], volumes: [], dataVolumeTemplates: [], claims: [] };
  renderDisk(out, { name: 'data', options: { type: DiskType.DISK, source: DiskSource.blank(), ...options }, isRoot, machineName: 'web', emit },
    { rootSize: Size.gibibytes(20), namespace: 'ns' });
  return out;
}

describe('renderDisk', () => {
  test('a CD-ROM defaults to the sata bus; a containerDisk needs no storage', () => {
    const out = render({ type: DiskType.CDROM, source: DiskSource.containerDisk('quay.io/x:1') });
    expect(out).toEqual({
      disks: [{ name: 'data', cdrom: { bus: 'sata' } }],
      volumes: [{ name: 'data', containerDisk: { image: 'quay.io/x:1' } }],
      dataVolumeTemplates: [],
      claims: [],
    });
  });

  test('a root disk takes the default size into a DataVolume template named {machine}-{disk}', () => {
    const out = render({ bus: DiskBus.SCSI, hotpluggable: true }, DiskEmission.DATA_VOLUME_TEMPLATES, true);
    expect(out.dataVolumeTemplates).toEqual([{ metadata: { name: 'web-data' }, spec: { storage: { resources: { requests: { storage: '20Gi' } } }, source: { blank: {} } } }]);
    expect(out.volumes).toEqual([{ name: 'data', dataVolume: { name: 'web-data', hotpluggable: true } }]);
  });

  test('plain PVC emission records a claim instead of a template', () => {
    const out = render({ size: Size.gibibytes(5) }, DiskEmission.PERSISTENT_VOLUME_CLAIMS);
    expect([out.dataVolumeTemplates, out.volumes, out.claims.map(c => c.name)]).toEqual([[], [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }], ['web-data']]);
  });
});
