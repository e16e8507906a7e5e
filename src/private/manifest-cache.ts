/**
 * Keeps each Machine's and MachinePool's resolved manifest for the rest of one synchronous synthesis,
 * and resolves it in one pass. Internal: not exported from the package.
 *
 * cdk8s validates the whole app once in `App.synth()`/`synthYaml()` and once more in every
 * `Chart.toJson()` (so C + 1 times for C charts), and resolves every object again to serialize it. Our
 * validation needs the final manifest (escape-hatch patches included), so without this each machine
 * would be rendered, resolved and checked several times per synthesis (see bench/PROFILE.md).
 *
 * A kept manifest is reused only while nothing it was made from can have changed:
 * - within the same synchronous run (kept manifests are dropped at the next microtask, so code that
 *   awaits between two syntheses always sees fresh output);
 * - no library method that changes a manifest was called since (they call `manifestsChanged()`:
 *   addNetwork, addAccessCredential, expose, scheduling, DiskSet.addDisk, addJsonPatch);
 * - no method of the object's metadata that changes it was called since (addLabel, addAnnotation,
 *   addFinalizers, addOwnerReference, add: each is counted).
 * Props objects are read at construction and at synthesis; changing them in place after building a
 * machine is not supported.
 */
import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';

let epoch = 0;
let dropScheduled = false;
const kept = new Set<KeptApiObject>();

/** Something a manifest is made from changed: kept manifests are stale. */
export function manifestsChanged(): void {
  epoch++;
}

/**
 * The current synthesis epoch: it changes when a library method changes a manifest and at the next
 * microtask, so a result computed in one epoch holds for the rest of one synchronous synthesis.
 */
export function currentEpoch(): number {
  if (!dropScheduled) {
    dropScheduled = true;
    queueMicrotask(() => {
      dropScheduled = false;
      epoch++;
      for (const obj of kept) obj._drop();
      kept.clear();
    });
  }
  return epoch;
}

/** The methods of cdk8s's `ApiObjectMetadataDefinition` that change it (cdk8s src/metadata.ts). */
const METADATA_MUTATORS = ['addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference', 'add'] as const;

/** An ApiObject whose resolved manifest, and the errors found in it, are kept for one synthesis. */
export class KeptApiObject extends ApiObject {
  private keptManifest?: { epoch: number; metadataVersion: number; json: any; errors?: string[] };
  private metadataVersion = 0;
  private patched = false;

  constructor(scope: Construct, id: string, private readonly objectProps: ApiObjectProps) {
    super(scope, id, objectProps);
    const metadata = this.metadata as any;
    for (const name of METADATA_MUTATORS) {
      const method = metadata[name] as (...args: unknown[]) => unknown;
      metadata[name] = (...args: unknown[]) => {
        this.metadataVersion++;
        return method.apply(metadata, args);
      };
    }
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    manifestsChanged();
    this.patched = true;
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    const now = currentEpoch();
    const k = this.keptManifest;
    if (k !== undefined && k.epoch === now && k.metadataVersion === this.metadataVersion) return k.json;
    const json = this.resolveOnce();
    this.keptManifest = { epoch: now, metadataVersion: this.metadataVersion, json };
    kept.add(this);
    return json;
  }

  /** Runs `check` over the final manifest, once per kept manifest. @internal */
  public _errors(check: (manifest: any) => string[]): string[] {
    const json = this.toJson();
    const k = this.keptManifest!;
    if (k.errors === undefined) k.errors = check(json);
    return k.errors;
  }

  /** @internal */
  public _drop(): void {
    this.keptManifest = undefined;
  }

  /**
   * What `ApiObject.toJson()` returns, in one pass. cdk8s resolves every value through the app's
   * resolvers (src/resolve.ts `resolve`, which finds the app and allocates a context and a key path per
   * value), then copies the result again with sorted keys (src/_util.ts `sanitizeValue`), then applies
   * the JSON patches and puts apiVersion, kind and metadata first (src/api-object.ts `toJson`). With
   * only cdk8s's built-in resolvers, no patches and values that are plain JSON or `Lazy`, `plainCopy`
   * gives the same result; anything else goes through `super.toJson()` (test/private/manifest-cache.test.ts
   * compares the two).
   */
  private resolveOnce(): any {
    if (this.patched || !builtInResolversOnly(App.of(this))) return super.toJson();
    let json: any;
    try {
      json = plainCopy({ ...this.objectProps, metadata: plainMetadata(this.metadata) }, !process.env.CDK8S_DISABLE_SORT);
    } catch {
      // A value cdk8s resolves another way, or an error: cdk8s's own path gives its result or its error.
      return super.toJson();
    }
    const result: any = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) {
      if (key in json && !(key in result)) result[key] = json[key];
    }
    return result;
  }
}

