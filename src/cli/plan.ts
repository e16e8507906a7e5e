/**
 * `cdk8s-kubevirt plan BEFORE AFTER`: what applying AFTER over BEFORE does to a cluster running KubeVirt
 * v1.9 and CDI v1.66, object by object, in six classes.
 *
 * The classes and where each comes from (paths in kubevirt/kubevirt v1.9.0 unless they say CDI; `vm.go` is
 * `pkg/virt-controller/watch/vm/vm.go`; the field-by-field facts are in `../shared/kubevirt/gotypes/LIVE-UPDATE.md`):
 * - `none`: no effect on a running VM (a new object, VM metadata, `updateVolumesStrategy`, objects KubeVirt
 *   does not read).
 * - `live`: applied to the running VM, under the conditions listed with it (CPU and memory hotplug,
 *   nodeSelector/affinity/tolerations, declarative volume hotplug, NIC hotplug, runStrategy).
 * - `restart`: the VM gets `RestartRequired` and the change waits for the next restart
 *   (`vm.go` `syncRestartRequired`).
 * - `ignored`: stored, but KubeVirt does not act on it (an edit to an existing dataVolumeTemplate,
 *   template labels until the next start, an edited instancetype).
 * - `data-loss`: data goes away (a VM deleted or renamed with its template DataVolumes, a DataVolume or
 *   PVC removed, a dataVolumeTemplate removed or renamed, a pool scaled in).
 * - `rejected`: the API server refuses the write (an admission rule in src/rules, or an update webhook).
 *
 * Order, for `--fail-on` (each class includes the ones after it):
 * none < live < restart < ignored < data-loss < rejected. `ignored` ranks above `restart` because Git
 * and the cluster then disagree silently; `restart` is at least visible as a VM condition.
 *
 * BEFORE and AFTER are files or folders of YAML; with `--base REF`, BEFORE is the YAML committed at REF
 * under the same paths as AFTER (`git ls-tree -r` + `git show`).
 * Exit codes: 0 done (and nothing reached --fail-on), 1 a change reached --fail-on, 2 usage or input error.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkManifest, formatViolation } from '../rules';
import { COMMON_USAGE, CommandSpec, exitCodesUsage, parseCommand } from './args';
import { CliIo, EXIT_USAGE } from './io';
import { SourceObject, parseSource, readSources } from './yaml-source';
import { parseQuantity } from '../rules/cpu-memory';

/** The classes, mildest first. */
export const PLAN_CLASSES = ['none', 'live', 'restart', 'ignored', 'data-loss', 'rejected'] as const;
/** One of PLAN_CLASSES. */
export type PlanClass = typeof PLAN_CLASSES[number];

/** One consequence of a change. */
export interface PlanEffect {
  readonly class: PlanClass;
  /** Dotted path inside the object, or `(object)`. */
  readonly path: string;
  /** What happens, one sentence. */
  readonly message: string;
  /** For `live`: what must hold for it to be applied live. */
  readonly conditions?: string[];
  /** The upstream file and function behind the classification. */
  readonly source: string;
}

/** One object added, removed or changed. */
export interface PlanChange {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** The most severe class among the effects. */
  readonly class: PlanClass;
  readonly effects: PlanEffect[];
}

const USAGE = `usage: cdk8s-kubevirt plan [options] BEFORE AFTER
       cdk8s-kubevirt plan [options] --base REF AFTER

Says what applying AFTER over BEFORE does on a cluster running KubeVirt v1.9 and CDI v1.66, for each
object added, removed or changed: none, live, restart, ignored, data-loss or rejected.
BEFORE and AFTER are YAML files or folders (their *.yaml and *.yml files). With --base REF,
BEFORE is the YAML committed at the git ref REF under the same paths as AFTER.

options:
      --base REF           read BEFORE from git at REF (e.g. origin/main)
      --format FORMAT      text (default), markdown (for a pull-request comment) or json
      --fail-on CLASS      exit 1 when any change is CLASS or worse
                           (none < live < restart < ignored < data-loss < rejected)
${COMMON_USAGE}

${exitCodesUsage('a change reached --fail-on')}
`;

const SPEC: CommandSpec = {
  name: 'plan',
  usage: USAGE,
  options: { 'base': { type: 'string' }, 'fail-on': { type: 'string' } },
  formats: ['text', 'markdown', 'json'],
};

const rank = (c: PlanClass): number => PLAN_CLASSES.indexOf(c);
const worst = (classes: PlanClass[]): PlanClass => classes.reduce<PlanClass>((w, c) => (rank(c) > rank(w) ? c : w), 'none');

