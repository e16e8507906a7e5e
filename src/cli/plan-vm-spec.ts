/**
 * `plan`: how a change to a VirtualMachine spec and its template reaches a running VM (CPU and memory
 * hotplug, scheduling, firmware, everything else that waits for a restart). Volumes and interfaces are in
 * `plan-devices.ts`. Paths are in kubevirt/kubevirt v1.9.0; the field-by-field facts are in
 * `../shared/kubevirt/gotypes/LIVE-UPDATE.md`.
 */
import { classifyInterfaces, classifyVolumes } from './plan-devices';
import { byName, isObj, join, leafDiffs, list, LIVE_UPDATE, MIGRATION, NO_RESTART_PENDING, obj, PlanEffect, same, show } from './plan-model';
import { parseQuantity } from '../rules/cpu-memory';
// ---- classification ------------------------------------------------------------------------------------

export function vmSourceRefs(spec: any): string[] {
  return list(obj(spec).dataVolumeTemplates).map(t => obj(obj(t).metadata).name).filter((n): n is string => typeof n === 'string');
}

/** Classifies the change of a VirtualMachine spec (`bs` → `as`); `at` is the VM spec's path. */
export function classifyVmSpec(bs: any, as: any, at: string, effects: PlanEffect[]): void {
  const b = { ...obj(bs) };
  const a = { ...obj(as) };
  const add = (e: PlanEffect): void => {
    effects.push(e);
  };

  // Run state: vm.go syncRunStrategy applies it at once; not a template field, so no RestartRequired.
  for (const key of ['runStrategy', 'running']) {
    if (!same(b[key], a[key])) {
      const stops = a[key] === 'Halted' || a[key] === false;
      add({
        class: 'live',
        path: join(at, key),
        message: `${show(b[key])} → ${show(a[key])}: applied at once${stops ? '; the running VM is stopped' : ''}`,
        source: 'vm.go syncRunStrategy',
      });
    }
    delete b[key];
    delete a[key];
  }

  // dataVolumeTemplates: vm.go handleDataVolumes creates missing DataVolumes and never compares or deletes
  // existing ones; DataVolumes carry a controller ownerReference to the VM (util.go CreateDataVolumeManifest).
  const bT = byName(b.dataVolumeTemplates, t => obj(obj(t).metadata).name);
  const aT = byName(a.dataVolumeTemplates, t => obj(obj(t).metadata).name);
  for (const [name, t] of aT) {
    const p = `${join(at, 'dataVolumeTemplates')}[${name}]`;
    if (!bT.has(name)) {
      add({ class: 'live', path: p, message: `new DataVolume ${name} is created at once, even while the VM runs; the VM's other updates wait until it is populated`, source: 'vm.go handleDataVolumes, sync' });
    } else if (!same(bT.get(name), t)) {
      const diffs = leafDiffs(bT.get(name), t, p).map(([dp]) => dp.slice(p.length + 1) || '(template)');
      add({ class: 'ignored', path: p, message: `edit to the existing DataVolume ${name}'s template (${diffs.join(', ')}) is stored but never applied: the DataVolume is not compared with its template or patched`, source: 'vm.go handleDataVolumes' });
    }
  }
  for (const name of bT.keys()) {
    if (!aT.has(name)) {
      add({
        class: 'data-loss',
        path: `${join(at, 'dataVolumeTemplates')}[${name}]`,
        message: `DataVolume ${name} is no longer used by the VM after its next restart; it stays until the VM is deleted, and is then garbage-collected with its PVC and data`,
        source: 'vm.go handleDataVolumes (no DataVolume delete); pkg/virt-controller/watch/util/util.go CreateDataVolumeManifest (controller ownerReference)',
      });
    }
  }
  delete b.dataVolumeTemplates;
  delete a.dataVolumeTemplates;

  for (const key of ['instancetype', 'preference']) {
    if (!same(b[key], a[key])) {
      add({
        class: 'restart',
        path: join(at, key),
        message: `${show(b[key])} → ${show(a[key])}: a new revision is stored and the expanded template compared with the running one; only a sockets or memory.guest difference is hotplugged, anything else waits for a restart`,
        source: 'vm.go syncRestartRequired, patchVMRevision; pkg/instancetype/webhooks/vm/mutator.go validateMatcherUpdate',
      });
    }
    delete b[key];
    delete a[key];
  }

  if (!same(b.updateVolumesStrategy, a.updateVolumesStrategy)) {
    add({ class: 'none', path: join(at, 'updateVolumesStrategy'), message: `${show(b.updateVolumesStrategy)} → ${show(a.updateVolumesStrategy)}: read on each sync, no restart`, source: 'vm.go handleVolumeUpdateRequest' });
  }
  const migrationStrategy = a.updateVolumesStrategy === 'Migration';
  delete b.updateVolumesStrategy;
  delete a.updateVolumesStrategy;

  const bTpl = { ...obj(b.template) };
  const aTpl = { ...obj(a.template) };
  delete b.template;
  delete a.template;
  for (const [p, before, after] of leafDiffs(b, a, at)) {
    add({ class: 'restart', path: p, message: `${show(before)} → ${show(after)}`, source: 'vm.go syncRestartRequired' });
  }

  // Template metadata: only template.spec is compared, so labels and annotations wait for the next start;
  // the descheduler annotations are copied to the running VMI (vm.go syncDynamicAnnotationsAndLabelsToVMI).
  const tplMetaPath = join(join(at, 'template'), 'metadata');
  for (const [p, before, after] of leafDiffs(obj(bTpl.metadata), obj(aTpl.metadata), tplMetaPath)) {
    const synced = /descheduler\.alpha\.kubernetes\.io\/(evict|prefer-no-eviction)/.test(p);
    add(synced
      ? { class: 'live', path: p, message: `${show(before)} → ${show(after)}: copied to the running VMI`, source: 'vm.go syncDynamicAnnotationsAndLabelsToVMI' }
      : { class: 'ignored', path: p, message: `${show(before)} → ${show(after)}: applied only when the VM next starts; no RestartRequired is shown`, source: 'vm.go syncRestartRequired (compares template.spec only)' });
  }
  classifyTemplateSpec(obj(bTpl.spec), obj(aTpl.spec), join(join(at, 'template'), 'spec'), migrationStrategy, effects);
}

