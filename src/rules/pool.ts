/**
 * VirtualMachinePool rules. The pool's VM template is also checked by every VM and VMI-spec rule.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vmpool-admitter.go (KubeVirt v1.9).
 */
import { isObj, isSet, list, obj, Rule, setKeys, violation, Violation } from './types';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmpool-admitter.go';
const KINDS = ['VirtualMachinePool'];
const STRATEGY_OPTIONS = ['opportunistic', 'proactive', 'unmanaged'];
const PERCENT = /^(\d+)%$/;

/** Does a label selector match these labels? (matchLabels and matchExpressions, as metav1.LabelSelectorAsSelector.) */
export function selectorMatches(selector: any, labels: any): boolean {
  const sel = obj(selector);
  const l = obj(labels);
  for (const [k, v] of Object.entries(obj(sel.matchLabels))) {
    if (l[k] !== v) return false;
  }
  for (const e of list(sel.matchExpressions)) {
    const expr = obj(e);
    const has = Object.prototype.hasOwnProperty.call(l, expr.key);
    const values = list(expr.values);
    switch (expr.operator) {
      case 'In': if (!has || !values.includes(l[expr.key])) return false; break;
      case 'NotIn': if (has && values.includes(l[expr.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

function poolRule(id: string, summary: string, check: (spec: any) => Violation[]): Rule {
  return {
    id,
    source: SOURCE,
    summary,
    kinds: KINDS,
    check: manifest => {
      const m = obj(manifest);
      return m.kind === 'VirtualMachinePool' ? check(obj(m.spec)) : [];
    },
  };
}

export const POOL_RULES: Rule[] = [
  poolRule('pool-template-required', 'rejects a pool without spec.virtualMachineTemplate', spec => isObj(spec.virtualMachineTemplate) ? []
    : [violation('pool-template-required', 'spec.virtualMachineTemplate', 'must be set', spec.virtualMachineTemplate, 'a VirtualMachine template (metadata and spec)')]),
  poolRule('pool-selector-matches', 'rejects a pool whose selector does not match its VM template\'s labels', spec => {
    if (!isObj(spec.virtualMachineTemplate)) return [];
    const labels = obj(obj(spec.virtualMachineTemplate).metadata).labels;
    return selectorMatches(spec.selector, labels) ? []
      : [violation('pool-selector-matches', 'spec.selector', 'must match spec.virtualMachineTemplate.metadata.labels', spec.selector,
        'a selector that the VM template\'s labels satisfy')];
  }),
  poolRule('pool-max-unavailable', 'rejects maxUnavailable that is not an integer above 0 or a percentage from 1% to 100%', spec => {
    const v = spec.maxUnavailable;
    if (!isSet(v)) return [];
    const pct = typeof v === 'string' ? PERCENT.exec(v) : null;
    const ok = (typeof v === 'number' && Number.isInteger(v) && v > 0) || (pct !== null && Number(pct[1]) >= 1 && Number(pct[1]) <= 100);
    return ok ? [] : [violation('pool-max-unavailable', 'spec.maxUnavailable', 'must be an integer above 0 or a percentage from 1% to 100%', v,
      'an integer of 1 or more, or a percentage from 1% to 100%')];
  }),
  poolRule('pool-strategy-one-option', 'rejects an updateStrategy or scaleInStrategy with more than one option', spec => {
    const out: Violation[] = [];
    for (const field of ['updateStrategy', 'scaleInStrategy']) {
      const set = setKeys(obj(spec[field]), STRATEGY_OPTIONS);
      if (set.length > 1) {
        out.push(violation('pool-strategy-one-option', `spec.${field}`, 'must set only one option', set, 'one of opportunistic, proactive, unmanaged'));
      }
    }
    return out;
  }),
];
