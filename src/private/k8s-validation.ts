
/**
 * What the Kubernetes API server (and CDI's webhook) validates for the objects this library emits,
 * beyond the CRD schemas and KubeVirt's admission rules (src/rules/): object names and namespaces,
 * labels, annotations, node selectors, storage class names, Service ports, cron schedules and time
 * zones, image references, import URLs; and the app-wide checks that only fail at run time: MAC
 * addresses unique and unicast, `#cloud-config` that parses, device names that are resource names,
 * exec probes with a command.
 *
 * Two ways in, one implementation:
 * - `kubernetesViolations(manifests)` checks a list of final manifests: one walk per manifest plus
 *   the cross-object checks. It is pure and total, like src/rules: it never throws and never mutates.
 * - the `…Violations(value, property)` functions check one value; constructs call
 *   `failOnViolations(who, violations)` to throw the first as a `KubevirtError`.
 *
 * The rule ids are listed in src/rules/kubernetes.ts and src/rules/README.md. The checks of one value
 * live by family in k8s-name-checks.ts, k8s-metadata-checks.ts, k8s-field-checks.ts and mac-port.ts;
 * this file holds the walk and re-exports them, so that the rest of src/ imports from one place.
 */
import {
  cloudConfigFinding, cloudConfigViolation, cronScheduleViolations, dataVolumeSourceViolations, deviceNameViolations, execCommandViolations,
  imageReferenceViolations, macAddressViolations, servicePortsViolations, timeZoneViolations,
} from './k8s-field-checks';
import {
  affinityViolations, annotationsViolations, labelSelectorViolations, labelsViolations, nodeSelectorViolations, storageClassNameViolations,
} from './k8s-metadata-checks';
import { MAX_DATA_IMPORT_CRON_NAME, namespaceViolations, objectNameViolations, poolNameViolations } from './k8s-name-checks';
import { childPath, isObj, KubernetesCheckOptions, KubernetesViolation, v } from './k8s-violations';
import { macKey } from './mac-port';
import { DNS1123_SUBDOMAIN_ALLOWED } from './names';
import { Violation } from '../rules/types';

// Each family of checks has its own file; this module is the one way in for the rest of src/.
export * from './k8s-field-checks';
export * from './k8s-metadata-checks';
export * from './k8s-name-checks';
export { childPath, failOnViolations } from './k8s-violations';
export type { KubernetesCheckOptions, KubernetesViolation } from './k8s-violations';
export * from './mac-port';

// ---------------------------------------------------------------------------------------------
// The walk over a manifest.

const MAX_DEPTH = 100;

interface MacUse {
  readonly key: string;
  readonly mac: string;
  readonly kind: string;
  readonly name: string;
  readonly index: number;
  readonly path: string;
  /** How many VMs carry it: a pool's replicas all get the template's MAC. */
  readonly copies: number;
}

/**
 * The walk over one manifest. The secret scan may make it along its own walk (secret-text.ts
 * `Companion`: the methods below), so that the manifest is walked once for both; it then sees the same
 * nodes in the same order as `walk` does.
 */
export class ManifestWalk {
  public readonly out: Violation[];
  public readonly macs: Array<{ mac: string; path: string }> = [];
  /**
   * The objects on the path being walked, outermost first: a cycle (never in JSON, possible from
   * JavaScript) stops there. The walk is at most MAX_DEPTH deep, so a list is cheaper than a set.
   * Kept by `walk` only (on its own, and under `other`), not along the scan (see `object`).
   */
  public readonly ancestors: object[] = [];
  /**
   * The keys and indexes from the manifest to the node being walked. Its path text is built only when
   * a check needs it (building one for every node of every manifest was most of the walk's cost).
   */
  public readonly segs: Array<string | number> = [];
  /**
   * `texts[i]`: the path text of `built[0..i]`, for i below `valid`. It serves `segs[0..i]` while
   * `built[0..i]` equals it: a step is then pushed and popped with no other work.
   */
  public readonly texts: string[] = [];
  public readonly built: Array<string | number> = [];
  public valid = 0;

