/**
 * Schema-conformance harness: every object a test or an example synthesizes goes through here.
 *
 * - KubeVirt and CDI kinds are validated against the strict schemas the package ships (`src/schemas/`,
 *   generated from the pinned CRDs by `npx projen import` and committed; `additionalProperties: false`
 *   on every object schema that lists `properties`, except under `x-kubernetes-preserve-unknown-fields`,
 *   so that a misspelled field fails), with the library's own validators (src/private/schema-check.ts:
 *   the build's precompiled code when it matches, else compiled in process). Nothing outside the
 *   repository is read.
 * - Their `metadata`, which the CRD schema leaves open, is checked as a core `ObjectMeta`.
 * - Core kinds (PersistentVolumeClaim, Secret, Service, ConfigMap, CronJob, RBAC, …) are checked with
 *   two maintained packages and nothing hand-written:
 *   - `kubernetes-models` validates types, required fields and enums against the Kubernetes OpenAPI
 *     schema;
 *   - `@kubernetes/client-node`'s model type map (the field list of every Kubernetes type) rejects
 *     unknown fields and wrong primitive types.
 * - An object of any other kind fails: nothing passes unvalidated.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { NAD_KEY, nadValidator } from './nad-schema';
import { strictify } from '../../src/private/schema';
import { SCHEMA_ROOT, Validator, validatorFor } from '../../src/private/schema-check';

/** Where the KubeVirt/CDI JSON schemas are read from: the committed `src/schemas/`. */
export const SCHEMA_DIR = SCHEMA_ROOT;

/** Thrown when synthesized objects do not conform; lists every error. */
export class ConformanceError extends Error {
  constructor(public readonly errors: string[]) {
    super(`${errors.length} schema error(s):\n  ${errors.join('\n  ')}`);
    this.name = 'ConformanceError';
  }
}

export { strictify };

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const crdValidators = new Map<string, Validator | null>();

function crdValidator(apiVersion: string, kind: string): Validator | null {
  const key = `${apiVersion}/${kind}`;
  // Multus NetworkAttachmentDefinition: its CRD is not among the KubeVirt/CDI CRDs; hand-written schema, see nad-schema.ts.
  if (key === NAD_KEY && !crdValidators.has(key)) crdValidators.set(key, nadValidator(ajv));
  if (!crdValidators.has(key)) crdValidators.set(key, validatorFor(apiVersion, kind) ?? null);
  return crdValidators.get(key)!;
}

/** The groups whose kinds are validated against the KubeVirt/CDI schemas the package ships. */
function isKubevirtGroup(apiVersion: string): boolean {
  return apiVersion.includes('/') && /(^|\.)kubevirt\.io$/.test(apiVersion.split('/')[0]);
}

// ---- core kinds ----------------------------------------------------------------------------------

function coreModelsValidate(apiVersion: string, kind: string): ((obj: any) => void) | null {
  const modulePath = apiVersion.includes('/') ? `kubernetes-models/${apiVersion}/${kind}` : `kubernetes-models/v1/${kind}`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Model = require(modulePath)[kind];
    if (!Model || (Model.apiVersion !== apiVersion)) return null;
    return (obj: any) => new Model(obj).validate();
  } catch {
    return null;
  }
}

const clientModels = new Map<string, any>();

/**
 * One `@kubernetes/client-node` model class by name (`V1ObjectMeta`), from its own file
 * (`dist/gen/model/v1ObjectMeta.js`): the same classes the package index exports, without loading the whole client
 * (its HTTP stack) into every test file.
 */
function clientModel(name: string): any {
  if (!/^[A-Za-z0-9]+$/.test(name)) return undefined;
  if (!clientModels.has(name)) {
    let model: any;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      model = require(`@kubernetes/client-node/dist/gen/model/${name.charAt(0).toLowerCase()}${name.slice(1)}`)[name];
    } catch {
      model = undefined;
    }
    clientModels.set(name, model);
  }
  return clientModels.get(name);
}

