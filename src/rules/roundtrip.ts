/**
 * The round-trip check: every value of a manifest that KubeVirt would not store as emitted, because its
 * mutating webhook re-encodes VirtualMachines through the Go types (what that re-encoding does, and why:
 * ./roundtrip-encode.ts, which simulates it).
 *
 * `roundTripDifferences` walks the manifest once, encoding and comparing together: for the structs,
 * lists and maps whose values survive (nearly everything a synthesizer emits), it does not build the
 * stored copy. Wherever the stored value is needed (a value that is rewritten, a value of the wrong JSON
 * type, a subtree that keeps unknown fields, a key that names an `Object.prototype` property) it
 * encodes that subtree alone and compares it with the two-tree comparison (`diffValue`), which is what
 * `roundTripDifferencesByCopy` runs over the whole stored copy: both give the same list, in the same order.
 */
import { GoField } from './gotypes.generated';
import { canonicalQuantity } from './quantity';
import { Child, encode, Encoder, isObject, isZeroScalar, KindTypes, NO_STRUCT, OMIT, rewrite, typesOf } from './roundtrip-encode';

export { canonicalIp, simulateStorage } from './roundtrip-encode';

/** One value that does not survive the round trip. */
export interface RoundTripDifference {
  /** Dotted JSON path with indexes, e.g. `spec.template.spec.tolerations`. */
  readonly path: string;
  /** The value emitted at `path`. */
  readonly emitted: unknown;
  /** The value KubeVirt stores at `path`; undefined when the key is left out. */
  readonly stored: unknown;
  /** Why, in a few words, e.g. `omitempty drops an empty list`. */
  readonly reason: string;
}