  constructor(
    public readonly manifest: Record<string, any>, public readonly index: number, public readonly kind: string, options: KubernetesCheckOptions,
  ) {
    this.out = kindViolations(manifest, kind, options);
  }

  /**
   * `walk` at an object, before its children: true when they are walked. The walk it goes along keeps
   * no list of ancestors: that walk has no stop at a cycle (it would overflow the stack, whatever this
   * one does), so a cycle never reaches a check through it.
   */
  public object(o: Record<string, any>, key: string, depth: number): boolean {
    return depth <= MAX_DEPTH && enter(o, key, this);
  }

  /** `walk` at an array, before its items: true when they are walked. */
  public array(_a: unknown[], depth: number): boolean {
    return depth <= MAX_DEPTH;
  }

  /** `walk` over a value the walk that this one goes along reads otherwise. */
  public other(value: object, key: string, depth: number): void {
    walk(value, key, this, depth);
  }
}

type WalkContext = ManifestWalk;

/** The path text of the node being walked: its top-level key as is, then `[i]` and `childPath` for each step. */
function here(ctx: WalkContext): string {
  const { segs, texts, built } = ctx;
  // The texts built for the steps the path still has are kept (a text depends on its steps only).
  const n = segs.length;
  const valid = ctx.valid < n ? ctx.valid : n;
  let i = 0;
  while (i < valid && built[i] === segs[i]) i++;
  let text = i > 0 ? texts[i - 1] : '';
  for (; i < n; i++) {
    const k = segs[i];
    text = i === 0 ? k as string : typeof k === 'number' ? `${text}[${k}]` : childPath(text, k);
    texts[i] = text;
    built[i] = k;
  }
  ctx.valid = n;
  return text;
}

/** Visits every object of a manifest once, checking each by the key it sits under. */
function walk(node: unknown, key: string, ctx: WalkContext, depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object' || ctx.ancestors.includes(node)) return;
  // An exception (a getter's, from JavaScript) leaves the lists as they are: it ends the whole check.
  const { ancestors, segs } = ctx;
  ancestors.push(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i];
      if (item !== null && typeof item === 'object') {
        segs.push(i);
        walk(item, key, ctx, depth + 1);
        segs.pop();
      }
    }
  } else {
    visit(node as Record<string, any>, key, ctx, depth);
  }
  ancestors.pop();
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Checks one object by the key it sits under; true when its children are walked. */
function enter(o: Record<string, any>, key: string, ctx: WalkContext): boolean {
  if (check(o, key, ctx)) return false;
  if ('storageClassName' in o) add(ctx, storageClassNameViolations(o.storageClassName, childPath(here(ctx), 'storageClassName')));
  return true;
}

/** Checks one object by the key it sits under, then walks its children. */
function visit(o: Record<string, any>, key: string, ctx: WalkContext, depth: number): void {
  if (!enter(o, key, ctx)) return;
  const segs = ctx.segs;
  // for-in with an own-property test gives Object.keys' keys in its order, and V8 reads each value
  // through the enumeration cache instead of a lookup by name.
  for (const k in o) {
    if (k === 'status' || !hasOwn.call(o, k)) continue;
    const child = o[k];
    if (child !== null && typeof child === 'object') {
      segs.push(k);
      walk(child, k, ctx, depth + 1);
      segs.pop();
    }
  }
}

function add(ctx: WalkContext, violations: readonly Violation[]): void {
  for (let i = 0; i < violations.length; i++) ctx.out.push(violations[i]);
}

/**
 * The checks of an object by the key it sits under; true when its children are not walked. (A switch: the
 * keys are internalized strings, each case one comparison, and most keys match none.)
 */
