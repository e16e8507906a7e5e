/**
 * `plan`: the plan itself. Objects are matched across BEFORE and AFTER by API group, kind, namespace and
 * name; each added, removed or changed object gets its effects, per kind (VM, pool, DataVolume, PVC,
 * instancetype, Secret, ...), plus the admission rules of src/rules for what AFTER holds.
 */
import { checkManifest, formatViolation } from '../rules';
import { identify, leafDiffs, list, Obj, obj, PlanChange, PlanEffect, same, show, worst } from './plan-model';
import { classifyVmSpec, vmSourceRefs } from './plan-vm-spec';
import { SourceObject } from './yaml-source';
import { parseQuantity } from '../rules/cpu-memory';

/** The objects in AFTER that may reference `name` of `kind` (Secret, ConfigMap, PVC, DataVolume). */
function referencedBy(kind: string, name: string, namespace: string, after: Map<string, Obj>): string[] {
  const out: string[] = [];
  for (const o of after.values()) {
    if (o.kind !== 'VirtualMachine' || o.namespace !== namespace) continue;
    const spec = obj(obj(obj(o.value.spec).template).spec);
    const hit = list(spec.volumes).some(v => {
      const vol = obj(v);
      if (kind === 'Secret') {
        return obj(vol.secret).secretName === name || obj(obj(vol.cloudInitNoCloud).secretRef).name === name
          || obj(obj(vol.cloudInitNoCloud).networkDataSecretRef).name === name || obj(obj(vol.cloudInitConfigDrive).secretRef).name === name;
      }
      if (kind === 'ConfigMap') return obj(vol.configMap).name === name;
      return false;
    }) || (kind === 'Secret' && list(spec.accessCredentials).some(c => JSON.stringify(c).includes(`"secretName":${JSON.stringify(name)}`)));
    if (hit) out.push(o.name);
  }
  return out;
}

function classifyChanged(b: Obj, a: Obj, after: Map<string, Obj>): PlanEffect[] {
  const effects: PlanEffect[] = [];
  const bv = b.value;
  const av = a.value;
  switch (a.kind) {
    case 'VirtualMachine': {
      for (const [p, before, after2] of leafDiffs(obj(bv.metadata), obj(av.metadata), 'metadata')) {
        effects.push({ class: 'none', path: p, message: `${show(before)} → ${show(after2)}: VM metadata, nothing changes in the guest`, source: 'vm.go syncRestartRequired (compares template.spec only)' });
      }
      classifyVmSpec(bv.spec, av.spec, 'spec', effects);
      break;
    }
    case 'VirtualMachinePool': {
      const bs = obj(bv.spec);
      const as = obj(av.spec);
      const br = typeof bs.replicas === 'number' ? bs.replicas : 1;
      const ar = typeof as.replicas === 'number' ? as.replicas : 1;
      if (ar < br) {
        effects.push({
          class: 'data-loss',
          path: 'spec.replicas',
          message: `${br} → ${ar}: the pool deletes ${br - ar} VM(s), and with them the DataVolumes made from their dataVolumeTemplates (unless scaleInStrategy preserves state)`,
          source: 'pkg/virt-controller/watch/pool/pool.go scaleIn; util.go CreateDataVolumeManifest (ownerReference)',
        });
      } else if (ar > br) {
        effects.push({ class: 'none', path: 'spec.replicas', message: `${br} → ${ar}: new VMs are created`, source: 'pkg/virt-controller/watch/pool/pool.go scaleOut' });
      }
      const rest = (s: any): any => ({ ...s, replicas: undefined });
      for (const [p] of leafDiffs(rest(bs), rest(as), 'spec')) {
        effects.push({
          class: 'restart',
          path: p,
          message: 'the pool\'s VMs are updated per its updateStrategy; each VM then behaves as for a VM edit (not verified: the pool rollout code was not read)',
          source: 'pkg/virt-controller/watch/pool/pool.go (update strategy, unverified)',
        });
      }
      break;
    }
    case 'DataVolume':
      if (!same(bv.spec, av.spec)) {
        effects.push({ class: 'rejected', path: 'spec', message: 'CDI rejects any change to an existing DataVolume\'s spec ("Cannot update DataVolume Spec")', source: 'CDI pkg/apiserver/webhooks/datavolume-validate.go Admit' });
      }
      break;
    case 'PersistentVolumeClaim': {
      const bs = obj(bv.spec);
      const as = obj(av.spec);
      const bSize = parseQuantity(obj(obj(bs.resources).requests).storage);
      const aSize = parseQuantity(obj(obj(as.resources).requests).storage);
      const rest = (s: any): any => ({ ...s, resources: undefined });
      if (!same(rest(bs), rest(as))) effects.push({ class: 'rejected', path: 'spec', message: 'a bound PVC\'s spec is immutable except its storage request', source: 'kubernetes pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate' });
      if (bSize !== undefined && aSize !== undefined && aSize < bSize) effects.push({ class: 'rejected', path: 'spec.resources.requests.storage', message: 'a PVC cannot shrink', source: 'kubernetes pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate' });
      else if (bSize !== aSize) effects.push({ class: 'live', path: 'spec.resources.requests.storage', message: 'the volume is expanded', source: 'kubernetes pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate', conditions: ['the StorageClass has allowVolumeExpansion: true'] });
      break;
    }
    case 'VirtualMachineInstancetype':
    case 'VirtualMachineClusterInstancetype':
    case 'VirtualMachinePreference':
    case 'VirtualMachineClusterPreference':
      if (same(bv.spec, av.spec)) {
        effects.push({ class: 'none', path: 'metadata', message: 'metadata only', source: '-' });
        break;
      }
      effects.push({
        class: 'ignored',
        path: 'spec',
        message: 'existing VMs keep the copy stored in their ControllerRevision (referencePolicy Reference, the default); only new VMs see the change',
        source: 'pkg/instancetype/controller/vm/controller.go Sync; pkg/instancetype/revision/store.go syncStatusWithMatcher',
      });
      break;
    case 'Secret':
    case 'ConfigMap': {
      const users = referencedBy(a.kind, a.name, a.namespace, after);
      effects.push(users.length > 0
        ? { class: 'ignored', path: '(object)', message: `read by VM(s) ${users.join(', ')} only when they next start (cloud-init, disks and credentials are built at VMI start)`, source: 'pkg/virt-controller/services/rendervolumes.go; pkg/cloud-init/cloud-init.go' }
        : { class: 'none', path: '(object)', message: 'changed; no VM in AFTER reads it', source: '-' });
      break;
    }
    default:
      effects.push({ class: 'none', path: '(object)', message: 'changed; not a KubeVirt workload object', source: '-' });
  }
  return effects;
}