function segment(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every(k => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

function describeDrop(v: unknown, f: GoField | undefined): string {
  if (!f) return 'not a field of the Go type: pruned by the API server or dropped by the webhook';
  if (f.z && v === null) return 'omitzero drops a zero time';
  if (v === null) return 'omitempty drops null';
  if (Array.isArray(v)) return 'omitempty drops an empty list';
  if (isObject(v)) return 'omitempty drops an empty map';
  return `omitempty drops the zero value of ${f.t ?? f.k}`;
}

function describeChange(f: GoField | undefined): string {
  if (f?.k === 'quantity') return 'resource.Quantity is stored in canonical form';
  if (f?.r === 'ip') return 'an IP address is stored as Go writes it';
  if (f?.r === 'cidr') return 'a CIDR is stored as Go writes it';
  return 'Go writes the value differently';
}

/** A JSON path built as the walk descends; formatted only when a difference is reported. */
interface PathLink {
  readonly up?: PathLink;
  readonly seg: string | number;
}

function formatLink(p: PathLink): string {
  if (p.up === undefined) return String(p.seg);
  const base = formatLink(p.up);
  return typeof p.seg === 'number' ? `${base}[${p.seg}]` : segment(base, p.seg);
}

/** The field entry and type path of `key` under the struct at `typePath` (table lookup; concatenation only for keys the tables lack). */
function childOf(t: KindTypes, typePath: string, key: string): { path: string; f: GoField | undefined } {
  const child = t.structs.get(typePath)?.byName.get(key);
  if (child) return child;
  const path = typePath ? `${typePath}.${key}` : key;
  return { path, f: t.fields[path] };
}

function elemOf(t: KindTypes, typePath: string, suffix: '[]' | '{}'): { path: string; f: GoField | undefined } {
  return (suffix === '[]' ? t.listElems : t.mapElems).get(typePath) ?? { path: `${typePath}${suffix}`, f: undefined };
}

function diff(emitted: unknown, stored: unknown, at: PathLink, typePath: string, t: KindTypes, out: RoundTripDifference[]): void {
  if (isObject(emitted) && isObject(stored)) {
    for (const key of Object.keys(emitted)) {
      const { path: childType, f } = childOf(t, typePath, key);
      const link: PathLink = { up: at, seg: key };
      if (!(key in stored)) {
        const canonical = f ? undefined : (t.children.get(typePath) ?? []).find(n => n.toLowerCase() === key.toLowerCase() && n in stored);
        out.push({
          path: formatLink(link),
          emitted: emitted[key],
          stored: undefined,
          reason: canonical ? `read case-insensitively and stored as ${canonical}` : describeDrop(emitted[key], f),
        });
        continue;
      }
      diffValue(emitted[key], stored[key], link, childType, f, t, out);
    }
    return;
  }
  if (Array.isArray(emitted) && Array.isArray(stored)) {
    const el = elemOf(t, typePath, '[]');
    for (let i = 0; i < emitted.length; i++) diffValue(emitted[i], stored[i], { up: at, seg: i }, el.path, el.f, t, out);
    return;
  }
  if (!sameJson(emitted, stored)) out.push({ path: formatLink(at), emitted, stored, reason: describeChange(t.fields[typePath]) });
}

function diffValue(
  emitted: unknown, stored: unknown, at: PathLink, typePath: string, f: GoField | undefined, t: KindTypes, out: RoundTripDifference[],
): void {
  if (f?.k === 'quantity' && emitted !== null && canonicalQuantity(emitted) === undefined) {
    out.push({ path: formatLink(at), emitted, stored: undefined, reason: 'not a valid quantity: the API server rejects the object' });
    return;
  }
  if (f?.k === 'map' && isObject(emitted) && isObject(stored)) {
    const el = elemOf(t, typePath, '{}');
    for (const key of Object.keys(emitted)) diffValue(emitted[key], stored[key], { up: at, seg: key }, el.path, el.f, t, out);
    return;
  }
  if ((isObject(emitted) && isObject(stored)) || (Array.isArray(emitted) && Array.isArray(stored))) {
    diff(emitted, stored, at, typePath, t, out);
    return;
  }
  if (!sameJson(emitted, stored)) out.push({ path: formatLink(at), emitted, stored, reason: describeChange(f) });
}

/** Keys that every object has (inherited): `key in stored` holds for them although the webhook never writes them. */
const INHERITED: object = Object.prototype;

/**
 * The single walk of `roundTripDifferences`. `field(v, …)` reports exactly what `diffValue` reports for
 * `v` against the encoding of `v` at that field (or, in `diff` over a struct, the left-out key when that
 * encoding is omitted), without building the encoding for the structs, lists and maps it descends into.
 * Only used outside subtrees that keep unknown fields (those go to `slow`).
 */
class Walk {
  /** Absent fields share one value per path: the stored values are only read (as in `roundTripDifferencesByCopy`). */
  private readonly enc: Encoder;

  constructor(private readonly t: KindTypes, private readonly out: RoundTripDifference[]) {
    this.enc = new Encoder(t, true);
  }

  /**
   * `v` at key or index `seg` under `up`, of the field at `path`. `omitAsNull`: in a list or map an
   * omitted value is stored as null; in a struct the key is left out.
   */
  field(v: unknown, path: string, f: GoField, up: PathLink | undefined, seg: string | number, omitAsNull: boolean): void {
    switch (f.k) {
      case 'struct':
      case 'pointer-to-struct':
        if (isObject(v) && this.struct(v, path, { up, seg })) return;
        break;
      case 'slice':
        if (Array.isArray(v) && v.length > 0) {
          const el = this.t.listElems.get(path);
          if (el !== undefined) return this.list(v, el, { up, seg });
        }
        break;
      case 'map':
        if (isObject(v)) {
          const el = this.t.mapElems.get(path);
          if (el !== undefined && this.map(v, el, { up, seg })) return;
        }
        break;
      case 'scalar':
        // A value that Go keeps as it is: stored === emitted, nothing to report.
        if (v !== null && typeof v !== 'object' && !((f.o || f.z) && isZeroScalar(v, f.t)) && rewrite(v, f.r) === v) return;
        break;
      case 'pointer-to-scalar':
        if (v !== null && typeof v !== 'object' && rewrite(v, f.r) === v) return;
        break;
      case 'quantity':
        break;
      default:
        // duration, intorstring, raw: written as given (NaN is not `sameJson` to itself: compared below).
        if (v === null || (typeof v !== 'object' && !Number.isNaN(v))) return;
    }
    this.slow(v, path, f, { up, seg }, omitAsNull, false);
  }

  /** Encodes `v` alone and compares the two trees (what `roundTripDifferencesByCopy` does there). */
  slow(v: unknown, path: string, f: GoField, at: PathLink, omitAsNull: boolean, preserveUnknown: boolean): void {
    const e = this.enc.field(v, path, f, preserveUnknown);
    if (e === OMIT && !omitAsNull) {
      this.out.push({ path: formatLink(at), emitted: v, stored: undefined, reason: describeDrop(v, f) });
      return;
    }
    diffValue(v, e === OMIT ? null : e, at, path, f, this.t, this.out);
  }

  /** A struct given as an object: `diff` over its keys. False (nothing reported) when a key is inherited. */
  private struct(v: Record<string, unknown>, path: string, at: PathLink): boolean {
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) if (keys[i] in INHERITED) return false;
    const info = this.t.structs.get(path) ?? NO_STRUCT;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const child = info.byName.get(key);
      if (child === undefined) this.unknownKey(v, path, key, at);
      else if (child.f.u === true) this.slow(v[key], child.path, child.f, { up: at, seg: key }, false, true);
      else this.field(v[key], child.path, child.f, at, key, false);
    }
    return true;
  }

  /** A key the Go struct lacks: never stored (`diff`'s left-out key, with `childOf`'s field and the case-insensitive name). */
  private unknownKey(v: Record<string, unknown>, path: string, key: string, at: PathLink): void {
    const f: GoField | undefined = this.t.fields[path ? `${path}.${key}` : key];
    let canonical: string | undefined;
    if (!f) {
      const lower = key.toLowerCase();
      const names = (this.t.children.get(path) ?? []).filter(n => n.toLowerCase() === lower);
      if (names.length > 0) {
        const stored = this.enc.struct(v, path, false);
        canonical = names.find(n => n in stored);
      }
    }
    this.out.push({
      path: formatLink({ up: at, seg: key }),
      emitted: v[key],
      stored: undefined,
      reason: canonical ? `read case-insensitively and stored as ${canonical}` : describeDrop(v[key], f),
    });
  }

  /** A non-empty list: `diff` over its items (a hole compares undefined with undefined, as `map` keeps holes). */
  private list(v: unknown[], el: Child, at: PathLink): void {
    for (let i = 0; i < v.length; i++) {
      if (i in v) this.field(v[i], el.path, el.f, at, i, true);
      else diffValue(undefined, undefined, { up: at, seg: i }, el.path, el.f, this.t, this.out);
    }
  }

  /** A map: `diffValue`'s map branch over its keys. False (nothing reported) when empty or when a key is `__proto__`. */
  private map(v: Record<string, unknown>, el: Child, at: PathLink): boolean {
    const keys = Object.keys(v);
    if (keys.length === 0) return false;
    for (let i = 0; i < keys.length; i++) if (keys[i] === '__proto__') return false;
    for (let i = 0; i < keys.length; i++) this.field(v[keys[i]], el.path, el.f, at, keys[i], true);
    return true;
  }
}

