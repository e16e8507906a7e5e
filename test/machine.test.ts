import { App, Chart, Size } from 'cdk8s';
import { Machine } from '../src';
import { synthValid } from './support/conformance';

describe('Machine', () => {
  test('synthesizes a valid VirtualMachine with runStrategy, CPU, memory and a root disk', () => {
    const chart = new Chart(new App(), 'test');
    new Machine(chart, 'web', { cores: 2, memory: Size.gibibytes(4), image: 'quay.io/containerdisks/ubuntu:24.04' });
    const [vm] = synthValid(chart);
    expect(vm.apiVersion).toBe('kubevirt.io/v1');
    expect(vm.kind).toBe('VirtualMachine');
    expect(vm.spec.runStrategy).toBe('Always');
    expect(vm.spec.template.spec.domain.cpu).toEqual({ cores: 2 });
    expect(vm.spec.template.spec.domain.memory).toEqual({ guest: '4096Mi' });
    expect(vm.spec.template.spec.volumes).toEqual([{ name: 'root', containerDisk: { image: 'quay.io/containerdisks/ubuntu:24.04' } }]);
    expect(vm).toMatchSnapshot();
  });
});
