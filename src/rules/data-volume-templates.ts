/**
 * dataVolumeTemplates rules.
 * Source: pkg/storage/admitters/data-volume-template.go (KubeVirt v1.9), with CDI v1.66's DataVolume
 * webhook (pkg/apiserver/webhooks/datavolume-validate.go) for the source rules.
 */
import { isObj, isSet, list, obj, Rule, setKeys, violation, Violation, vmRule } from './types';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';

const SOURCE = 'pkg/storage/admitters/data-volume-template.go';

/** The source types of a DataVolume's `spec.source`. */
export const SOURCE_TYPES = ['http', 's3', 'gcs', 'registry', 'pvc', 'upload', 'blank', 'imageio', 'vddk', 'snapshot'];

function templates(vm: any): readonly any[] {
  return list(vm.dataVolumeTemplates);
}

const PVC_OR_STORAGE = ['pvc', 'storage'];
const SOURCE_OR_REF = ['source', 'sourceRef'];
/** Stands for a list of one kind, when nothing needs to be reported. */
const ONE: readonly string[] = Object.freeze(['']);

/** How many of `populators(spec)` there are, without building the list. */
function populatorCount(spec: any): number {
  const pvc = obj(spec.pvc);
  const storage = obj(spec.storage);
  return (isSet(pvc.dataSource) ? 1 : 0) + (isSet(pvc.dataSourceRef) ? 1 : 0)
    + (isSet(storage.dataSource) ? 1 : 0) + (isSet(storage.dataSourceRef) ? 1 : 0);
}

/** `countSet(source, SOURCE_TYPES)`, written out: named reads stay fast where a keyed loop over the list does not. */
export function sourceTypeCount(s: any): number {
  return (isSet(s.http) ? 1 : 0) + (isSet(s.s3) ? 1 : 0) + (isSet(s.gcs) ? 1 : 0) + (isSet(s.registry) ? 1 : 0) + (isSet(s.pvc) ? 1 : 0)
    + (isSet(s.upload) ? 1 : 0) + (isSet(s.blank) ? 1 : 0) + (isSet(s.imageio) ? 1 : 0) + (isSet(s.vddk) ? 1 : 0) + (isSet(s.snapshot) ? 1 : 0);
}

/**
 * True when a volume references `name` by dataVolume.name or persistentVolumeClaim.claimName (a
 * template has one name, and a VM a few volumes: a scan, without building a Set per call).
 */
function isReferenced(vols: readonly any[], name: string): boolean {
  for (const v of vols) {
    const vol = obj(v);
    if (obj(vol.dataVolume).name === name || obj(vol.persistentVolumeClaim).claimName === name) return true;
  }
  return false;
}

/** `dataSource` / `dataSourceRef` of a template's pvc or storage, if set. */
function populators(spec: any): string[] {
  const out: string[] = [];
  for (const k of ['pvc', 'storage']) {
    const s = obj(spec[k]);
    if (isSet(s.dataSource)) out.push(`${k}.dataSource`);
    if (isSet(s.dataSourceRef)) out.push(`${k}.dataSourceRef`);
  }
  return out;
}

/**
 * The rules below walk `dataVolumeTemplates` with plain loops that skip holes (`!(i in ts)`), as the
 * `forEach` they replaced did, without a closure per rule and call.
 */
