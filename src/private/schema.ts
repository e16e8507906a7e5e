/**
 * The strict KubeVirt / CDI JSON schemas as validators, for `cdk8s-kubevirt lint`.
 *
 * - By default the schemas the package ships: generated from the pinned CRDs by `npx projen import`
 *   into `src/schemas/` (every served version), compiled into standalone validation code at build time
 *   (`lib/schemas/`), and loaded lazily per apiVersion/kind by `private/schema-check.ts`.
 * - `--schemas DIR` or `$KUBEVIRT_SCHEMAS` point at another folder laid out as
 *   `<group>/<kind lowercase>_<version>.json`; those are made strict with `strictify` and compiled in
 *   process, once per apiVersion/kind, on first use.
 * - `strictify` adds `additionalProperties: false` to every object schema that lists `properties`
 *   (except under `x-kubernetes-preserve-unknown-fields`), so a misspelled field fails. The import uses
 *   it to generate the shipped schemas.
 * Not part of the jsii API (not exported from index.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileSchema, schemaEntries, SchemaProblem, schemaOf, schemaProblems, Validator, validatorFor } from './schema-check';

export { SchemaProblem, Validator };

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

/**
 * Where `lint` reads schemas from: the explicit folder, else `$KUBEVIRT_SCHEMAS`, else undefined for the
 * schemas shipped in the package.
 */
export function resolveSchemaDir(explicit?: string): string | undefined {
  const chosen = explicit ?? process.env.KUBEVIRT_SCHEMAS;
  return chosen ? path.resolve(chosen) : undefined;
}

/** True for an apiVersion whose group is `kubevirt.io` or one of its subgroups (`cdi.kubevirt.io` …). */
export function isKubevirtApiVersion(apiVersion: string): boolean {
  return apiVersion.includes('/') && /(^|\.)kubevirt\.io$/.test(apiVersion.split('/')[0]);
}

/** A set of KubeVirt/CDI schemas (shipped, or a folder) with a cache of validators. */
export class SchemaSet {
  /**
   * The schemas shipped in the package, precompiled.
   * @param servedVersions also every served non-storage version (deprecated ones such as kubevirt.io/v1alpha3);
   *   by default only each CRD's storage version
   */
  static bundled(servedVersions = false): SchemaSet {
    const files = new Map<string, Map<string, string>>();
    for (const e of schemaEntries()) {
      if (!servedVersions && !e.storage) continue;
      const kind = e.kind.toLowerCase();
      if (!files.has(kind)) files.set(kind, new Map());
      files.get(kind)!.set(e.apiVersion, e.file);
    }
    return new SchemaSet(undefined, files);
  }

  /** A folder laid out as `<group>/<kind>_<version>.json`; throws when `dir` is not a readable folder. */
  static open(dir: string): SchemaSet {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`schema folder ${dir} not found`);
    }
    const files = new Map<string, Map<string, string>>();
    for (const group of fs.readdirSync(dir).sort()) {
      const groupDir = path.join(dir, group);
      if (!fs.statSync(groupDir).isDirectory()) continue;
      for (const file of fs.readdirSync(groupDir).sort()) {
        const m = /^([a-z0-9]+)_([a-z0-9]+)\.json$/.exec(file);
        if (!m) continue;
        if (!files.has(m[1])) files.set(m[1], new Map());
        files.get(m[1])!.set(`${group}/${m[2]}`, path.join(groupDir, file));
      }
    }
    return new SchemaSet(dir, files);
  }

  private readonly validators = new Map<string, { validate: Validator; schema: () => any }>();

  /**
   * @param dir the folder, or undefined for the shipped schemas
   * @param files kind (lowercase) → apiVersion → schema file
   */
  private constructor(public readonly dir: string | undefined, private readonly files: Map<string, Map<string, string>>) {}

  /** The apiVersions that have a schema for this kind ([] for a kind the set does not know). */
  apiVersionsOf(kind: string): string[] {
    return [...(this.files.get(kind.toLowerCase())?.keys() ?? [])];
  }

  /** The strict validator for apiVersion/kind, or undefined when there is no schema. */
  validator(apiVersion: string, kind: string): Validator | undefined {
    return this.compiled(apiVersion, kind)?.validate;
  }

  /** The strict schema for apiVersion/kind (parsed on demand), or undefined when there is none. */
  schema(apiVersion: string, kind: string): any {
    return this.compiled(apiVersion, kind)?.schema();
  }

  /**
   * Every schema problem of a manifest whose apiVersion/kind has a schema (see `validator`), plus
   * unknown fields in its `metadata`. Returns [] when valid.
   */
  check(manifest: any, validate: Validator): SchemaProblem[] {
    const c = this.compiled(manifest?.apiVersion, manifest?.kind);
    const schema = c && c.validate === validate ? c.schema : () => ({});
    return schemaProblems(manifest, validate, schema);
  }

  private compiled(apiVersion: string, kind: string): { validate: Validator; schema: () => any } | undefined {
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
    const key = `${apiVersion}/${kind}`;
    const cached = this.validators.get(key);
    if (cached) return cached;
    const file = this.files.get(kind.toLowerCase())?.get(apiVersion);
    if (!file) return undefined;
    let c: { validate: Validator; schema: () => any };
    if (this.dir === undefined) {
      const entry = schemaEntries().find(e => e.file === file)!;
      c = { validate: validatorFor(entry.apiVersion, entry.kind)!, schema: () => schemaOf(entry) };
    } else {
      const schema = strictify(JSON.parse(fs.readFileSync(file, 'utf-8')));
      c = { validate: compileSchema(schema), schema: () => schema };
    }
    this.validators.set(key, c);
    return c;
  }
}
