import * as kplus from 'cdk8s-plus-28';
import { Machine, MachinePool } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

describe('MachineScheduling', () => {
  test('separate (required) and colocate (preferred) wire the target labels', () => {
    const chart = newChart();
    const db = new Machine(chart, 'db');
    const cache = new Machine(chart, 'cache');
    const web = new Machine(chart, 'web', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } } });
    web.scheduling.separate(db);
    web.scheduling.colocate(cache, { topology: kplus.Topology.ZONE, weight: 50 });
    const vm = synthValid(chart).find(o => o.metadata.name === 'web');
    const affinity = vm.spec.template.spec.affinity;
    expect(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toHaveLength(1);
    expect(affinity.podAntiAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { 'cdk8s-kubevirt/machine': 'db' } }, topologyKey: 'kubernetes.io/hostname' }],
    });
    expect(affinity.podAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchLabels: { 'cdk8s-kubevirt/machine': 'cache' } }, topologyKey: 'topology.kubernetes.io/zone' }, weight: 50 }],
    });
  });

  test('a pool spreads its replicas across zones and keeps away from another pool', () => {
    const chart = newChart();
    const other = new MachinePool(chart, 'other');
    const pool = new MachinePool(chart, 'web', { replicas: 3 });
    pool.scheduling.spread({ topology: kplus.Topology.ZONE, required: true });
    pool.scheduling.separate(other, { weight: 100 });
    const spec = synthValid(chart).find(o => o.metadata.name === 'web').spec.virtualMachineTemplate.spec.template.spec;
    expect(spec.topologySpreadConstraints).toEqual([{ labelSelector: { matchLabels: { 'cdk8s-kubevirt/pool': 'web' } }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }]);
    expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels).toEqual({ 'cdk8s-kubevirt/pool': 'other' });
  });

  test('machines spread by a shared label, best effort by default', () => {
    const chart = newChart();
    for (const n of ['a', 'b']) {
      new Machine(chart, n, { labels: { tier: 'web' } }).scheduling.spread({ labels: { tier: 'web' }, maxSkew: 2 });
    }
    const vm = synthValid(chart)[0];
    expect(vm.spec.template.spec.topologySpreadConstraints).toEqual([{ labelSelector: { matchLabels: { tier: 'web' } }, maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }]);
  });

  test('fails when a weight is out of range', () => {
    const chart = newChart();
    const a = new Machine(chart, 'a');
    expect(() => new Machine(chart, 'b').scheduling.separate(a, { weight: 101 })).toThrow(
      "Machine 'test/b': separate.weight must be a whole number from 1 to 100: got 101; an integer from 1 to 100, or no weight for a requirement");
  });

  test('fails when maxSkew is below 1', () => {
    expect(() => new Machine(newChart(), 'a').scheduling.spread({ maxSkew: 0 })).toThrow(
      "Machine 'test/a': spread.maxSkew must be a whole number of at least 1: got 0; an integer ≥ 1");
  });
});