function check(o: Record<string, any>, key: string, ctx: WalkContext): boolean {
  switch (key) {
    case 'metadata': {
      // The path is built only for labels or annotations to check (a metadata may have neither).
      const { labels, annotations } = o;
      if (isObj(labels) || isObj(annotations)) {
        const path = here(ctx);
        add(ctx, labelsViolations(labels, `${path}.labels`));
        if (isObj(annotations)) add(ctx, annotationsViolations(annotations, `${path}.annotations`));
      }
      return false;
    }
    case 'nodeSelector':
      add(ctx, nodeSelectorViolations(o, here(ctx)));
      return true;
    case 'affinity':
      add(ctx, affinityViolations(o, here(ctx)));
      return true;
    case 'selector':
      if (isObj(o.matchLabels) || Array.isArray(o.matchExpressions)) add(ctx, labelSelectorViolations(o, here(ctx)));
      return true;
    case 'source':
      add(ctx, sourceViolations(o, ctx));
      return false;
    case 'containerDisk':
      add(ctx, imageReferenceViolations(o.image, `${here(ctx)}.image`));
      return false;
    case 'cloudInitNoCloud': case 'cloudInitConfigDrive': {
      // The path is built only for a violation.
      const found = cloudConfigFinding(o.userData);
      if (found !== null) ctx.out.push(cloudConfigViolation(found, `${here(ctx)}.userData`));
      if (typeof o.userDataBase64 === 'string') {
        const decoded = cloudConfigFinding(Buffer.from(o.userDataBase64, 'base64').toString('utf8'));
        if (decoded !== null) ctx.out.push(cloudConfigViolation(decoded, `${here(ctx)}.userDataBase64`));
      }
      return false;
    }
    case 'interfaces':
      // An empty macAddress is unset (KubeVirt netiface.go validates only a non-empty one).
      if (o.macAddress !== undefined && o.macAddress !== null && o.macAddress !== '') {
        const path = here(ctx);
        add(ctx, macAddressViolations(o.macAddress, `${path}.macAddress`));
        ctx.macs.push({ mac: o.macAddress, path: `${path}.macAddress` });
      }
      return false;
    case 'gpus': case 'hostDevices':
      add(ctx, deviceNameViolations(o.deviceName, `${here(ctx)}.deviceName`));
      return false;
    case 'containers': case 'initContainers':
      add(ctx, imageReferenceViolations(o.image, `${here(ctx)}.image`));
      return false;
    case 'livenessProbe': case 'readinessProbe': case 'startupProbe':
      if (isObj(o.exec)) add(ctx, execCommandViolations(o.exec.command, `${here(ctx)}.exec.command`));
      return false;
    default:
      return false;
  }
}

/**
 * A CDI source's violations, its path built only for one. (The closure is made here: made in `check`,
 * it would have every call of `check` allocate a context for `ctx`.)
 */
function sourceViolations(o: Record<string, any>, ctx: WalkContext): Violation[] {
  return dataVolumeSourceViolations(o, () => here(ctx));
}

/** The checks that depend on the kind: names, Services, schedules, pools, clones. */
function kindViolations(m: Record<string, any>, kind: string, options: KubernetesCheckOptions): Violation[] {
  const meta = isObj(m.metadata) ? m.metadata : {};
  const spec = isObj(m.spec) ? m.spec : {};
  const out: Violation[] = [...objectNameViolations(kind, meta.name), ...namespaceViolations(kind, meta.namespace)];
  switch (kind) {
    case 'Service':
      out.push(...servicePortsViolations(spec.ports, spec.type, 'spec.ports', options));
      if (isObj(spec.selector)) out.push(...labelsViolations(spec.selector, 'spec.selector', { key: 'label-selector', value: 'label-selector' }));
      break;
    case 'CronJob':
      out.push(...cronScheduleViolations(kind, spec.schedule, 'spec.schedule'), ...timeZoneViolations(spec.timeZone, 'spec.timeZone'));
      break;
    case 'DataImportCron':
      if (spec.schedule !== undefined && spec.schedule !== '') out.push(...cronScheduleViolations(kind, spec.schedule, 'spec.schedule'));
      if (typeof spec.managedDataSource === 'string' && spec.managedDataSource.length > MAX_DATA_IMPORT_CRON_NAME) {
        out.push(v('object-name', 'spec.managedDataSource', `must be at most ${MAX_DATA_IMPORT_CRON_NAME} characters`, spec.managedDataSource, DNS1123_SUBDOMAIN_ALLOWED));
      }
      break;
    case 'VirtualMachinePool':
      out.push(...poolNameViolations(meta.name, spec.replicas));
      break;
    default:
  }
  return out;
}