function classifyRemoved(b: Obj, added: Map<string, Obj>): PlanEffect[] {
  const after = added;
  switch (b.kind) {
    case 'VirtualMachine': {
      const dvs = vmSourceRefs(b.value.spec);
      // `after` holds only the objects added in AFTER: a VM added in the same namespace may be this one renamed.
      const renamed = [...after.values()].find(o => o.kind === 'VirtualMachine' && o.namespace === b.namespace);
      const hint = renamed ? ` (renamed? a new VirtualMachine ${renamed.name} appears in the same namespace; its DataVolumes are new and empty or freshly imported)` : '';
      return dvs.length > 0
        ? [{ class: 'data-loss', path: '(object)', message: `the VM is stopped and deleted, and the garbage collector deletes its DataVolumes ${dvs.join(', ')} with their PVCs and data${hint}`, source: 'vm.go sync, removeVMFinalizer; pkg/virt-controller/watch/util/util.go CreateDataVolumeManifest (controller ownerReference, blockOwnerDeletion)' }]
        : [{ class: 'restart', path: '(object)', message: `the VM is stopped and deleted; it has no dataVolumeTemplates, so no disk is deleted with it${hint}`, source: 'vm.go sync, removeVMFinalizer' }];
    }
    case 'VirtualMachinePool':
      return [{ class: 'data-loss', path: '(object)', message: 'the pool\'s VMs are deleted, and with them the DataVolumes made from their dataVolumeTemplates', source: 'pkg/virt-controller/watch/pool/pool.go; util.go CreateDataVolumeManifest (ownerReference)' }];
    case 'DataVolume':
      return [{ class: 'data-loss', path: '(object)', message: 'the DataVolume is deleted, and its PVC and data with it (the PVC is owned by the DataVolume)', source: 'CDI pkg/controller/datavolume (PVC ownerReference to the DataVolume)' }];
    case 'PersistentVolumeClaim':
      return [{ class: 'data-loss', path: '(object)', message: 'the PVC is deleted, and its data with it when the reclaim policy is Delete (the default for dynamic provisioning)', source: 'kubernetes pkg/controller/volume/persistentvolume (reclaim policy)' }];
    default:
      return [{ class: 'none', path: '(object)', message: 'deleted', source: '-' }];
  }
}

/** The plan: every object added, removed or changed between BEFORE and AFTER, sorted by kind, namespace and name. */
export function planChanges(before: SourceObject[], after: SourceObject[]): PlanChange[] {
  const b = identify(before);
  const a = identify(after);
  const out: PlanChange[] = [];
  const rejected = (o: Obj): PlanEffect[] => checkManifest(o.value).map(v => ({
    class: 'rejected' as const, path: v.path, message: formatViolation(v), source: 'src/rules (KubeVirt/CDI admission; see src/rules/README.md)',
  }));
  for (const [key, o] of a) {
    const old = b.get(key);
    if (!old) {
      const effects: PlanEffect[] = [{ class: 'none', path: '(object)', message: 'created', source: '-' }, ...rejected(o)];
      out.push({ kind: o.kind, namespace: o.namespace, name: o.name, change: 'added', class: worst(effects.map(e => e.class)), effects });
    } else if (!same(old.value, o.value)) {
      const effects = [...classifyChanged(old, o, a), ...rejected(o)];
      out.push({ kind: o.kind, namespace: o.namespace, name: o.name, change: 'changed', class: worst(effects.map(e => e.class)), effects });
    }
  }
  for (const [key, o] of b) {
    if (a.has(key)) continue;
    const effects = classifyRemoved(o, new Map([...a].filter(([k]) => !b.has(k))));
    out.push({ kind: o.kind, namespace: o.namespace, name: o.name, change: 'removed', class: worst(effects.map(e => e.class)), effects });
  }
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return out.sort((x, y) => cmp(x.kind, y.kind) || cmp(x.namespace, y.namespace) || cmp(x.name, y.name));
}
