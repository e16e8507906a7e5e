import { messages, poolWith, validVm } from './fixtures';

describe('VirtualMachine rules', () => {
  test('fails when spec.template is missing (vm-template-required)', () => {
    const vm = validVm();
    delete vm.spec.template;
    expect(messages(vm)).toEqual([
      'spec.template must be set: got undefined; a VirtualMachineInstance template (metadata and spec) (vm-template-required)',
    ]);
  });

  test('fails when a pool\'s VM template has no template (vm-template-required)', () => {
    const pool = poolWith((_spec, p) => {
      delete p.spec.virtualMachineTemplate.spec.template;
    });
    expect(messages(pool)).toEqual([
      'spec.virtualMachineTemplate.spec.template must be set: got undefined; a VirtualMachineInstance template (metadata and spec) (vm-template-required)',
    ]);
  });

  test('fails when running and runStrategy are both set (vm-running-run-strategy)', () => {
    const vm = validVm();
    vm.spec.running = true;
    expect(messages(vm)).toEqual([
      'spec.running must not be set together with runStrategy: got true; runStrategy alone (running is deprecated) (vm-running-run-strategy)',
    ]);
  });

  test('fails when neither running nor runStrategy is set (vm-run-strategy-required)', () => {
    const vm = validVm();
    delete vm.spec.runStrategy;
    expect(messages(vm)).toEqual([
      'spec.runStrategy must be set: got undefined; one of Always, Halted, Manual, RerunOnFailure, Once (vm-run-strategy-required)',
    ]);
  });

  test('accepts running alone (deprecated, but admitted)', () => {
    const vm = validVm();
    delete vm.spec.runStrategy;
    vm.spec.running = false;
    expect(messages(vm)).toEqual([]);
  });

  test('fails when runStrategy is unknown (vm-run-strategy)', () => {
    const vm = validVm();
    vm.spec.runStrategy = 'always';
    expect(messages(vm)).toEqual([
      'spec.runStrategy must be one of Always, Halted, Manual, RerunOnFailure, Once: got "always"; one of Always, Halted, Manual, RerunOnFailure, Once (vm-run-strategy)',
    ]);
  });

  test('accepts every run strategy', () => {
    for (const s of ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once']) {
      const vm = validVm();
      vm.spec.runStrategy = s;
      expect(messages(vm)).toEqual([]);
    }
  });
});
