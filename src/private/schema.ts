/**
 * The official KubeVirt / CDI JSON schemas, made strict, as Ajv validators.
 *
 * Used by `cdk8s-kubevirt lint` at run time and by the test harness (test/support/conformance.ts).
 * Not part of the jsii API (not exported from index.ts).
 *
 * - The schemas are the `openAPIV3Schema` of each CRD's storage version (KubeVirt v1.9, CDI v1.66,
 *   Apache-2.0), laid out as `<group>/<kind lowercase>_<version>.json`. The package ships them in
 *   `lib/schemas/` (the build's `copy-schemas` task copies them there), so the default folder is
 *   `path.join(__dirname, 'schemas')`. `--schemas DIR` or `$KUBEVIRT_SCHEMAS` point elsewhere.
 * - `strictify` adds `additionalProperties: false` to every object schema that lists `properties`
 *   (except under `x-kubernetes-preserve-unknown-fields`), so a misspelled field fails.
 * - Validators are compiled once per apiVersion/kind, on first use.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

/** Adds `additionalProperties: false` to every object schema with `properties`, outside preserve-unknown-fields. */
export function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictify(v)]));
    } else if (key === 'enum' || key === 'const' || key === 'default' || key === 'example' || key === 'required') {
      out[key] = value;
    } else {
      out[key] = strictify(value);
    }
  }
  if (out.properties && !out['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/** The schemas shipped inside the package: `lib/schemas/`. */
export const BUNDLED_SCHEMA_DIR = path.join(__dirname, '..', 'schemas');

/** Where the schemas are read from: the explicit folder, else `$KUBEVIRT_SCHEMAS`, else the bundled ones. */
export function resolveSchemaDir(explicit?: string): string {
  const chosen = explicit ?? process.env.KUBEVIRT_SCHEMAS;
  return chosen ? path.resolve(chosen) : BUNDLED_SCHEMA_DIR;
}

/** True for an apiVersion whose group is `kubevirt.io` or one of its subgroups (`cdi.kubevirt.io` …). */
export function isKubevirtApiVersion(apiVersion: string): boolean {
  return apiVersion.includes('/') && /(^|\.)kubevirt\.io$/.test(apiVersion.split('/')[0]);
}

/** One schema error, as a dotted path and the parts of the library's message format. */
export interface SchemaProblem {
  /** JSON path segments of the offending node (keys and indexes). */
  readonly path: (string | number)[];
  /** What is wrong, e.g. `is not a field of this object`. */
  readonly problem: string;
  /** The value found there. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
}

/** Fields of a Kubernetes ObjectMeta (the CRD schemas leave `metadata` open). */
const OBJECT_META_FIELDS = [
  'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers',
  'generateName', 'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences',
  'resourceVersion', 'selfLink', 'uid',
];
const OBJECT_META_SET = new Set(OBJECT_META_FIELDS);

/** A folder of KubeVirt/CDI schemas with a cache of compiled validators. */
export class SchemaSet {
  /** Throws when `dir` is not a readable folder. */
  static open(dir: string): SchemaSet {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`schema folder ${dir} not found`);
    }
    return new SchemaSet(dir);
  }

  /** kind (lowercase) → the apiVersions with a schema file, and the file of each. */
  private readonly files = new Map<string, Map<string, string>>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, verbose: true });
  private readonly validators = new Map<string, ValidateFunction>();

  private constructor(public readonly dir: string) {
    for (const group of fs.readdirSync(dir).sort()) {
      const groupDir = path.join(dir, group);
      if (!fs.statSync(groupDir).isDirectory()) continue;
      for (const file of fs.readdirSync(groupDir).sort()) {
        const m = /^([a-z0-9]+)_([a-z0-9]+)\.json$/.exec(file);
        if (!m) continue;
        if (!this.files.has(m[1])) this.files.set(m[1], new Map());
        this.files.get(m[1])!.set(`${group}/${m[2]}`, path.join(groupDir, file));
      }
    }
  }

  /** The apiVersions that have a schema for this kind ([] for a kind the folder does not know). */
  apiVersionsOf(kind: string): string[] {
    return [...(this.files.get(kind.toLowerCase())?.keys() ?? [])];
  }

  /** The compiled strict validator for apiVersion/kind, or undefined when there is no schema. */
  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = `${apiVersion}/${kind}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    const file = this.files.get(kind.toLowerCase())?.get(apiVersion);
    if (!file) return undefined;
    const validate = this.ajv.compile(strictify(JSON.parse(fs.readFileSync(file, 'utf-8'))));
    this.validators.set(key, validate);
    return validate;
  }

  /**
   * Every schema problem of a manifest whose apiVersion/kind has a schema (see `validator`), plus
   * unknown fields in its `metadata`. Returns [] when valid.
   */
  check(manifest: any, validate: ValidateFunction): SchemaProblem[] {
    const out: SchemaProblem[] = [];
    const seen = new Set<string>();
    const push = (p: SchemaProblem): void => {
      const key = `${p.path.join('\u0000')}\u0001${p.problem}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(p);
    };
    if (!validate(manifest)) {
      for (const e of validate.errors ?? []) push(fromAjv(e));
    }
    const meta = manifest?.metadata;
    if (meta !== null && typeof meta === 'object' && !Array.isArray(meta)) {
      for (const [k, v] of Object.entries(meta)) {
        if (!OBJECT_META_SET.has(k)) {
          push({ path: ['metadata', k], problem: 'is not a field of ObjectMeta', value: v, allowed: allowedFields(k, OBJECT_META_FIELDS) });
        } else if ((k === 'labels' || k === 'annotations') && v !== null && v !== undefined) {
          if (typeof v !== 'object' || Array.isArray(v)) {
            push({ path: ['metadata', k], problem: 'must be a map of strings', value: v, allowed: 'a map of string keys to string values' });
          } else {
            for (const [lk, lv] of Object.entries(v)) {
              if (typeof lv !== 'string') {
                push({ path: ['metadata', k, lk], problem: 'must be a string', value: lv, allowed: 'a string (quote numbers and booleans)' });
              }
            }
          }
        } else if ((k === 'name' || k === 'namespace' || k === 'generateName') && v !== null && typeof v !== 'string') {
          push({ path: ['metadata', k], problem: 'must be a string', value: v, allowed: 'a string' });
        }
      }
    }
    return out;
  }
}

