/**
 * VirtualMachine rules: template, running vs runStrategy.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go (KubeVirt v1.9).
 */
import { isObj, isSet, obj, oneOf, Rule, violation, Violation, vmRule } from './types';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go';

/** The run strategies KubeVirt accepts. */
export const RUN_STRATEGIES = ['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once'];
const RUN_STRATEGY_SET = new Set(RUN_STRATEGIES);

export const VM_RULES: Rule[] = [
  {
    id: 'vm-template-required',
    source: SOURCE,
    summary: 'rejects a VirtualMachine (or a pool\'s VM template) without spec.template',
    kinds: ['VirtualMachine', 'VirtualMachinePool'],
    check(manifest: any): Violation[] {
      const m = obj(manifest);
      let at: string;
      let vmSpec: any;
      if (m.kind === 'VirtualMachine') {
        at = 'spec.template';
        vmSpec = obj(m.spec);
      } else {
        // A pool without a VM template at all is pool-template-required's business.
        const vmTemplate = obj(m.spec).virtualMachineTemplate;
        if (!isObj(vmTemplate)) return [];
        at = 'spec.virtualMachineTemplate.spec.template';
        vmSpec = obj(vmTemplate.spec);
      }
      return isObj(vmSpec.template) ? []
        : [violation('vm-template-required', at, 'must be set', vmSpec.template, 'a VirtualMachineInstance template (metadata and spec)')];
    },
  },
  vmRule({
    id: 'vm-running-run-strategy',
    source: SOURCE,
    summary: 'rejects a VM that sets both running and runStrategy',
    check: (vm, at) => isSet(vm.running) && isSet(vm.runStrategy)
      ? [violation('vm-running-run-strategy', `${at}.running`, 'must not be set together with runStrategy', vm.running,
        'runStrategy alone (running is deprecated)')]
      : [],
  }),
  vmRule({
    id: 'vm-run-strategy-required',
    source: SOURCE,
    summary: 'rejects a VM that sets neither running nor runStrategy (there is no default)',
    check: (vm, at) => !isSet(vm.running) && !isSet(vm.runStrategy)
      ? [violation('vm-run-strategy-required', `${at}.runStrategy`, 'must be set', undefined, oneOf(RUN_STRATEGIES))]
      : [],
  }),
  vmRule({
    id: 'vm-run-strategy',
    source: SOURCE,
    summary: 'rejects a runStrategy outside Always, Halted, Manual, RerunOnFailure, Once',
    check: (vm, at) => isSet(vm.runStrategy) && !RUN_STRATEGY_SET.has(vm.runStrategy)
      ? [violation('vm-run-strategy', `${at}.runStrategy`, `must be ${oneOf(RUN_STRATEGIES)}`, vm.runStrategy, oneOf(RUN_STRATEGIES))]
      : [],
  }),
];