// ---- small JSON helpers ------------------------------------------------------------------------------

function isObj(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function obj(v: unknown): Record<string, any> {
  return isObj(v) ? v : {};
}
function list(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every(k => k in b && same(a[k], b[k]));
  }
  return false;
}
function show(v: unknown): string {
  if (v === undefined) return '(unset)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
function join(p: string, key: string | number): string {
  if (typeof key === 'number') return `${p}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? (p ? `${p}.${key}` : key) : `${p}[${JSON.stringify(key)}]`;
}
function byName(items: unknown, key: (x: any) => unknown = x => obj(x).name): Map<string, any> {
  const m = new Map<string, any>();
  for (const item of list(items)) {
    const n = key(item);
    if (typeof n === 'string') m.set(n, item);
  }
  return m;
}

/** Leaf-level differences between two JSON values: `[path, before, after]`; lists compare whole. */
function leafDiffs(b: unknown, a: unknown, p: string, out: Array<[string, unknown, unknown]> = []): Array<[string, unknown, unknown]> {
  if (same(b, a)) return out;
  if (isObj(b) && isObj(a)) {
    for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])]) leafDiffs(b[k], a[k], join(p, k), out);
    return out;
  }
  out.push([p, b, a]);
  return out;
}

// ---- reading both sides --------------------------------------------------------------------------------

interface Side {
  readonly objects: SourceObject[];
  readonly errors: string[];
}

function readPaths(paths: string[], recursive: boolean, io: CliIo): Side {
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  readSources(paths, { recursive }, io, { object: o => objects.push(o), error: m => errors.push(m) });
  return { objects, errors };
}

/** The YAML files under `paths` as committed at `ref`. */
function readGit(ref: string, paths: string[]): Side {
  const objects: SourceObject[] = [];
  const errors: string[] = [];
  const git = (args: string[], cwd: string): string => execFileSync('git', args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  for (const p of paths) {
    const abs = path.resolve(p);
    const dir = fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
    let top: string;
    try {
      top = git(['rev-parse', '--show-toplevel'], dir).trim();
      git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top);
    } catch (e: any) {
      errors.push(`--base ${ref}: ${String(e.stderr || e.message).trim().split('\n')[0] || 'not a git commit'} (for ${p})`);
      continue;
    }
    const rel = path.relative(fs.realpathSync(top), fs.existsSync(abs) ? fs.realpathSync(abs) : abs).split(path.sep).join('/');
    const listed = git(['ls-tree', '-r', '--name-only', '-z', ref, '--', rel || '.'], top).split('\0').filter(f => /\.ya?ml$/.test(f)).sort();
    for (const file of listed) {
      const text = git(['show', `${ref}:${file}`], top);
      const source = parseSource(`${ref}:${file}`, text);
      objects.push(...source.objects);
      errors.push(...source.errors);
    }
  }
  return { objects, errors };
}

// ---- identity ------------------------------------------------------------------------------------------

interface Obj {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly value: any;
}

function identify(objects: SourceObject[]): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const o of objects) {
    const v = o.value;
    if (!isObj(v) || typeof v.kind !== 'string' || typeof v.apiVersion !== 'string') continue;
    const meta = obj(v.metadata);
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
    const group = v.apiVersion.includes('/') ? v.apiVersion.split('/')[0] : '';
    m.set(`${group}|${v.kind}|${namespace}|${name}`, { kind: v.kind, namespace, name, value: v });
  }
  return m;
}

// ---- classification ------------------------------------------------------------------------------------

const LIVE_UPDATE = 'the KubeVirt CR\'s vmRolloutStrategy is LiveUpdate (the default since v1.6; pkg/virt-config/virt-config.go IsVMRolloutStrategyLiveUpdate)';
const MIGRATION = 'the VM is live-migratable and gets migrated: the KubeVirt CR lists LiveMigrate in workloadUpdateStrategy.workloadUpdateMethods, or someone runs virtctl migrate (workload-updater.go getUpdateData)';
const NO_RESTART_PENDING = 'no other change to this VM needs a restart (a pending RestartRequired holds back CPU, memory, affinity and toleration updates: vm.go sync)';

function vmSourceRefs(spec: any): string[] {
  return list(obj(spec).dataVolumeTemplates).map(t => obj(obj(t).metadata).name).filter((n): n is string => typeof n === 'string');
}

/** Classifies the change of a VirtualMachine spec (`bs` → `as`); `at` is the VM spec's path. */
function classifyVmSpec(bs: any, as: any, at: string, effects: PlanEffect[]): void {
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

function hotpluggable(volume: any): boolean {
  const v = obj(volume);
  return obj(v.dataVolume).hotpluggable === true || obj(v.persistentVolumeClaim).hotpluggable === true;
}

function claimOf(volume: any): string | undefined {
  const v = obj(volume);
  return obj(v.dataVolume).name ?? obj(v.persistentVolumeClaim).claimName;
}

/** Volumes and disks, matched by name (LIVE-UPDATE.md "Volumes and disks"). */
function classifyVolumes(b: any, a: any, at: string, migrationStrategy: boolean, add: (e: PlanEffect) => void): void {
  const bDev = obj(obj(b.domain).devices);
  const aDev = obj(obj(a.domain).devices);
  const bVol = byName(b.volumes);
  const aVol = byName(a.volumes);
  const bDisk = byName(bDev.disks);
  const aDisk = byName(aDev.disks);
  const names = [...new Set([...bVol.keys(), ...aVol.keys(), ...bDisk.keys(), ...aDisk.keys()])].sort();
  const hotplugSource = 'pkg/storage/hotplug/hotplug.go HandleDeclarativeVolumes; pkg/storage/types/volume.go IsDeclarativeHotplugVolume; vm.go validLiveUpdateVolumes, validLiveUpdateDisks';
  const hotplugConditions = [
    'the DeclarativeHotplugVolumes feature gate is on (Beta, on by default in v1.9; off when disabled or when the deprecated HotplugVolumes gate is enabled)',
    'updateVolumesStrategy is not Migration',
    'the VMI is Running',
  ];
  for (const name of names) {
    const bv = bVol.get(name);
    const av = aVol.get(name);
    const bd = bDisk.get(name);
    const ad = aDisk.get(name);
    if (same(bv, av) && same(bd, ad)) continue;
    const p = `${join(at, 'volumes')}[${name}]`;
    const dp = `${join(join(join(at, 'domain'), 'devices'), 'disks')}[${name}]`;
    const what = !bv && !bd ? 'added' : !av && !ad ? 'removed' : 'changed';
    if (hotpluggable(bv) || hotpluggable(av)) {
      const disk = obj(ad ?? bd);
      if (bd && ad && same(bd, ad) && isObj(disk.cdrom)) {
        add({ class: 'live', path: p, message: `CD-ROM ${name}: medium ${av ? (bv ? 'swapped' : 'inserted') : 'ejected'}`, source: 'hotplug.go filterHotplugVMIDisks; vm.go validLiveUpdateDisks', conditions: hotplugConditions });
        continue;
      }
      const target = isObj(disk.lun) ? 'lun' : 'disk';
      const bus = obj(disk[target]).bus ?? (target === 'lun' ? 'scsi' : 'virtio');
      const busOk = target === 'lun' ? bus === 'scsi' : bus === 'scsi' || bus === 'virtio';
      if (!busOk) {
        add({ class: 'restart', path: dp, message: `hotpluggable ${target} ${name} on bus ${bus} cannot be hotplugged (scsi or virtio only; the VMI update webhook refuses it)`, source: 'pkg/storage/admitters/storagehotplug.go ValidateHotplugDiskConfiguration' });
      } else if (migrationStrategy) {
        add({ class: 'restart', path: p, message: `hotpluggable volume ${name} ${what}: declarative hotplug is skipped while updateVolumesStrategy is Migration`, source: hotplugSource });
      } else {
        add({ class: 'live', path: p, message: `hotpluggable volume ${name} ${what}: hotplugged into the running VM`, source: hotplugSource, conditions: hotplugConditions });
      }
      continue;
    }
    if (bv && av && same(bd, ad) && claimOf(bv) !== claimOf(av) && migrationStrategy) {
      const rest = (v: any): any => ({ ...obj(v), dataVolume: undefined, persistentVolumeClaim: undefined });
      if (same(rest(bv), rest(av))) {
        add({
          class: 'live',
          path: p,
          message: `volume ${name}: ${claimOf(bv)} → ${claimOf(av)}: storage migration`,
          source: 'vm.go handleVolumeUpdateRequest; pkg/virt-controller/watch/volume-migration',
          conditions: [LIVE_UPDATE, MIGRATION, `the destination ${claimOf(av)} exists`, NO_RESTART_PENDING],
        });
        continue;
      }
    }
    add({ class: 'restart', path: bv || av ? p : dp, message: `${bd || ad ? 'disk and ' : ''}volume ${name} ${what} (not hotpluggable): RestartRequired until the VM restarts`, source: 'vm.go validLiveUpdateVolumes, validLiveUpdateDisks, syncRestartRequired' });
  }
  delete b.volumes;
  delete a.volumes;
  delete bDev.disks;
  delete aDev.disks;
}

function bindingOf(iface: any): string {
  const i = obj(iface);
  for (const k of ['bridge', 'masquerade', 'sriov', 'passt', 'slirp', 'macvtap', 'binding']) if (i[k] !== undefined) return k;
  return 'default';
}

/** Interfaces and networks, matched by name (LIVE-UPDATE.md "Network interfaces"). */
function classifyInterfaces(b: any, a: any, at: string, add: (e: PlanEffect) => void): void {
  const bDev = obj(obj(b.domain).devices);
  const aDev = obj(obj(a.domain).devices);
  const bIf = byName(bDev.interfaces);
  const aIf = byName(aDev.interfaces);
  const bNet = byName(b.networks);
  const aNet = byName(a.networks);
  const names = [...new Set([...bIf.keys(), ...aIf.keys(), ...bNet.keys(), ...aNet.keys()])].sort();
  for (const name of names) {
    const bi = bIf.get(name);
    const ai = aIf.get(name);
    const bn = bNet.get(name);
    const an = aNet.get(name);
    if (same(bi, ai) && same(bn, an)) continue;
    const p = `${join(join(join(at, 'domain'), 'devices'), 'interfaces')}[${name}]`;
    const binding = bindingOf(ai ?? bi);
    if (!bi && !bn && ai && an) {
      if (isObj(obj(an).multus) && (binding === 'bridge' || binding === 'sriov')) {
        add({
          class: 'live',
          path: p,
          message: `interface ${name} (${binding}) added: NIC hotplug`,
          source: 'pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI; pkg/network/migration/evaluator.go shouldMigrateOnIfaceHotplug',
          conditions: [binding === 'sriov' ? `an SR-IOV NIC needs a live migration: ${MIGRATION}` : 'the NIC is attached in place within the dynamic-networks grace period, or the VM is migrated'],
        });
      } else if (isObj(obj(an).pod)) {
        add({ class: 'restart', path: p, message: `interface ${name} on the pod network added: RestartRequired until the VM restarts`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired' });
      } else {
        add({ class: 'ignored', path: p, message: `interface ${name} (${binding}) added: not hotplugged, and no RestartRequired is shown; it appears at the next restart`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired; pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI' });
      }
      continue;
    }
    if (bi && ai && same(bn, an)) {
      const { state: bState, ...bRest } = obj(bi);
      const { state: aState, ...aRest } = obj(ai);
      if (same(bRest, aRest) && bState !== aState) {
        const source = 'pkg/network/admitter/admit.go validateInterfaceStateValue; pkg/network/controllers/vm.go applyDynamicIfaceRequestOnVMI';
        if (aState === 'absent') {
          if (binding === 'bridge' && !isObj(obj(an).pod)) {
            add({ class: 'live', path: p, message: `interface ${name} unplugged; KubeVirt then removes it and its network from the stored VM spec, so Git and the cluster differ until Git drops them too`, source: `${source}; pkg/network/controllers/vm.go clearDetachedIfacesFromVM` });
          } else {
            add({ class: 'rejected', path: p, message: `state absent on interface ${name}: the webhook allows it only for bridge binding off the pod network`, source });
          }
        } else if (binding === 'sriov') {
          add({ class: 'rejected', path: p, message: `state ${show(aState)} on SR-IOV interface ${name}: the webhook rejects link state for SR-IOV`, source });
        } else {
          add({ class: 'live', path: p, message: `interface ${name} link ${show(bState)} → ${show(aState)}`, source });
        }
        continue;
      }
    }
    if (bi && ai && same(bi, ai) && bn && an) {
      const bName = obj(obj(bn).multus).networkName;
      const aName = obj(obj(an).multus).networkName;
      const withoutNad = (n: any): any => ({ ...obj(n), multus: { ...obj(obj(n).multus), networkName: undefined } });
      if (bName !== aName && same(withoutNad(bn), withoutNad(an))) {
        add({
          class: 'live',
          path: `${join(at, 'networks')}[${name}]`,
          message: `network ${name}: ${bName} → ${aName} (NetworkAttachmentDefinition swap)`,
          source: 'pkg/network/controllers/vm.go syncNetworks; pkg/network/migration/evaluator.go isNADNameEqual',
          conditions: [MIGRATION],
        });
        continue;
      }
    }
    const what = !ai && !an ? 'removed' : 'changed';
    add({ class: 'restart', path: bi || ai ? p : `${join(at, 'networks')}[${name}]`, message: `interface ${name} ${what}: RestartRequired until the VM restarts`, source: 'pkg/network/vmliveupdate/restart.go IsRestartRequired; vm.go syncRestartRequired' });
  }
  delete bDev.interfaces;
  delete aDev.interfaces;
  delete b.networks;
  delete a.networks;
}

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

// ---- output --------------------------------------------------------------------------------------------

function counts(changes: PlanChange[]): string {
  const parts = [...PLAN_CLASSES].reverse().map(c => [c, changes.filter(x => x.class === c).length] as const).filter(([, n]) => n > 0);
  return parts.map(([c, n]) => `${n} ${c}`).join(', ');
}

function who(c: PlanChange): string {
  return `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
}

function renderText(changes: PlanChange[]): string {
  if (changes.length === 0) return 'plan: no changes\n';
  let s = `plan: ${changes.length} change${changes.length === 1 ? '' : 's'} (${counts(changes)})\n`;
  for (const c of changes) {
    s += `\n${who(c)}: ${c.change}, ${c.class}\n`;
    for (const e of c.effects) {
      s += `  ${e.class.padEnd(9)} ${e.path === '(object)' ? '' : `${e.path}: `}${e.message}\n`;
      for (const cond of e.conditions ?? []) s += `            if ${cond}\n`;
      if (e.source !== '-') s += `            source: ${e.source}\n`;
    }
  }
  return s;
}

function md(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function renderMarkdown(changes: PlanChange[]): string {
  let s = '### cdk8s-kubevirt plan\n\n';
  if (changes.length === 0) return `${s}No changes to KubeVirt objects.\n`;
  s += `${changes.length} change${changes.length === 1 ? '' : 's'}: ${counts(changes)}. Classes, mildest first: none, live, restart, ignored, data-loss, rejected.\n\n`;
  s += '| object | change | class |\n|---|---|---|\n';
  for (const c of changes) s += `| ${md(who(c))} | ${c.change} | **${c.class}** |\n`;
  for (const c of changes) {
    s += `\n<details${rank(c.class) >= rank('ignored') ? ' open' : ''}><summary><b>${md(who(c))}</b>: ${c.change}, ${c.class}</summary>\n\n`;
    for (const e of c.effects) {
      s += `- **${e.class}** ${e.path === '(object)' ? '' : `\`${e.path}\`: `}${md(e.message)}\n`;
      for (const cond of e.conditions ?? []) s += `  - if ${md(cond)}\n`;
      if (e.source !== '-') s += `  - source: ${md(e.source)}\n`;
    }
    s += '\n</details>\n';
  }
  return s;
}

/** Runs `plan`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand(SPEC, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, format, recursive } = parsed;
  // parseCommand reads standard input when no PATH is given; plan needs its two sides named.
  const paths = args.some(a => a === '-') ? parsed.paths : parsed.paths.filter(p => p !== '-');
  const failOn = values['fail-on'] as string | undefined;
  if (failOn !== undefined && !(PLAN_CLASSES as readonly string[]).includes(failOn)) {
    io.stderr(`cdk8s-kubevirt plan: --fail-on must be one of ${PLAN_CLASSES.join(', ')}, got ${JSON.stringify(failOn)}\n`);
    return EXIT_USAGE;
  }
  const base = values.base as string | undefined;
  const wanted = base === undefined ? 2 : 1;
  if (paths.length !== wanted) {
    io.stderr(`cdk8s-kubevirt plan: ${base === undefined ? 'give BEFORE and AFTER' : 'with --base, give AFTER only'}, got ${paths.length} path(s)\n${USAGE}`);
    return EXIT_USAGE;
  }
  const before = base === undefined ? readPaths([paths[0]], recursive, io) : readGit(base, [paths[0]]);
  const after = readPaths([paths[paths.length - 1]], recursive, io);
  const errors = [...before.errors, ...after.errors];
  if (errors.length > 0) {
    for (const e of errors) io.stderr(`cdk8s-kubevirt plan: ${e}\n`);
    return 2;
  }
  const changes = planChanges(before.objects, after.objects);
  if (format === 'json') io.stdout(`${JSON.stringify({ classes: PLAN_CLASSES, summary: Object.fromEntries(PLAN_CLASSES.map(c => [c, changes.filter(x => x.class === c).length])), changes }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(renderMarkdown(changes));
  else io.stdout(renderText(changes));
  if (failOn !== undefined && changes.some(c => rank(c.class) >= rank(failOn as PlanClass))) {
    io.stderr(`cdk8s-kubevirt plan: ${changes.filter(c => rank(c.class) >= rank(failOn as PlanClass)).length} change(s) at or above ${failOn}\n`);
    return 1;
  }
  return 0;
}
