/**
 * Kubernetes checks of labels, annotations, node and label selectors, affinity and storage class names.
 */
import { childPath, isObj, v } from './k8s-violations';
import { memoByString } from './memo';
import {
  DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain, LABEL_VALUE_ALLOWED, labelValueProblem, QUALIFIED_NAME_ALLOWED, qualifiedNameProblem,
} from './names';
import { Violation } from '../rules/types';
/** Label keys and values (apimachinery metav1 validation ValidateLabels; rules `label-key`, `label-value`). */
export function labelsViolations(labels: unknown, path: string, ids: { key: string; value: string } = { key: 'label-key', value: 'label-value' }): Violation[] {
  if (!isObj(labels)) return [];
  const out: Violation[] = [];
  for (const key of Object.keys(labels)) {
    // The path is built only for a violation; a fleet repeats the same few keys (checked once each).
    const kp = labelKeyProblem(key);
    if (kp) out.push(v(ids.key, childPath(path, key), `has a key that ${kp}`, key, QUALIFIED_NAME_ALLOWED));
    const value = labels[key];
    if (typeof value !== 'string') {
      out.push(v(ids.value, childPath(path, key), 'must be a string', value, LABEL_VALUE_ALLOWED));
    } else {
      const vp = labelValueProblem(value);
      if (vp) out.push(v(ids.value, childPath(path, key), vp, value, LABEL_VALUE_ALLOWED));
    }
  }
  return out;
}

/** A label key's problem, if any, remembered by key. */
const labelKeyProblem = memoByString((key: string): string | undefined => qualifiedNameProblem(key));

/** The API server's limit on all annotations of one object, keys and values, in bytes. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Annotation keys and total size (apimachinery ValidateAnnotations; rules `annotation-key`, `annotation-size`). */
export function annotationsViolations(annotations: unknown, path: string): Violation[] {
  if (!isObj(annotations)) return [];
  const out: Violation[] = [];
  let size = 0;
  for (const key of Object.keys(annotations)) {
    // ValidateAnnotations lowercases the key before IsQualifiedName.
    const kp = labelKeyProblem(key.toLowerCase());
    if (kp) out.push(v('annotation-key', childPath(path, key), `has a key that ${kp}`, key, QUALIFIED_NAME_ALLOWED));
    const value = annotations[key];
    size += Buffer.byteLength(key, 'utf8') + (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  }
  if (size > MAX_ANNOTATIONS_BYTES) {
    out.push(v('annotation-size', path, `must be at most ${MAX_ANNOTATIONS_BYTES} bytes in total`, `${size} bytes`, 'annotations whose keys and values add up to at most 256 KiB'));
  }
  return out;
}

/** A nodeSelector map: label keys and values (k8s ValidatePodSpec → ValidateLabels; rule `node-selector`). */
export function nodeSelectorViolations(selector: unknown, path: string): Violation[] {
  return labelsViolations(selector, path, { key: 'node-selector', value: 'node-selector' });
}

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** One matchExpressions list, of a node selector term (`node`) or of a label selector. */
function requirementsViolations(list: unknown, path: string, node: boolean): Violation[] {
  if (!Array.isArray(list)) return [];
  const id = node ? 'node-selector' : 'label-selector';
  const operators = node ? NODE_OPERATORS : LABEL_OPERATORS;
  const out: Violation[] = [];
  list.forEach((r, i) => {
    if (!isObj(r)) return;
    const at = `${path}[${i}]`;
    if (typeof r.key !== 'string' || qualifiedNameProblem(r.key)) {
      out.push(v(id, `${at}.key`, typeof r.key === 'string' ? `has a key that ${qualifiedNameProblem(r.key)}` : 'is required', r.key, QUALIFIED_NAME_ALLOWED));
    }
    const values = Array.isArray(r.values) ? r.values : [];
    if (!operators.includes(r.operator)) {
      out.push(v(id, `${at}.operator`, `must be one of ${operators.join(', ')}`, r.operator, `one of ${operators.join(', ')}`));
    } else if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) {
      out.push(v(id, `${at}.values`, `must not be empty for operator ${r.operator}`, r.values, 'one or more values'));
    } else if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
      out.push(v(id, `${at}.values`, `must be empty for operator ${r.operator}`, r.values, 'no values'));
    } else if ((r.operator === 'Gt' || r.operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(String(values[0])))) {
      out.push(v(id, `${at}.values`, `must be a single integer for operator ${r.operator}`, r.values, 'one integer value'));
    }
    if (!node) {
      values.forEach((value: unknown, j: number) => {
        const p = typeof value === 'string' ? labelValueProblem(value) : 'must be a string';
        if (p) out.push(v(id, `${at}.values[${j}]`, p, value, LABEL_VALUE_ALLOWED));
      });
    }
  });
  return out;
}

