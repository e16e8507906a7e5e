/**
 * What KubeVirt stores for an object we emit: a simulation of its mutating webhook writing `spec` and
 * `metadata` back through the Go types, so that a synthesizer can emit exactly what will be stored and
 * GitOps tools see no permanent drift.
 *
 * Which kinds: KubeVirt's `virtualmachines-mutator.kubevirt.io` decodes every VirtualMachine into
 * `kubevirt.io/api/core/v1.VirtualMachine` on CREATE and UPDATE and replaces `/spec` and `/metadata` with
 * the Go encoding (kubevirt v1.9.0 `pkg/virt-api/webhooks/mutating-webhook/mutators/vm-mutator.go`
 * `VMsMutator.Mutate`). Status is not touched. Pools, instancetypes, preferences, snapshots, restores,
 * exports, DataSources and DataImportCrons have no mutating webhook; CDI's DataVolume webhook only adds an
 * annotation (`pkg/apiserver/webhooks/handler.go` `toPatchResponse` in CDI). A VirtualMachineClone's spec
 * is re-encoded only on CREATE without a target name (`clone-create-mutator.go`); the library always names
 * the target, so clones are left out here. (Facts: `../shared/kubevirt/gotypes/README.md`.)
 *
 * What Go's `encoding/json` does on that round trip, and so what this simulates:
 * - an `omitempty` field holding its zero value (`0`, `false`, `""`, an empty or null list or map, a null
 *   pointer) is left out;
 * - a struct is never empty: a non-pointer struct field is always written, and a pointer to an empty
 *   struct is written as `{}`;
 * - a field without `omitempty` that the input lacks is written with its zero value (this adds keys; it
 *   changes nothing the input set, so `roundTripDifferences` does not report it);
 * - keys that the Go type does not have are dropped (the API server prunes them first, or, inside the
 *   subtrees that keep unknown fields, the webhook drops them); inside those subtrees a mis-cased key is
 *   read case-insensitively and written under its canonical name;
 * - a `resource.Quantity` is written in canonical form (./quantity.ts);
 * - DNS nameservers and DHCP NTP servers that parse as IPs are written as Go's `ip.String()`, and
 *   `pod.vmNetworkCIDR` as `<ip>/<prefix>` (`staging/src/kubevirt.io/api/core/v1/sanitizers.go`).
 *
 * Not simulated: values the webhook sets on purpose (firmware UUID and serial, architecture, machine
 * type, instancetype inference): those are additions the server owns, not changes to what we emit.
 */
import { GoField, REENCODED } from './gotypes.generated';
import { canonicalQuantity } from './quantity';

export interface KindTypes {
  readonly fields: Readonly<Record<string, GoField>>;
  /** Child JSON names of each struct path (`''` is the root). */
  readonly children: Map<string, string[]>;
  /** The children of each struct path, by name, with their full paths (built once: no path is concatenated per value). */
  readonly structs: Map<string, StructInfo>;
  /** The element (`[]`) entry of each slice path and the value (`{}`) entry of each map path, by that path. */
  readonly listElems: Map<string, Child>;
  readonly mapElems: Map<string, Child>;
  /** What Go writes for each absent field, built once (shared: only for callers that never mutate it). */
  readonly absents: Map<string, Encoded>;
}

export interface Child {
  readonly name: string;
  readonly path: string;
  readonly f: GoField;
}

export interface StructInfo {
  readonly names: string[];
  readonly byName: Map<string, Child>;
  /** The children Go writes when the input lacks them. */
  readonly withAbsent: Child[];
}

const KIND_CACHE = new Map<string, KindTypes>();