/**
 * Every value in `manifest` that KubeVirt would not store as emitted: left out (omitempty zero values,
 * empty lists and maps, null pointers, unknown keys) or rewritten (quantities, IPs). Keys that Go adds
 * are not reported: a GitOps diff compares only what the manifest sets. [] for kinds that are stored as
 * written.
 */
export function roundTripDifferences(manifest: unknown): RoundTripDifference[] {
  if (!isObject(manifest) || typeof manifest.kind !== 'string') return [];
  const t = typesOf(manifest.kind);
  if (!t) return [];
  const out: RoundTripDifference[] = [];
  const walk = new Walk(t, out);
  if ('metadata' in manifest) {
    const v = manifest.metadata;
    const f = t.fields.metadata;
    // The stored copy always holds `metadata` (encoded from `metadata ?? null`), so it is never reported as left out.
    if (isObject(v) && (f.k === 'struct' || f.k === 'pointer-to-struct')) walk.field(v, 'metadata', f, undefined, 'metadata', false);
    else diffValue(v, new Encoder(t, true).field(v ?? null, 'metadata', f, false), { seg: 'metadata' }, 'metadata', f, t, out);
  }
  if ('spec' in manifest) walk.field(manifest.spec, 'spec', t.fields.spec, undefined, 'spec', false);
  return out;
}

/**
 * What `roundTripDifferences` returns, computed by building the stored copy (`simulateStorage`) and
 * comparing the two trees: the reference its tests compare with.
 */
export function roundTripDifferencesByCopy(manifest: unknown): RoundTripDifference[] {
  if (!isObject(manifest) || typeof manifest.kind !== 'string') return [];
  const t = typesOf(manifest.kind);
  if (!t) return [];
  // Only read here: absent fields can share one value per path.
  const stored = encode(manifest, true) as Record<string, unknown>;
  const out: RoundTripDifference[] = [];
  for (const key of ['metadata', 'spec']) {
    if (!(key in manifest)) continue;
    if (!(key in stored)) {
      out.push({ path: key, emitted: manifest[key], stored: undefined, reason: describeDrop(manifest[key], t.fields[key]) });
      continue;
    }
    diffValue(manifest[key], stored[key], { seg: key }, key, t.fields[key], t, out);
  }
  return out;
}

/** `<path>: emitted <v>, stored <v> (<reason>)`, one line per difference. */
export function formatRoundTripDifference(d: RoundTripDifference): string {
  const show = (v: unknown): string => (v === undefined ? '(left out)' : JSON.stringify(v));
  return `${d.path}: emitted ${show(d.emitted)}, stored ${show(d.stored)} (${d.reason})`;
}