/** A label selector: matchLabels and matchExpressions (apimachinery ValidateLabelSelector; rule `label-selector`). */
export function labelSelectorViolations(selector: unknown, path: string): Violation[] {
  if (!isObj(selector)) return [];
  return [
    ...labelsViolations(selector.matchLabels, `${path}.matchLabels`, { key: 'label-selector', value: 'label-selector' }),
    ...requirementsViolations(selector.matchExpressions, `${path}.matchExpressions`, false),
  ];
}

/** A node selector term (k8s ValidateNodeSelectorTerm; rule `node-selector`). */
function nodeSelectorTermViolations(term: unknown, path: string): Violation[] {
  if (!isObj(term)) return [];
  const out = requirementsViolations(term.matchExpressions, `${path}.matchExpressions`, true);
  if (Array.isArray(term.matchFields)) {
    term.matchFields.forEach((f: any, i: number) => {
      if (isObj(f) && f.key !== 'metadata.name') {
        out.push(v('node-selector', `${path}.matchFields[${i}].key`, 'must be metadata.name', f.key, 'metadata.name'));
      }
    });
  }
  return out;
}

/** An affinity: node affinity terms and pod (anti-)affinity label selectors. */
export function affinityViolations(affinity: unknown, path: string): Violation[] {
  if (!isObj(affinity)) return [];
  const out: Violation[] = [];
  const na = affinity.nodeAffinity;
  if (isObj(na)) {
    const required = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(required) && Array.isArray(required.nodeSelectorTerms)) {
      required.nodeSelectorTerms.forEach((t: unknown, i: number) =>
        out.push(...nodeSelectorTermViolations(t, `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`)));
    }
    if (Array.isArray(na.preferredDuringSchedulingIgnoredDuringExecution)) {
      na.preferredDuringSchedulingIgnoredDuringExecution.forEach((p: any, i: number) => {
        if (isObj(p)) out.push(...nodeSelectorTermViolations(p.preference, `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`));
      });
    }
  }
  for (const key of ['podAffinity', 'podAntiAffinity']) {
    const pa = affinity[key];
    if (!isObj(pa)) continue;
    const base = `${path}.${key}`;
    if (Array.isArray(pa.requiredDuringSchedulingIgnoredDuringExecution)) {
      pa.requiredDuringSchedulingIgnoredDuringExecution.forEach((t: any, i: number) => {
        if (isObj(t)) out.push(...labelSelectorViolations(t.labelSelector, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].labelSelector`));
      });
    }
    if (Array.isArray(pa.preferredDuringSchedulingIgnoredDuringExecution)) {
      pa.preferredDuringSchedulingIgnoredDuringExecution.forEach((w: any, i: number) => {
        if (isObj(w) && isObj(w.podAffinityTerm)) {
          out.push(...labelSelectorViolations(w.podAffinityTerm.labelSelector,
            `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.labelSelector`));
        }
      });
    }
  }
  return out;
}

/** A storageClassName: empty, or a DNS-1123 subdomain (k8s ValidatePersistentVolumeClaimSpec → ValidateClassName; rule `storage-class-name`). */
export function storageClassNameViolations(value: unknown, path: string): Violation[] {
  if (value === undefined || value === null || value === '') return [];
  return isDns1123Subdomain(value) ? []
    : [v('storage-class-name', path, 'must be a DNS-1123 subdomain', value, DNS1123_SUBDOMAIN_ALLOWED)];
}