export function typesOf(kind: string): KindTypes | undefined {
  const fields = REENCODED[kind];
  if (!fields) return undefined;
  let t = KIND_CACHE.get(kind);
  if (!t) {
    const children = new Map<string, string[]>();
    const structs = new Map<string, StructInfo>();
    const listElems = new Map<string, Child>();
    const mapElems = new Map<string, Child>();
    for (const p of Object.keys(fields)) {
      if (p.endsWith('[]') || p.endsWith('{}')) {
        (p.endsWith('[]') ? listElems : mapElems).set(p.slice(0, -2), { name: p.slice(-2), path: p, f: fields[p] });
        continue;
      }
      const dot = p.lastIndexOf('.');
      const parent = dot === -1 ? '' : p.slice(0, dot);
      const name = dot === -1 ? p : p.slice(dot + 1);
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent)!.push(name);
      let info = structs.get(parent);
      if (!info) {
        info = { names: children.get(parent)!, byName: new Map(), withAbsent: [] };
        structs.set(parent, info);
      }
      const child = { name, path: p, f: fields[p] };
      info.byName.set(name, child);
      if (fields[p].a !== undefined) info.withAbsent.push(child);
    }
    t = { fields, children, structs, listElems, mapElems, absents: new Map() };
    KIND_CACHE.set(kind, t);
  }
  return t;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Marks "leave this key out". */
export const OMIT = Symbol('omit');
export type Encoded = unknown | typeof OMIT;

export function isZeroScalar(v: unknown, t: string | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (t === 'time') return false;
  return v === '' || v === 0 || v === false;
}

/** The zero value Go decodes a JSON null into, for a non-pointer scalar. */
export function zeroOf(t: string | undefined): unknown {
  if (t === 'string') return '';
  if (t === 'bool') return false;
  if (t === 'time') return null;
  return 0;
}

/** Go's net.IP String() for an address that netutils.ParseIPSloppy accepts (leading zeros allowed in IPv4). */
export function canonicalIp(s: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every(n => n <= 255) ? parts.join('.') : undefined;
  }
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return undefined;
  let host: string;
  try {
    host = new URL(`http://[${s}]/`).hostname;
  } catch {
    return undefined;
  }
  host = host.slice(1, -1);
  // Go prints IPv4-mapped addresses (::ffff:a.b.c.d) as plain IPv4.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = parseInt(mapped[1], 16);
    const lo = parseInt(mapped[2], 16);
    return [Math.floor(hi / 256), hi % 256, Math.floor(lo / 256), lo % 256].join('.');
  }
  return host;
}

export function rewrite(v: unknown, r: string | undefined): unknown {
  if (typeof v !== 'string' || !r) return v;
  if (r === 'ip') return canonicalIp(v) ?? v;
  // cidr: ParseCIDRSloppy accepts <ip>/<prefix>; the webhook writes <ip.String()>/<prefix>.
  const m = /^([^/]+)\/(\d{1,3})$/.exec(v);
  if (!m) return v;
  const ip = canonicalIp(m[1]);
  const max = ip?.includes(':') ? 128 : 32;
  return ip !== undefined && Number(m[2]) <= max ? `${ip}/${Number(m[2])}` : v;
}

export const NO_STRUCT: StructInfo = { names: [], byName: new Map(), withAbsent: [] };

export class Encoder {
  /** `shareAbsent`: absent fields get one shared value per path (the result must not be mutated). */
  constructor(private readonly t: KindTypes, private readonly shareAbsent = false) {}

  /** Encodes the struct at `path` from the JSON object `input` (null/non-object: the zero struct). */
  struct(input: unknown, path: string, preserveUnknown: boolean): Record<string, unknown> {
    const src = isObject(input) ? input : {};
    const info = this.t.structs.get(path) ?? NO_STRUCT;
    const out: Record<string, unknown> = {};
    // Keys in input order (Go writes declaration order; order carries no meaning).
    // Only a case-insensitive match can take a name twice; otherwise the keys of `src` are the names taken.
    const taken = preserveUnknown ? new Set<string>() : undefined;
    for (const key of Object.keys(src)) {
      let child = info.byName.get(key);
      if (child === undefined && preserveUnknown) {
        const name = info.names.find(n => n.toLowerCase() === key.toLowerCase());
        child = name === undefined ? undefined : info.byName.get(name);
      }
      if (child === undefined) continue;
      if (taken) {
        if (taken.has(child.name)) continue;
        taken.add(child.name);
      }
      const f = child.f;
      const e = this.field(src[key], child.path, f, preserveUnknown || f.u === true);
      if (e !== OMIT) out[child.name] = e;
    }
    for (const child of info.withAbsent) {
      if (taken ? taken.has(child.name) : Object.prototype.hasOwnProperty.call(src, child.name)) continue;
      const absent = this.absent(child.path, child.f);
      if (absent !== OMIT) out[child.name] = absent;
    }
    return out;
  }