export const DATA_VOLUME_TEMPLATE_RULES: Rule[] = [
  vmRule({
    id: 'dv-template-name',
    source: SOURCE,
    summary: 'rejects a dataVolumeTemplate without a valid metadata.name',
    check: (vm, at) => {
      const out: Violation[] = [];
      const ts = templates(vm);
      for (let i = 0; i < ts.length; i++) {
        if (!(i in ts)) continue;
        const name = obj(obj(ts[i]).metadata).name;
        if (!isSet(name) || name === '') {
          out.push(violation('dv-template-name', `${at}.dataVolumeTemplates[${i}].metadata.name`, 'must be set', name, DNS1123_SUBDOMAIN_ALLOWED));
        } else if (!isDns1123Subdomain(name)) {
          out.push(violation('dv-template-name', `${at}.dataVolumeTemplates[${i}].metadata.name`, 'must be a DNS-1123 subdomain', name, DNS1123_SUBDOMAIN_ALLOWED));
        }
      }
      return out;
    },
  }),
  vmRule({
    id: 'dv-template-pvc-or-storage',
    source: SOURCE,
    summary: 'rejects a dataVolumeTemplate that sets both or neither of spec.pvc and spec.storage',
    check: (vm, at) => {
      const out: Violation[] = [];
      const ts = templates(vm);
      for (let i = 0; i < ts.length; i++) {
        if (!(i in ts)) continue;
        const spec = obj(obj(ts[i]).spec);
        if ((isSet(spec.pvc) ? 1 : 0) + (isSet(spec.storage) ? 1 : 0) === 1) continue;
        const set = setKeys(spec, PVC_OR_STORAGE);
        out.push(violation('dv-template-pvc-or-storage', `${at}.dataVolumeTemplates[${i}].spec`,
          'must set exactly one of pvc or storage', set, 'exactly one of pvc, storage (storage is preferred)'));
      }
      return out;
    },
  }),
  vmRule({
    id: 'dv-template-source',
    source: 'pkg/apiserver/webhooks/datavolume-validate.go (CDI v1.66)',
    summary: 'rejects a dataVolumeTemplate without exactly one source: source (one type), sourceRef, or a pvc/storage dataSource(Ref)',
    check: (vm, at) => {
      const out: Violation[] = [];
      const ts = templates(vm);
      for (let i = 0; i < ts.length; i++) {
        if (!(i in ts)) continue;
        const spec = obj(obj(ts[i]).spec);
        const kinds = (isSet(spec.source) ? 1 : 0) + (isSet(spec.sourceRef) ? 1 : 0) + populatorCount(spec) === 1 ? ONE
          : [...setKeys(spec, SOURCE_OR_REF), ...populators(spec)];
        if (kinds.length !== 1) {
          out.push(violation('dv-template-source', `${at}.dataVolumeTemplates[${i}].spec`,
            kinds.length === 0 ? 'must set a source' : 'must set only one of source, sourceRef, dataSource or dataSourceRef', kinds,
            'exactly one of source, sourceRef, pvc/storage dataSource or dataSourceRef'));
          continue;
        }
        if (isSet(spec.source) && (!isObj(spec.source) || sourceTypeCount(spec.source) !== 1)) {
          const types = setKeys(obj(spec.source), SOURCE_TYPES);
          out.push(violation('dv-template-source', `${at}.dataVolumeTemplates[${i}].spec.source`, 'must set exactly one source type', types,
            `exactly one of ${SOURCE_TYPES.join(', ')}`));
        }
      }
      return out;
    },
  }),
  vmRule({
    id: 'dv-template-referenced',
    source: SOURCE,
    summary: 'rejects a dataVolumeTemplate that no volume references (dataVolume.name or persistentVolumeClaim.claimName)',
    check: (vm, at) => {
      const ts = templates(vm);
      if (ts.length === 0) return [];
      const vols = list(obj(obj(vm.template).spec).volumes);
      const out: Violation[] = [];
      for (let i = 0; i < ts.length; i++) {
        if (!(i in ts)) continue;
        const name = obj(obj(ts[i]).metadata).name;
        if (typeof name === 'string' && name !== '' && !isReferenced(vols, name)) {
          out.push(violation('dv-template-referenced', `${at}.dataVolumeTemplates[${i}].metadata.name`,
            'must be referenced by a volume', name, 'a name used by a volume\'s dataVolume.name or persistentVolumeClaim.claimName'));
        }
      }
      return out;
    },
  }),
  vmRule({
    id: 'dv-template-namespace',
    source: SOURCE,
    summary: 'rejects a dataVolumeTemplate whose metadata.namespace differs from the VM\'s namespace',
    check: (vm, at, namespace) => {
      const out: Violation[] = [];
      const ts = templates(vm);
      for (let i = 0; i < ts.length; i++) {
        if (!(i in ts)) continue;
        const ns = obj(obj(ts[i]).metadata).namespace;
        // Only decidable when both are written down; an unset VM namespace is chosen at apply time.
        if (isSet(ns) && namespace !== undefined && ns !== namespace) {
          out.push(violation('dv-template-namespace', `${at}.dataVolumeTemplates[${i}].metadata.namespace`,
            'must equal the VM\'s namespace', ns, `${JSON.stringify(namespace)}, or unset`));
        }
      }
      return out;
    },
  }),
];