/**
 * What `metadata.toJson()` returns: cdk8s resolves and sanitizes (empty lists and maps dropped, keys
 * sorted) the extra attributes, then name, namespace, annotations, finalizers, owner references and
 * labels (cdk8s src/metadata.ts `ApiObjectMetadataDefinition.toJson`, the same from 2.68 to 2.70).
 * Read from its fields in one pass when they have the shape that code gives them, else through cdk8s.
 */
function plainMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  const m = metadata as any;
  const extra = m._additionalAttributes;
  if (extra === null || typeof extra !== 'object' || typeof m.labels !== 'object' || typeof m.annotations !== 'object'
    || !Array.isArray(m.finalizers) || !Array.isArray(m.ownerReferences) || typeof m.toJson !== 'function' || m.toJson !== PROTOTYPE_METADATA_TO_JSON) {
    return metadata.toJson();
  }
  return plainCopy({
    ...extra,
    name: m.name,
    namespace: m.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  }, true, true);
}

const PROTOTYPE_METADATA_TO_JSON = ApiObjectMetadataDefinition.prototype.toJson;

/** Whether the app resolves values with cdk8s's built-in resolvers only (cdk8s src/app.ts, the App constructor). */
function builtInResolversOnly(app: App): boolean {
  const r = app.resolvers;
  return r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver && r[2] instanceof NumberStringUnionResolver;
}

/** Thrown by `plainCopy` for a value it does not handle. */
class NotPlain extends Error {}

/**
 * `sanitizeValue(resolve(value), { sortKeys })` for plain JSON and `Lazy` values: null and undefined
 * object entries dropped, null array items made undefined, keys sorted; with `filterEmpty`, also
 * `filterEmptyArrays` and `filterEmptyObjects`. Throws `NotPlain` for anything
 * else (class instances, objects with a `resolve` method, functions, symbols, bigints).
 * @internal exported for tests
 */
export function plainCopy(value: unknown, sortKeys: boolean, filterEmpty = false): unknown {
  if (typeof value !== 'object') {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === undefined) return value;
    throw new NotPlain();
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    // cdk8s's resolvers act on an array only if it has a `resolve` method or a number or string `value`.
    const a = value as unknown[] & { resolve?: unknown; value?: unknown };
    if (a.resolve !== undefined || a.value !== undefined) throw new NotPlain();
    if (filterEmpty && value.length === 0) return undefined;
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) items.push(plainCopy(value[i], sortKeys, filterEmpty));
    return items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    if (value instanceof Lazy) return plainCopy(value.produce(), sortKeys, filterEmpty);
    throw new NotPlain();
  }
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v);
  if (sortKeys && keys.length > 1) sortStrings(keys);
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = v[key];
    // With Object.prototype as prototype, only own keys can make `resolve` a function or `constructor`
    // something else than Object: cdk8s then resolves the object (ImplicitTokenResolver) or refuses it.
    if ((key === 'resolve' && typeof item === 'function') || (key === 'constructor' && item !== Object)) throw new NotPlain();
    const copied = plainCopy(item, sortKeys, filterEmpty);
    if (copied !== undefined) {
      out[key] = copied;
      empty = false;
    }
  }
  return filterEmpty && empty ? undefined : out;
}

/**
 * Sorts distinct strings in place as `keys.sort()` does (by UTF-16 code units, which `<` compares).
 * Most objects of a manifest have a few keys, often already in order: a JS insertion sort does them
 * without the fixed cost of a call to `Array.prototype.sort` (which was most of plainCopy's time).
 * @internal exported for tests
 */
export function sortStrings(keys: string[]): void {
  const n = keys.length;
  if (n > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const key = keys[i];
    let j = i - 1;
    if (!(keys[j] > key)) continue;
    do {
      keys[j + 1] = keys[j];
      j--;
    } while (j >= 0 && keys[j] > key);
    keys[j + 1] = key;
  }
}
