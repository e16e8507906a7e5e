/**
 * Packages loaded on first use rather than when the library is required. Internal: not exported from
 * the package.
 *
 * Requiring cdk8s-plus-28 costs more than the rest of the library (its `k8s` bindings alone are most of
 * it), and most apps use it only for an optional Service, Secret or CronJob; the `yaml` package is
 * needed only to parse cloud-config and scan for secrets at synthesis (the admission rules: see
 * lazy-rules.ts). Files that need these packages' types use `import type` (erased from the
 * JavaScript; jsii still sees the types) and reach the values through these accessors.
 */
import { readFileSync } from 'fs';
import { dirname } from 'path';
import type { ApiObject, ApiObjectProps } from 'cdk8s';
import type * as Kplus from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type * as Yaml from 'yaml';
import type * as ManifestCache from './manifest-cache';

/**
 * A module of the library loaded on first use rather than when the library is required: the importing
 * file writes `const x = onFirstUse((): typeof X => require('./x'))` with `import type * as X from './x'`
 * (or `typeof import('./x')`), the `require` in the importing file (paths are relative to it), and
 * calls `x().name`. Only for modules whose top level has no side effect (they declare functions,
 * classes and constants), so that when a module loads changes nothing but when its cost is paid.
 */
export function onFirstUse<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

let kplusModule: typeof Kplus | undefined;
let yamlModule: typeof Yaml | undefined;

/** `require('cdk8s-plus-28')`, on first call. */
export function kplus(): typeof Kplus {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (kplusModule ??= require('cdk8s-plus-28'));
}

/** `require('cdk8s-plus-28').k8s`: the core Kubernetes L1 classes. */
export function k8s(): typeof Kplus.k8s {
  return kplus().k8s;
}

/**
 * `require('yaml')`, on first call. cdk8s bundles its own copy of `yaml`, which every synthesis loads
 * to write the output; when that copy is the very version the library depends on, the library uses
 * it too rather than load the same package twice (about 40 ms of CPU per process). Same version, same
 * code: the output does not change. Any other case (another version, a layout without a nested
 * copy) loads the library's own.
 */
export function yaml(): typeof Yaml {
  return (yamlModule ??= loadYaml());
}

function loadYaml(): typeof Yaml {
  /* eslint-disable @typescript-eslint/no-require-imports */
  try {
    const ours = require.resolve('yaml/package.json');
    const theirs = require.resolve('yaml/package.json', { paths: [dirname(require.resolve('cdk8s'))] });
    if (theirs !== ours) {
      const version = (file: string): unknown => JSON.parse(readFileSync(file, 'utf-8')).version;
      const v = version(ours);
      if (typeof v === 'string' && v === version(theirs)) return require(require.resolve('yaml', { paths: [dirname(require.resolve('cdk8s'))] }));
    }
  } catch {
    // a layout this does not know: the library's own copy
  }
  return require('yaml');
  /* eslint-enable @typescript-eslint/no-require-imports */
}


// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestCache = onFirstUse((): typeof ManifestCache => require('./manifest-cache'));

/**
 * A library construct's ApiObject: a `KeptApiObject` (manifest-cache.ts), resolved in one pass and once
 * per synthesis, so that the app-wide checks and the YAML read the very same object. Loaded on first use.
 */
export function keptApiObject(scope: Construct, id: string, props: ApiObjectProps): ApiObject {
  return new (manifestCache().KeptApiObject)(scope, id, props);
}