/** The headroom for CPU hotplug on the running VMI (pkg/defaults/defaults.go setupCPUHotplug). */
function maxSocketsOf(bCpu: any, aCpu: any): { max: number; why: string } {
  if (typeof aCpu.maxSockets === 'number') return { max: aCpu.maxSockets, why: 'the VM\'s maxSockets' };
  if (typeof bCpu.maxSockets === 'number') return { max: bCpu.maxSockets, why: 'the running VM\'s maxSockets' };
  const sockets = typeof bCpu.sockets === 'number' ? bCpu.sockets : 1;
  const perSocket = (typeof bCpu.cores === 'number' ? bCpu.cores : 1) * (typeof bCpu.threads === 'number' ? bCpu.threads : 1);
  const byRatio = sockets * 4;
  const cap = Math.max(sockets, Math.floor(512 / Math.max(1, perSocket)));
  return byRatio <= cap
    ? { max: byRatio, why: 'sockets × maxHotplugRatio 4, unless the KubeVirt CR sets liveUpdateConfiguration.maxCpuSockets or another ratio' }
    : { max: cap, why: 'capped at 512 vCPUs' };
}

function classifyTemplateSpec(bs: any, as: any, at: string, migrationStrategy: boolean, effects: PlanEffect[]): void {
  const b = structuredClone(bs);
  const a = structuredClone(as);
  const local: PlanEffect[] = [];
  const add = (e: PlanEffect): void => {
    local.push(e);
  };
  const arm64 = a.architecture === 'arm64';
  const bDom = obj(b.domain);
  const aDom = obj(a.domain);
  const bCpu = obj(bDom.cpu);
  const aCpu = obj(aDom.cpu);

  // CPU sockets: vm.go handleCPUChangeRequest; admitters/vms-admitter.go validateLiveUpdateCPU.
  const cpuAt = join(join(at, 'domain'), 'cpu');
  if (!same(bCpu.sockets, aCpu.sockets)) {
    const before = typeof bCpu.sockets === 'number' ? bCpu.sockets : 1;
    const after = typeof aCpu.sockets === 'number' ? aCpu.sockets : 1;
    const { max, why } = maxSocketsOf(bCpu, aCpu);
    const p = join(cpuAt, 'sockets');
    const source = 'vm.go handleCPUChangeRequest; pkg/defaults/defaults.go setupCPUHotplug';
    if (!isObj(aDom.cpu)) {add({ class: 'restart', path: p, message: `${before} → ${after}: CPU hotplug needs domain.cpu`, source });} else if (arm64) {add({ class: 'restart', path: p, message: `${before} → ${after}: no CPU hotplug on arm64`, source });} else if (after < before) {add({ class: 'restart', path: p, message: `${before} → ${after}: reducing CPU sockets requires a restart`, source });} else if (after > max) {add({ class: 'restart', path: p, message: `${before} → ${after}: above the running VMI's maxSockets ${max} (${why})`, source });} else {
      add({
        class: 'live',
        path: p,
        message: `${before} → ${after}: CPU hotplug, within the headroom of ${max} sockets (${why})`,
        source,
        conditions: [LIVE_UPDATE, MIGRATION, 'no CPU hotplug is already in progress', NO_RESTART_PENDING],
      });
    }
  }
  delete bCpu.sockets;
  delete aCpu.sockets;

  // memory.guest: vm.go handleMemoryHotplugRequest; pkg/liveupdate/memory/memory.go ValidateLiveUpdateMemory.
  const bMem = obj(bDom.memory);
  const aMem = obj(aDom.memory);
  if (!same(bMem.guest, aMem.guest)) {
    const p = join(join(join(at, 'domain'), 'memory'), 'guest');
    const before = parseQuantity(bMem.guest);
    const after = parseQuantity(aMem.guest);
    const source = 'vm.go handleMemoryHotplugRequest; pkg/liveupdate/memory/memory.go ValidateLiveUpdateMemory; pkg/defaults/defaults.go setupMemoryHotplug';
    const maxGuest = parseQuantity(aMem.maxGuest ?? bMem.maxGuest) ?? (before !== undefined ? before * 4 : undefined);
    const msg = `${show(bMem.guest)} → ${show(aMem.guest)}`;
    if (before === undefined || after === undefined) {add({ class: 'restart', path: p, message: `${msg}: memory hotplug needs memory.guest on both sides`, source });} else if (arm64 || a.architecture === 's390x') {add({ class: 'restart', path: p, message: `${msg}: memory hotplug needs amd64`, source });} else if (after < before) {add({ class: 'restart', path: p, message: `${msg}: below the size at boot`, source });} else if (before < 2 ** 30) {add({ class: 'restart', path: p, message: `${msg}: memory hotplug needs a guest of at least 1Gi at boot`, source });} else if (maxGuest !== undefined && after > maxGuest) {add({ class: 'restart', path: p, message: `${msg}: above maxGuest`, source });} else if (after % (2 * 2 ** 20) !== 0) {add({ class: 'restart', path: p, message: `${msg}: not aligned to 2Mi`, source });} else {
      add({
        class: 'live',
        path: p,
        message: `${msg}: memory hotplug, within maxGuest ${aMem.maxGuest ?? bMem.maxGuest ?? 'guest × maxHotplugRatio 4 (unless the KubeVirt CR sets liveUpdateConfiguration.maxGuest)'}`,
        source,
        conditions: [LIVE_UPDATE, MIGRATION, 'the VM is not realtime, has no NUMA guestMappingPassthrough and no launchSecurity', NO_RESTART_PENDING],
      });
    }
  }
  delete bMem.guest;
  delete aMem.guest;

  // Scheduling: vm.go handleAffinityChangeRequest, handleTolerationsChangeRequest.
  for (const key of ['nodeSelector', 'affinity', 'tolerations']) {
    if (!same(b[key], a[key])) {
      add({
        class: 'live',
        path: join(at, key),
        message: 'the running VMI is patched; it affects later scheduling (the next migration), the VM does not move now',
        source: key === 'tolerations' ? 'vm.go handleTolerationsChangeRequest' : 'vm.go handleAffinityChangeRequest',
        conditions: [LIVE_UPDATE, NO_RESTART_PENDING],
      });
    }
    delete b[key];
    delete a[key];
  }

  classifyVolumes(b, a, at, migrationStrategy, add);
  classifyInterfaces(b, a, at, add);

  // Everything else in template.spec: vm.go syncRestartRequired compares with equality.Semantic.DeepEqual.
  for (const [p, before, after] of leafDiffs(b, a, at)) {
    add({ class: 'restart', path: p, message: `${show(before)} → ${show(after)}: RestartRequired until the VM restarts`, source: 'vm.go syncRestartRequired' });
  }

  // A pending restart holds back the live handlers (vm.go sync: they run only without RestartRequired).
  const restartPending = local.some(e => e.class === 'restart');
  for (const e of local) {
    if (restartPending && e.class === 'live' && e.conditions?.includes(NO_RESTART_PENDING)) {
      effects.push({ ...e, class: 'restart', message: `${e.message}; held back until the restart another change here needs`, conditions: undefined });
    } else {
      effects.push(e);
    }
  }
}