function coreTypeName(apiVersion: string, kind: string): string | undefined {
  const version = apiVersion.split('/').pop()!;
  const name = `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
  return clientModel(name)?.attributeTypeMap ? name : undefined;
}

/** Walks a value against a client-node model type; reports unknown fields and wrong primitive types. */
function checkCoreType(value: any, type: string, at: string, errors: string[]): void {
  if (value === undefined || value === null) return;
  const arrayOf = /^Array<(.+)>$/.exec(type);
  const mapOf = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (arrayOf) {
    if (!Array.isArray(value)) return void errors.push(`${at} must be an array`);
    value.forEach((v, i) => checkCoreType(v, arrayOf[1], `${at}/${i}`, errors));
  } else if (mapOf) {
    if (typeof value !== 'object' || Array.isArray(value)) return void errors.push(`${at} must be an object`);
    for (const [k, v] of Object.entries(value)) checkCoreType(v, mapOf[1], `${at}/${k}`, errors);
  } else if (type === 'string' || type === 'Date') {
    if (typeof value !== 'string') errors.push(`${at} must be a string`);
  } else if (type === 'number') {
    if (typeof value !== 'number') errors.push(`${at} must be a number`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') errors.push(`${at} must be a boolean`);
  } else if (type === 'IntOrString') {
    if (typeof value !== 'string' && typeof value !== 'number') errors.push(`${at} must be an integer or a string`);
  } else if (type === 'any' || type === 'object') {
    // free-form by the Kubernetes schema (e.g. RawExtension)
  } else {
    const model = clientModel(type);
    if (!model?.attributeTypeMap) return void errors.push(`${at}: the harness does not know the type ${type}`);
    if (typeof value !== 'object' || Array.isArray(value)) return void errors.push(`${at} must be an object`);
    const fields = new Map<string, string>(model.attributeTypeMap.map((a: any) => [a.baseName, a.type]));
    for (const [k, v] of Object.entries(value)) {
      const t = fields.get(k);
      if (t === undefined) errors.push(`${at} must NOT have additional properties (${k})`);
      else checkCoreType(v, t, `${at}/${k}`, errors);
    }
  }
}

// ---- public API ----------------------------------------------------------------------------------

/** Validates plain manifests; returns every error as `kind/name: /json/path message`. Never throws. */
export function conformanceErrors(manifests: any[]): string[] {
  const errors: string[] = [];
  for (const [index, obj] of manifests.entries()) {
    const kind = obj?.kind;
    const apiVersion = obj?.apiVersion;
    const label = `${kind ?? '<no kind>'}/${obj?.metadata?.name ?? `<document ${index}>`}`;
    const local: string[] = [];
    if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
      errors.push(`${label}: / has no apiVersion or kind; it cannot be validated`);
      continue;
    }
    if (isKubevirtGroup(apiVersion) || `${apiVersion}/${kind}` === NAD_KEY) {
      const validate = crdValidator(apiVersion, kind);
      if (!validate) {
        errors.push(`${label}: / unknown kind ${apiVersion} ${kind}: no schema in src/schemas`);
        continue;
      }
      if (!validate(obj)) {
        for (const e of validate.errors ?? []) {
          const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as any).additionalProperty})` : '';
          local.push(`${e.instancePath || '/'} ${e.message}${extra}`);
        }
      }
      checkCoreType(obj.metadata, 'V1ObjectMeta', '/metadata', local);
    } else {
      const typeName = coreTypeName(apiVersion, kind);
      const modelValidate = coreModelsValidate(apiVersion, kind);
      if (!typeName || !modelValidate) {
        errors.push(`${label}: / unknown kind ${apiVersion} ${kind}: no schema for it, so it cannot be validated`);
        continue;
      }
      try {
        modelValidate(obj);
      } catch (e: any) {
        for (const line of String(e.message).split('\n')) local.push(line.replace(/^data/, '').trim() || '/');
      }
      checkCoreType(obj, typeName, '', local);
    }
    errors.push(...[...new Set(local)].map(l => `${label}: ${l.startsWith('/') ? l : `/${l}`}`));
  }
  return errors;
}

/** Throws a ConformanceError listing every error in these manifests. */
export function expectConformant(manifests: any[]): any[] {
  const errors = conformanceErrors(manifests);
  if (errors.length > 0) throw new ConformanceError(errors);
  return manifests;
}

/**
 * Synthesizes the whole app of a chart (running every construct validation), parses the YAML that
 * cdk8s wrote, validates every object, and returns them all. Use this in every test that synthesizes.
 */
export function synthValid(scope: Chart | App): any[] {
  const app = scope instanceof App ? scope : App.of(scope);
  const manifests = YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJS()).filter(d => d !== null);
  return expectConformant(manifests);
}

/** Reads every `*.yaml` under a directory (for examples' dist/) as manifests. */
export function readManifests(dir: string): any[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort()
    .flatMap(f => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf-8')).map(d => d.toJS()))
    .filter(d => d !== null);
}
