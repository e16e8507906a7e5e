import { ApiObject, App, JsonPatch, Size } from 'cdk8s';
import { CloudInit, DiskEmission, DiskSet, DiskSource, MachinePool, MachineTemplate, MaxUnavailable, Network, PoolScaleInStrategy, PoolUpdateStrategy } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

function synthPool(props: any = {}): { pool: any; all: any[] } {
  const chart = newChart();
  new MachinePool(chart, 'workers', props);
  const all = synthValid(chart);
  return { pool: all.find(o => o.kind === 'VirtualMachinePool'), all };
}

describe('MachinePool', () => {
  test('emits pool.kubevirt.io/v1beta1 (the storage version) with replicas and a selector matching the template labels', () => {
    const { pool } = synthPool({
      replicas: 3,
      template: MachineTemplate.MEDIUM,
      labels: { app: 'ci' },
      disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } }).addDisk('scratch', { size: Size.gibibytes(10) }),
      networks: [Network.pod(), Network.multus('build-net')],
      cloudInit: CloudInit.fromConfig({ packages: ['git'] }),
    });
    expect(pool.apiVersion).toBe('pool.kubevirt.io/v1beta1');
    expect(pool.kind).toBe('VirtualMachinePool');
    expect(pool.spec.replicas).toBe(3);
    expect(pool.spec.selector).toEqual({ matchLabels: { 'cdk8s-kubevirt/pool': 'workers' } });
    const vmt = pool.spec.virtualMachineTemplate;
    expect(vmt.metadata.labels).toEqual({ 'app': 'ci', 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', 'cdk8s-kubevirt/pool': 'workers' });
    expect(vmt.spec.template.metadata.labels).toEqual(vmt.metadata.labels);
    expect(vmt.spec.runStrategy).toBe('Always');
    expect(vmt.spec.template.spec.domain.cpu).toEqual({ cores: 2, sockets: 1, threads: 1 });
    expect(vmt.spec.dataVolumeTemplates.map((d: any) => d.metadata.name)).toEqual(['workers-root', 'workers-scratch']);
    expect(pool).toMatchSnapshot();
  });

  test('no firmware UUID: every replica would share it', () => {
    const { pool } = synthPool();
    expect(pool.spec.virtualMachineTemplate.spec.template.spec.domain.firmware).toBeUndefined();
  });

  test('update and scale-in strategies, maxUnavailable as a count or a percentage', () => {
    const a = synthPool({
      updateStrategy: PoolUpdateStrategy.OPPORTUNISTIC, scaleInStrategy: PoolScaleInStrategy.UNMANAGED, maxUnavailable: MaxUnavailable.percent(25),
    }).pool;
    expect(a.spec.updateStrategy).toEqual({ opportunistic: {} });
    expect(a.spec.scaleInStrategy).toEqual({ unmanaged: {} });
    expect(a.spec.maxUnavailable).toBe('25%');
    expect(synthPool({ maxUnavailable: MaxUnavailable.count(2) }).pool.spec.maxUnavailable).toBe(2);
  });

  test('replicas default to 1', () => {
    expect(synthPool().pool.spec.replicas).toBe(1);
  });

  test('fails when maxUnavailable is out of range', () => {
    expect(() => MaxUnavailable.percent(0)).toThrow('MaxUnavailable.percent: percent must be a whole number from 1 to 100: got 0; an integer from 1 to 100 (pool-max-unavailable)');
    expect(() => MaxUnavailable.count(0)).toThrow('MaxUnavailable.count: count must be a whole number of at least 1: got 0; an integer ≥ 1 (pool-max-unavailable)');
  });

  test('fails when replicas is negative', () => {
    expect(() => new MachinePool(newChart(), 'p', { replicas: -1 })).toThrow("MachinePool 'test/p': replicas must be a whole number of at least 0: got -1; an integer ≥ 0");
  });

  test('fails when a pool asks for plain PVCs', () => {
    expect(() => new MachinePool(newChart(), 'p', { disks: new DiskSet({ emit: DiskEmission.PERSISTENT_VOLUME_CLAIMS }) })).toThrow(
      "MachinePool 'test/p': disks.emit cannot be plain PVCs in a pool, whose replicas would share them: got \"persistentVolumeClaims\"; DiskEmission.DATA_VOLUME_TEMPLATES (one DataVolume per replica)");
  });

  test('fails when an escape hatch breaks the selector (pool rules run over the final manifest)', () => {
    const chart = newChart();
    const p = new MachinePool(chart, 'p');
    ApiObject.of(p).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels/cdk8s-kubevirt~1pool', 'other'));
    expect(() => (chart.node.root as App).synthYaml()).toThrow(/MachinePool 'test\/p': spec\.selector/);
  });

  test('fails when a JSON patch writes a string where the schema wants an integer', () => {
    const chart = newChart();
    const p = new MachinePool(chart, 'p');
    ApiObject.of(p).addJsonPatch(JsonPatch.replace('/spec/virtualMachineTemplate/spec/template/spec/domain/cpu/cores', 'two'));
    expect(() => (chart.node.root as App).synthYaml()).toThrow(
      "MachinePool 'test/p': spec.virtualMachineTemplate.spec.template.spec.domain.cpu.cores must be an integer: got \"two\"; a value of type integer (schema)");
  });
});