/** `/spec/template/0` → ['spec', 'template', 0]. */
function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer.slice(1).split('/').map(s => {
    const key = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
  });
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const dp: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** `a field of this object (did you mean "disks"?)`, or the list of fields when it is short. */
function allowedFields(field: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(field, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(field.length / 3))) return `did you mean ${JSON.stringify(best)}?`;
  const prefixed = field.length >= 4 ? known.filter(k => k.toLowerCase().startsWith(field.toLowerCase())) : [];
  if (prefixed.length === 1) return `did you mean ${JSON.stringify(prefixed[0])}?`;
  return known.length <= 12 ? `one of ${known.join(', ')}` : 'a field the schema lists';
}

function fromAjv(e: ErrorObject): SchemaProblem {
  const at = pointerToPath(e.instancePath);
  const params: any = e.params;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as any)?.properties ?? {}).sort();
      return { path: [...at, field], problem: 'is not a field of this object', value: (e.data as any)?.[field], allowed: allowedFields(field, known) };
    }
    case 'required':
      return { path: [...at, String(params.missingProperty)], problem: 'is required', value: undefined, allowed: `set ${params.missingProperty}` };
    case 'type':
      return { path: at, problem: `must be ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${params.type}`, value: e.data, allowed: `a value of type ${params.type}` };
    case 'enum':
      return { path: at, problem: 'must be one of the allowed values', value: e.data, allowed: `one of ${(params.allowedValues as unknown[]).map(v => String(v)).join(', ')}` };
    case 'maxItems':
    case 'minItems': {
      const n = Array.isArray(e.data) ? e.data.length : undefined;
      const word = e.keyword === 'maxItems' ? 'at most' : 'at least';
      return { path: at, problem: `must have ${word} ${params.limit} items`, value: n === undefined ? e.data : `${n} items`, allowed: `${word} ${params.limit} items` };
    }
    default:
      return { path: at, problem: e.message ?? `fails ${e.keyword}`, value: e.data, allowed: `what the schema allows (${e.keyword})` };
  }
}
