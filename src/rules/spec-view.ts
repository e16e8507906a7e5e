/**
 * Views of a VMI spec that many rules read: the disks, interfaces, networks and volumes as objects with
 * their paths, the volumes and networks by name, the cloud-init sources. Each is computed on first use
 * and kept in the spec context's `memo`, so the rules of one `checkManifest` call share it instead of
 * each walking the spec again (see `vmiSpecs` in types.ts: a context is made fresh per call).
 *
 * Every view gives exactly what the rules computed inline before: `obj(item)` for each item of
 * `list(...)`, in order, with the same paths; maps keep the first item of a name.
 */
import { devices, isSet, list, obj, SpecContext, violation, Violation } from './types';

/** The items of one list in a VMI spec. */
export interface Items {
  /** The list as found (`list(...)`): the raw items. */
  readonly raw: readonly any[];
  /** `obj(item)` for each item. */
  readonly objs: readonly any[];
  /**
   * The path of each item, e.g. `spec.template.spec.domain.devices.disks[0]`. Built on first read:
   * rules read paths only to report a violation.
   */
  readonly paths: readonly string[];
  /**
   * True when the list has holes (a sparse array). `forEach` skips them and `for…of` does not, so a
   * rule that walked the list with `forEach` skips an index `i` with `!(i in raw)`.
   */
  readonly holes: boolean;
}

class ItemList implements Items {
  private pathList: string[] | undefined;

  constructor(readonly raw: readonly any[], readonly objs: readonly any[], readonly holes: boolean,
    private readonly specPath: string, private readonly listPath: string) {}

  get paths(): readonly string[] {
    if (this.pathList === undefined) {
      const base = `${this.specPath}${this.listPath}`;
      const paths: string[] = new Array(this.raw.length);
      for (let i = 0; i < paths.length; i++) paths[i] = `${base}[${i}]`;
      this.pathList = paths;
    }
    return this.pathList;
  }
}

/** True when a rule that walked `items` with `forEach` would skip index `i` (a hole). */
export function isHole(items: Items, i: number): boolean {
  return items.holes && !(i in items.raw);
}

/**
 * Calls `fn` with each item of `items` as an object and its index, skipping holes as `forEach` does
 * (the item's path is `items.paths[index]`).
 */
export function forEachItem(items: Items, fn: (item: any, index: number) => void): void {
  for (let i = 0; i < items.objs.length; i++) if (!isHole(items, i)) fn(items.objs[i], i);
}

/**
 * Lists up to this long are searched by a scan of the earlier items instead of a Set: a VMI has a few
 * disks, volumes, interfaces and networks, and a Set per rule and call costs more than the scan.
 */
export const SCAN_MAX = 16;

/** SameValueZero, the equality of `Set.has`. */
export function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (a !== a && b !== b); // eslint-disable-line no-self-compare
}

/**
 * True when an item before `i` (holes skipped) has the name `name`: what `seen.has(name)` gave a rule
 * that added every name to `seen` as it walked the list with `forEach`.
 */
export function nameBefore(items: Items, i: number, name: unknown): boolean {
  for (let j = 0; j < i; j++) if (!isHole(items, j) && sameValueZero(items.objs[j].name, name)) return true;
  return false;
}

/**
 * The `<ruleId>` violations of a list whose items must have unique names (`noun`: what an item is, e.g.
 * `disk`): one for each item (holes skipped) whose name an earlier item has, at `<item path>.name`.
 */
export function repeatedNames(items: Items, ruleId: string, noun: string): Violation[] {
  const seen = items.objs.length > SCAN_MAX ? new Set<unknown>() : undefined;
  const out: Violation[] = [];
  for (let i = 0; i < items.objs.length; i++) {
    if (isHole(items, i)) continue;
    const name = items.objs[i].name;
    if (seen !== undefined ? seen.has(name) : nameBefore(items, i, name)) {
      out.push(violation(ruleId, `${items.paths[i]}.name`, `must be unique among ${noun}s`, name, `a name no other ${noun} uses`));
    }
    seen?.add(name);
  }
  return out;
}

/**
 * True when any item of the list (a hole counts as an item without a name) has the name `name`: what
 * `new Set(raw.map(x => obj(x).name)).has(name)` gave.
 */
export function hasName(items: Items, name: unknown): boolean {
  for (let j = 0; j < items.objs.length; j++) if (sameValueZero(items.objs[j].name, name)) return true;
  return false;
}