/**
 * Checks a list of final manifests against what Kubernetes and CDI validate, and the app-wide rules
 * (MAC addresses unique across every machine, pool template and clone). Never throws; never mutates.
 */
export function kubernetesViolations(manifests: readonly unknown[], options: KubernetesCheckOptions = {}): KubernetesViolation[] {
  const checks = new KubernetesChecks(options);
  for (const [index, manifest] of (Array.isArray(manifests) ? manifests : []).entries()) {
    const w = checks.begin(manifest, index);
    if (w === undefined) continue;
    checks.walk(w);
    checks.end(w);
  }
  return checks.finish();
}

/**
 * `kubernetesViolations`, one manifest at a time: `begin`, then `walk` (or a walk that takes the
 * returned `ManifestWalk` along, see secret-scan.ts `scanManifest`), then `end`, for each manifest in
 * order; then `finish`.
 */
export class KubernetesChecks {
  private readonly result: KubernetesViolation[] = [];
  private readonly macs: MacUse[] = [];

  constructor(private readonly options: KubernetesCheckOptions = {}) {}

  /** The walk of the manifest at position `index` of the list, or undefined when it is not an object (nothing to check). */
  public begin(manifest: unknown, index: number): ManifestWalk | undefined {
    if (!isObj(manifest)) return undefined;
    return new ManifestWalk(manifest, index, typeof manifest.kind === 'string' ? manifest.kind : '', this.options);
  }

  /** Walks the manifest's values (except `status`), checking each object by the key it sits under. */
  public walk(ctx: ManifestWalk): void {
    const manifest = ctx.manifest;
    for (const k of Object.keys(manifest)) {
      if (k === 'status') continue;
      ctx.segs.push(k);
      walk(manifest[k], k, ctx, 1);
      ctx.segs.pop();
    }
  }

  /** The checks of the manifest that need its walk. */
  public end(ctx: ManifestWalk): void {
    const { manifest, kind, index } = ctx;
    const meta = isObj(manifest.metadata) ? manifest.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const spec = isObj(manifest.spec) ? manifest.spec : {};
    const copies = kind === 'VirtualMachinePool' && typeof spec.replicas === 'number' && spec.replicas > 1 ? spec.replicas : 1;
    const macs = this.macs;
    for (const use of ctx.macs) {
      const key = macKey(use.mac);
      if (key !== undefined) macs.push({ key, mac: use.mac, kind, name, index, path: use.path, copies });
    }
    if (kind === 'VirtualMachineClone' && isObj(spec.newMacAddresses)) {
      for (const iface of Object.keys(spec.newMacAddresses)) {
        const mac = spec.newMacAddresses[iface];
        const path = childPath('spec.newMacAddresses', iface);
        ctx.out.push(...macAddressViolations(mac, path));
        const key = macKey(mac);
        if (key !== undefined) macs.push({ key, mac, kind, name, index, path, copies: 1 });
      }
    }
    for (const violation of ctx.out) this.result.push({ ...violation, kind, name, index });
  }

  /** The violations of every manifest, then the app-wide ones. */
  public finish(): KubernetesViolation[] {
    const result = this.result;
    // App-wide: every MAC address once (KubeVirt does not check; two guests with one MAC break the L2 network).
    const first = new Map<string, MacUse>();
    for (const use of this.macs) {
      const allowed = 'a MAC address no other interface in the app uses';
      if (use.copies > 1) {
        result.push({
          ...v('mac-address-unique', use.path, `is shared by all ${use.copies} replicas of the pool`, use.mac, `${allowed}; leave macAddress unset in a pool with more than one replica`),
          kind: use.kind,
          name: use.name,
          index: use.index,
        });
      }
      const earlier = first.get(use.key);
      if (earlier) {
        result.push({
          ...v('mac-address-unique', use.path, `is already used by ${earlier.kind} ${JSON.stringify(earlier.name)} at ${earlier.path}`, use.mac, allowed),
          kind: use.kind,
          name: use.name,
          index: use.index,
        });
      } else {
        first.set(use.key, use);
      }
    }
    return result;
  }
}
