/**
 * Nulls the API server removes before it validates a custom resource: a `null` in a field whose schema
 * is not `nullable` is deleted, or replaced by the field's `default` when the schema has one. The
 * apiextensions-apiserver does this on every create and update of a CRD object
 * (`k8s.io/apiextensions-apiserver` `pkg/apiserver/schema/defaulting/prunenulls.go`,
 * `PruneNonNullableNullsWithoutDefaults`, called from `pkg/apiserver/customresource_handler.go`
 * `unstructuredSchemaCoercer.apply` right after pruning unknown fields; the defaults come from
 * `defaulting/algorithm.go`, `Default`). So the object is accepted, but not stored as written: a GitOps
 * tool sees a diff that never goes away. `lint` reports each such null as a warning and validates the
 * object as the server does, without them.
 *
 * Only fields with a schema count: `apiVersion`, `kind` and `metadata` are set aside by the server before
 * this step, a null list item is not removed (the schema check rejects it), and a key the schema does not
 * know is the schema check's business.
 */

/** One null the API server removes (or replaces with its default). */
export interface PrunedNull {
  /** JSON path segments of the null. */
  readonly path: (string | number)[];
  /** True when the schema has a default, which takes the null's place. */
  readonly hasDefault: boolean;
  /** The default, when there is one. */
  readonly default?: unknown;
}

/** The rule id of the warning. */
export const NULL_PRUNED_RULE = 'null-pruned';

/** The schema of a map key: a named property, else `additionalProperties` when it is a schema. */
function fieldSchema(schema: any, key: string): any {
  if (schema === null || typeof schema !== 'object') return undefined;
  const p = schema.properties;
  if (p && Object.prototype.hasOwnProperty.call(p, key)) return p[key];
  return typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null ? schema.additionalProperties : undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Whether a value holds a null anywhere (cheap: the schema is read only for objects that do). Reads the
 * own enumerable values, as `Object.values` would, without building a list per object.
 */
export function holdsNull(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || depth > 200) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (holdsNull(value[i], depth + 1)) return true;
    return false;
  }
  for (const k in value) if (hasOwn.call(value, k) && holdsNull((value as any)[k], depth + 1)) return true;
  return false;
}

/** Every null of `manifest` that the API server prunes under `schema` (the CRD's openAPIV3Schema), in document order. */
export function prunedNulls(manifest: unknown, schema: unknown): PrunedNull[] {
  const out: PrunedNull[] = [];
  const walk = (value: unknown, s: any, at: (string | number)[], depth: number): void => {
    if (depth > 200 || s === undefined) return;
    if (Array.isArray(value)) {
      const items = s && typeof s === 'object' ? s.items : undefined;
      value.forEach((v, i) => walk(v, items, [...at, i], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (at.length === 0 && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
        const sub = fieldSchema(s, k);
        if (v === null && sub && typeof sub === 'object' && sub.nullable !== true) {
          const p = [...at, k];
          out.push(sub.default === undefined ? { path: p, hasDefault: false } : { path: p, hasDefault: true, default: sub.default });
        } else {
          walk(v, sub, [...at, k], depth + 1);
        }
      }
    }
  };
  walk(manifest, schema, [], 0);
  return out;
}

/** A copy of `manifest` as the server has it after this step: each pruned null deleted or set to its default. */
export function withoutPrunedNulls(manifest: any, nulls: readonly PrunedNull[]): any {
  if (nulls.length === 0) return manifest;
  const copy = structuredClone(manifest);
  for (const n of nulls) {
    let node = copy;
    for (const seg of n.path.slice(0, -1)) node = node[seg];
    const last = n.path[n.path.length - 1];
    if (n.hasDefault) node[last] = structuredClone(n.default);
    else delete node[last];
  }
  return copy;
}

/** The warning for one pruned null, e.g. `spec.runStrategy: null in a field that is not nullable; …`. */
export function describePrunedNull(path: string, n: PrunedNull): string {
  const what = n.hasDefault ? `replaces it with the schema's default ${JSON.stringify(n.default)}` : 'drops the key';
  return `${path}: null in a field that is not nullable; the API server ${what} before it validates and stores the object `
    + '(apiextensions-apiserver PruneNonNullableNullsWithoutDefaults), so Git and the cluster differ: remove the key '
    + `(${NULL_PRUNED_RULE})`;
}