function itemsOf(value: unknown, specPath: string, listPath: string): Items {
  const raw = list(value);
  const objs: any[] = new Array(raw.length);
  let holes = false;
  for (let i = 0; i < raw.length; i++) {
    objs[i] = obj(raw[i]);
    if (!(i in raw)) holes = true;
  }
  return new ItemList(raw, objs, holes, specPath, listPath);
}

// Each accessor reads its slot first, so that a cached view costs one property read (no closure).

/** `domain.devices.disks`. */
export function diskItems(ctx: SpecContext): Items {
  return (ctx.memo.disks as Items | undefined) ?? (ctx.memo.disks = itemsOf(devices(ctx.spec).disks, ctx.path, '.domain.devices.disks')) as Items;
}

/** `domain.devices.interfaces`. */
export function interfaceItems(ctx: SpecContext): Items {
  return (ctx.memo.interfaces as Items | undefined) ?? (ctx.memo.interfaces = itemsOf(devices(ctx.spec).interfaces, ctx.path, '.domain.devices.interfaces')) as Items;
}

/** `networks`. */
export function networkItems(ctx: SpecContext): Items {
  return (ctx.memo.networks as Items | undefined) ?? (ctx.memo.networks = itemsOf(ctx.spec.networks, ctx.path, '.networks')) as Items;
}

/** `volumes`. */
export function volumeItems(ctx: SpecContext): Items {
  return (ctx.memo.volumes as Items | undefined) ?? (ctx.memo.volumes = itemsOf(ctx.spec.volumes, ctx.path, '.volumes')) as Items;
}

function firstByName(objs: readonly any[]): Map<unknown, any> {
  const map = new Map<unknown, any>();
  for (const o of objs) if (!map.has(o.name)) map.set(o.name, o);
  return map;
}

/** Volume name → volume object (the first of a name). */
export function volumesByName(ctx: SpecContext): Map<unknown, any> {
  const m = ctx.memo;
  return (m.volumesByName as Map<unknown, any> | undefined) ?? (m.volumesByName = firstByName(volumeItems(ctx).objs)) as Map<unknown, any>;
}

/** Network name → network object (the first of a name). */
export function networksByName(ctx: SpecContext): Map<unknown, any> {
  const m = ctx.memo;
  return (m.networksByName as Map<unknown, any> | undefined) ?? (m.networksByName = firstByName(networkItems(ctx).objs)) as Map<unknown, any>;
}

/** The network of each interface (by name), or undefined. */
export function interfaceNetworks(ctx: SpecContext): readonly any[] {
  let nets = ctx.memo.interfaceNetworks as any[] | undefined;
  if (nets === undefined) {
    const byName = networksByName(ctx);
    ctx.memo.interfaceNetworks = nets = interfaceItems(ctx).objs.map(iface => byName.get(iface.name));
  }
  return nets;
}

/** One cloud-init source of a volume. */
export interface CloudInit {
  /** `obj(volume[kind])`. */
  readonly ci: any;
  /** Its path, e.g. `spec.template.spec.volumes[2].cloudInitNoCloud`. */
  readonly path: string;
  readonly kind: string;
  /** The volume object. */
  readonly volume: any;
  /** The volume's index. */
  readonly index: number;
}

class CloudInitSource implements CloudInit {
  constructor(readonly ci: any, readonly kind: string, readonly volume: any, readonly index: number, private readonly volumes: Items) {}

  /** Built on read: rules read it only to report a violation. */
  get path(): string {
    return `${this.volumes.paths[this.index]}.${this.kind}`;
  }
}

const CLOUD_INIT_KINDS = ['cloudInitNoCloud', 'cloudInitConfigDrive'] as const;

/** Every cloud-init source in the volumes, in the order of the volumes (holes skipped), NoCloud before ConfigDrive. */
export function cloudInits(ctx: SpecContext): readonly CloudInit[] {
  let out = ctx.memo.cloudInits as CloudInit[] | undefined;
  if (out === undefined) {
    ctx.memo.cloudInits = out = [];
    const v = volumeItems(ctx);
    for (let i = 0; i < v.objs.length; i++) {
      if (isHole(v, i)) continue; // the rules walked the volumes with forEach
      const vol = v.objs[i];
      for (const kind of CLOUD_INIT_KINDS) {
        if (isSet(vol[kind])) out.push(new CloudInitSource(obj(vol[kind]), kind, vol, i, v));
      }
    }
  }
  return out;
}