  /** What Go writes for a field the input lacks. */
  private absent(path: string, f: GoField): Encoded {
    if (f.a === undefined) return OMIT;
    if (this.shareAbsent) {
      let a = this.t.absents.get(path);
      if (a === undefined) {
        a = f.a === '{}' ? new Encoder(this.t).struct({}, path, f.u === true) : JSON.parse(f.a);
        this.t.absents.set(path, a);
      }
      return a;
    }
    if (f.a === '{}') return this.struct({}, path, f.u === true);
    return JSON.parse(f.a);
  }

  /** Encodes one value of the field at `path`. */
  field(v: unknown, path: string, f: GoField, preserveUnknown: boolean): Encoded {
    switch (f.k) {
      case 'struct':
        return this.struct(v, path, preserveUnknown);
      case 'pointer-to-struct':
        if (v === null) return f.o ? OMIT : null;
        return this.struct(v, path, preserveUnknown);
      case 'scalar': {
        const value = v === null ? zeroOf(f.t) : v;
        if ((f.o || f.z) && isZeroScalar(value, f.t)) return OMIT;
        return rewrite(value, f.r);
      }
      case 'pointer-to-scalar':
        if (v === null) return f.o ? OMIT : null;
        return rewrite(v, f.r);
      case 'slice': {
        if (v === null || (Array.isArray(v) && v.length === 0)) return f.o ? OMIT : v;
        if (!Array.isArray(v)) return v;
        const el = this.t.listElems.get(path);
        return el ? v.map(item => {
          const e = this.field(item, el.path, el.f, preserveUnknown);
          return e === OMIT ? null : e;
        }) : v;
      }
      case 'map': {
        if (v === null || (isObject(v) && Object.keys(v).length === 0)) return f.o ? OMIT : v;
        if (!isObject(v)) return v;
        const el = this.t.mapElems.get(path);
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(v).sort()) {
          const e = el ? this.field(v[key], el.path, el.f, preserveUnknown) : v[key];
          out[key] = e === OMIT ? null : e;
        }
        return out;
      }
      case 'quantity': {
        if (v === null) return f.p ? (f.o ? OMIT : null) : '0';
        return canonicalQuantity(v) ?? v;
      }
      default:
        // duration, intorstring, raw: written as given.
        return v;
    }
  }
}

/**
 * The object KubeVirt stores for `manifest`: for a VirtualMachine, `spec` and `metadata` re-encoded
 * through the Go types; any other kind, and anything that is not an object, is returned as given.
 * Never mutates its input.
 */
export function simulateStorage(manifest: unknown): unknown {
  return encode(manifest, false);
}

export function encode(manifest: unknown, shareAbsent: boolean): unknown {
  if (!isObject(manifest) || typeof manifest.kind !== 'string') return manifest;
  const t = typesOf(manifest.kind);
  if (!t) return manifest;
  const enc = new Encoder(t, shareAbsent);
  const out: Record<string, unknown> = { ...manifest };
  out.metadata = enc.field(manifest.metadata ?? null, 'metadata', t.fields.metadata, false);
  if ('spec' in manifest) {
    const spec = enc.field(manifest.spec, 'spec', t.fields.spec, false);
    if (spec === OMIT) delete out.spec;
    else out.spec = spec;
  }
  return out;
}

