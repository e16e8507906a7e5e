import { messages, validVm, VMI } from './fixtures';

function vmWithInstancetype(): any {
  const vm = validVm();
  vm.spec.instancetype = { name: 'u1.medium' };
  delete vm.spec.template.spec.domain.cpu;
  delete vm.spec.template.spec.domain.memory;
  return vm;
}

describe('instancetype rules', () => {
  test('accepts a VM sized only by its instancetype', () => {
    expect(messages(vmWithInstancetype())).toEqual([]);
  });

  test('fails when cpu.cores is set with an instancetype (instancetype-cpu-conflict)', () => {
    const vm = vmWithInstancetype();
    vm.spec.template.spec.domain.cpu = { cores: 2 };
    expect(messages(vm)).toEqual([
      `${VMI}.domain.cpu.cores must not be set together with spec.instancetype: got 2; unset while spec.instancetype is set (drop the instancetype to size the VM by hand) (instancetype-cpu-conflict)`,
    ]);
  });

  test('fails when a CPU limit is set with an instancetype (instancetype-cpu-conflict)', () => {
    const vm = vmWithInstancetype();
    vm.spec.template.spec.domain.resources = { limits: { cpu: '2' } };
    expect(messages(vm)).toEqual([
      `${VMI}.domain.resources.limits.cpu must not be set together with spec.instancetype: got "2"; unset while spec.instancetype is set (drop the instancetype to size the VM by hand) (instancetype-cpu-conflict)`,
    ]);
  });

  test('fails when memory.guest is set with an instancetype (instancetype-memory-conflict)', () => {
    const vm = vmWithInstancetype();
    vm.spec.template.spec.domain.memory = { guest: '2Gi' };
    expect(messages(vm)).toEqual([
      `${VMI}.domain.memory.guest must not be set together with spec.instancetype: got "2Gi"; unset while spec.instancetype is set (drop the instancetype to size the VM by hand) (instancetype-memory-conflict)`,
    ]);
  });

  test('fails when a memory request is set with an instancetype (instancetype-memory-conflict)', () => {
    const vm = vmWithInstancetype();
    vm.spec.template.spec.domain.resources = { requests: { memory: '2Gi' } };
    expect(messages(vm)).toEqual([
      `${VMI}.domain.resources.requests.memory must not be set together with spec.instancetype: got "2Gi"; unset while spec.instancetype is set (drop the instancetype to size the VM by hand) (instancetype-memory-conflict)`,
    ]);
  });
});
