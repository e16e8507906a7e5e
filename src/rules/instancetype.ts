/**
 * Conflicts between spec.instancetype and explicit CPU / memory in the template.
 * Source: pkg/instancetype/apply/cpu.go and memory.go (KubeVirt v1.9). The admitter applies the
 * instancetype first; these fields always conflict, whatever the instancetype holds. The fields that
 * conflict only when the instancetype sets them too (model, dedicatedCpuPlacement, numa, …) cannot be
 * decided without the instancetype object, and are left to the cluster.
 */
import { isSet, obj, Rule, violation, Violation, vmRule } from './types';

const ALLOWED = 'unset while spec.instancetype is set (drop the instancetype to size the VM by hand)';
const PROBLEM = 'must not be set together with spec.instancetype';

function domainOf(vm: any): any {
  return obj(obj(obj(vm.template).spec).domain);
}

function conflicts(ruleId: string, vm: any, at: string, fields: Array<[string, unknown]>): Violation[] {
  if (!isSet(vm.instancetype)) return [];
  const out: Violation[] = [];
  for (const [path, value] of fields) {
    if (isSet(value)) out.push(violation(ruleId, `${at}.template.spec.domain.${path}`, PROBLEM, value, ALLOWED));
  }
  return out;
}

export const INSTANCETYPE_RULES: Rule[] = [
  vmRule({
    id: 'instancetype-cpu-conflict',
    source: 'pkg/instancetype/apply/cpu.go',
    summary: 'rejects CPU sockets, cores, threads, or CPU requests/limits in a VM that references an instancetype',
    check: (vm, at) => {
      if (!isSet(vm.instancetype)) return [];
      const domain = domainOf(vm);
      const cpu = obj(domain.cpu);
      const res = obj(domain.resources);
      return conflicts('instancetype-cpu-conflict', vm, at, [
        ['cpu.sockets', cpu.sockets],
        ['cpu.cores', cpu.cores],
        ['cpu.threads', cpu.threads],
        ['resources.requests.cpu', obj(res.requests).cpu],
        ['resources.limits.cpu', obj(res.limits).cpu],
      ]);
    },
  }),
  vmRule({
    id: 'instancetype-memory-conflict',
    source: 'pkg/instancetype/apply/memory.go',
    summary: 'rejects memory.guest, or memory requests/limits in a VM that references an instancetype',
    check: (vm, at) => {
      if (!isSet(vm.instancetype)) return [];
      const domain = domainOf(vm);
      const res = obj(domain.resources);
      return conflicts('instancetype-memory-conflict', vm, at, [
        ['memory.guest', obj(domain.memory).guest],
        ['resources.requests.memory', obj(res.requests).memory],
        ['resources.limits.memory', obj(res.limits).memory],
      ]);
    },
  }),
];
