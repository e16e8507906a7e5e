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
import { ApiObject, ApiObjectMetadataDefinition, ApiObjectProps, App, IAnyProducer, ImplicitTokenResolver, JsonPatch, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';
import { sortStrings } from './json';
import { finalOrCopy, NotPlain, plainCopy, resolvesSpecially } from './plain-copy';

// For tests, which compare the one pass with cdk8s's.
export { finalOrCopy, plainCopy } from './plain-copy';

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

/**
 * The prototype a kept object's metadata gets: cdk8s's `ApiObjectMetadataDefinition.prototype` with each
 * method that changes metadata counted on the object the metadata belongs to (the ApiObject constructor
 * gives it as `apiObject`, cdk8s src/api-object.ts). One shared prototype rather than five closures per object.
 */
const COUNTED_METADATA: object = (() => {
  const proto = ApiObjectMetadataDefinition.prototype as any;
  const counted = Object.create(proto);
  for (const name of METADATA_MUTATORS) {
    const method = proto[name] as (...args: unknown[]) => unknown;
    Object.defineProperty(counted, name, {
      value: {
        [name](this: any, ...args: unknown[]) {
          const owner = this?.apiObject;
          if (owner instanceof KeptApiObject) (owner as KeptApiObject)._metadataVersion++;
          else manifestsChanged();
          return method.apply(this, args);
        },
      }[name],
      writable: true,
      configurable: true,
    });
  }
  return counted;
})();

/** An ApiObject whose resolved manifest, and the errors found in it, are kept for one synthesis. */
export class KeptApiObject extends ApiObject {
  private keptManifest?: { epoch: number; metadataVersion: number; json: any; errors?: string[] };
  /** How many times a method that changes the metadata was called. @internal */
  public _metadataVersion = 0;
  private patched = false;

  constructor(scope: Construct, id: string, private readonly objectProps: ApiObjectProps) {
    super(scope, id, objectProps);
    const metadata = this.metadata as any;
    if (Object.getPrototypeOf(metadata) === ApiObjectMetadataDefinition.prototype && metadata.apiObject === this) {
      Object.setPrototypeOf(metadata, COUNTED_METADATA);
    } else {
      for (const name of METADATA_MUTATORS) {
        const method = metadata[name] as (...args: unknown[]) => unknown;
        metadata[name] = (...args: unknown[]) => {
          this._metadataVersion++;
          return method.apply(metadata, args);
        };
      }
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
    if (k !== undefined && k.epoch === now && k.metadataVersion === this._metadataVersion) return k.json;
    const json = this.resolveOnce();
    this.keptManifest = { epoch: now, metadataVersion: this._metadataVersion, json };
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
    if (this.patched || !builtInResolversOnly(CDK8S.App.of(this))) return super.toJson();
    // The keys of `{ ...objectProps, metadata }` (cdk8s src/api-object.ts `toJson`), each copied in the
    // order plainCopy would copy that object, without making it.
    const props = this.objectProps as Record<string, unknown>;
    const sortKeys = !process.env.CDK8S_DISABLE_SORT;
    const keys = Object.keys(props);
    if (!isEnumerable.call(props, 'metadata')) keys.push('metadata');
    if (sortKeys) sortStrings(keys);
    const values: unknown[] = [];
    try {
      const fast = plainMetadata(this.metadata);
      const metadata = fast === THROUGH_CDK8S ? plainCopy(this.metadata.toJson(), sortKeys) : fast;
      for (const key of keys) {
        if (key === 'metadata') {
          values.push(metadata);
          continue;
        }
        const item = props[key];
        if (resolvesSpecially(key, item)) throw new NotPlain();
        values.push(item instanceof FreshLazy ? finalOrCopy(item._render(sortKeys), sortKeys) : plainCopy(item, sortKeys));
      }
    } catch {
      // A value cdk8s resolves another way, or an error: cdk8s's own path gives its result or its error.
      return super.toJson();
    }
    // apiVersion, kind and metadata first, then the rest (cdk8s src/api-object.ts `toJson`).
    const result: any = {};
    for (const first of FIRST_KEYS) {
      const i = keys.indexOf(first);
      if (i >= 0 && values[i] !== undefined) result[first] = values[i];
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (values[i] !== undefined && !FIRST_KEY_SET.has(key)) result[key] = values[i];
    }
    return result;
  }
}

const FIRST_KEYS = ['apiVersion', 'kind', 'metadata'] as const;
const FIRST_KEY_SET: ReadonlySet<string> = new Set(FIRST_KEYS);

/** What `plainMetadata` returns when the metadata is not in the shape it reads: cdk8s's `toJson` makes it. */
const THROUGH_CDK8S = Symbol('through cdk8s');

/**
 * What `metadata.toJson()` returns: cdk8s resolves and sanitizes (empty lists and maps dropped, keys
 * sorted) the extra attributes, then name, namespace, annotations, finalizers, owner references and
 * labels (cdk8s src/metadata.ts `ApiObjectMetadataDefinition.toJson`, the same from 2.68 to 2.70).
 * Read from its fields in one pass when they have the shape that code gives them (else `THROUGH_CDK8S`):
 * the keys of the object cdk8s spreads (the extra attributes' own enumerable keys, then the fields it
 * sets after them), sorted, each read where the spread would have read it, without that object.
 */
function plainMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  const m = metadata as any;
  const extra = m._additionalAttributes;
  if (extra === null || typeof extra !== 'object' || typeof m.labels !== 'object' || typeof m.annotations !== 'object'
    || !Array.isArray(m.finalizers) || !Array.isArray(m.ownerReferences) || typeof m.toJson !== 'function' || m.toJson !== PROTOTYPE_METADATA_TO_JSON) {
    return THROUGH_CDK8S;
  }
  const keys = Object.keys(extra);
  for (const field of METADATA_FIELDS) {
    if (!isEnumerable.call(extra, field)) keys.push(field);
  }
  sortStrings(keys);
  const out: Record<string, unknown> = {};
  let empty = true;
  for (const key of keys) {
    const item = METADATA_FIELD_SET.has(key) ? m[key] : extra[key];
    if (resolvesSpecially(key, item)) throw new NotPlain();
    const copied = plainCopy(item, true, true);
    if (copied !== undefined) {
      out[key] = copied;
      empty = false;
    }
  }
  return empty ? undefined : out;
}

/** The fields `ApiObjectMetadataDefinition.toJson` writes over its extra attributes. */
const METADATA_FIELDS = ['name', 'namespace', 'annotations', 'finalizers', 'ownerReferences', 'labels'] as const;
const METADATA_FIELD_SET: ReadonlySet<string> = new Set(METADATA_FIELDS);
const isEnumerable = Object.prototype.propertyIsEnumerable;

const PROTOTYPE_METADATA_TO_JSON = ApiObjectMetadataDefinition.prototype.toJson;

/**
 * cdk8s's classes, read once: the package's index re-exports them through getters (`export *`), which
 * cost a call at every use.
 */
const CDK8S = { App, Lazy, LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver } as const;

/** Whether the app resolves values with cdk8s's built-in resolvers only (cdk8s src/app.ts, the App constructor). */
function builtInResolversOnly(app: App): boolean {
  const r = app.resolvers;
  return r.length === 3 && r[0] instanceof CDK8S.LazyResolver && r[1] instanceof CDK8S.ImplicitTokenResolver
    && r[2] instanceof CDK8S.NumberStringUnionResolver;
}


/**
 * `Lazy.any({ produce })` for a producer that returns, at each call, a value of its own: no object or
 * array in it is kept by anyone else or appears twice in it. A KeptApiObject then keeps the parts of
 * that value that are already what `plainCopy` would make, instead of copying them (`finalOrCopy`);
 * cdk8s's own path (patches, custom resolvers) resolves it as any other `Lazy`.
 */
export function freshLazy(render: (sortKeys: boolean) => unknown): Lazy {
  return new FreshLazy(render);
}

/**
 * A `Lazy` (cdk8s src/lazy.ts: a `Lazy` holds its producer) that `freshLazy` made. `render` is told
 * whether keys are sorted (as cdk8s reads it in src/api-object.ts `toJson`), so that it can emit them
 * in the order they are written; resolveOnce tells it what it read, once.
 */
class FreshLazy extends (Lazy as unknown as new (producer: IAnyProducer) => Lazy) {
  constructor(private readonly render: (sortKeys: boolean) => unknown) {
    // `produce` is this class's own (no producer object and closure per Lazy).
    super(NO_PRODUCER);
  }

  /** What cdk8s's LazyResolver calls (src/resolve.ts). */
  public produce(): unknown {
    return this.render(!process.env.CDK8S_DISABLE_SORT);
  }

  public _render(sortKeys: boolean): unknown {
    return this.render(sortKeys);
  }
}

const NO_PRODUCER: IAnyProducer = { produce: () => undefined };
