/**
 * `cdk8s-kubevirt lint PATH…`: checks any KubeVirt/CDI YAML offline against the official schemas (made
 * strict: unknown fields are errors) and against the library's admission rules (src/rules, the same
 * functions the constructs run).
 *
 * Output: one line per finding, `file:line kind/name rule-id message`; `--format json` gives an array of
 * `{file, line, kind, name, rule, path, message}`. A summary line goes to stderr.
 * Exit codes: 0 clean, 1 findings, 2 unreadable input, YAML syntax error, missing schemas or bad usage.
 */
import { COMMON_USAGE, CommandSpec, exitCodesUsage, parseCommand } from './args';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { SourceObject, formatPath, parsePath, readSources } from './yaml-source';
import { formatProblem } from '../private/errors';
import { isMacAddress, MAC_ADDRESS_ALLOWED as MAC_ALLOWED } from '../private/k8s-validation';
import { isKubevirtApiVersion, resolveSchemaDir, SchemaSet, Validator } from '../private/schema';
import { describeSecretFinding, scanManifest } from '../private/secret-scan';
import { checkManifest, formatViolation } from '../rules';
import { describePrunedNull, holdsNull, prunedNulls, withoutPrunedNulls } from '../rules/null-pruning';
import { roundTripDifferences } from '../rules/roundtrip';

const USAGE = `usage: cdk8s-kubevirt lint [options] [PATH…]

Checks KubeVirt and CDI manifests against the official schemas (unknown fields rejected) and
KubeVirt's admission rules. Served but deprecated apiVersions (kubevirt.io/v1alpha3,
export.kubevirt.io/v1beta1, pool.kubevirt.io/v1alpha1 …) are accepted with a warning on stderr.

options:
      --format text|json   output format (default text: 'file:line kind/name rule-id message')
      --cluster-rules      also run the rules that depend on cluster settings, assuming KubeVirt's defaults
      --schemas DIR        read the JSON schemas from DIR (default: $KUBEVIRT_SCHEMAS, else the schemas
                           shipped in the package, precompiled)
${COMMON_USAGE}

${exitCodesUsage('findings')}
`;

/** One finding. */
export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  /** A rule id from src/rules, or `schema`. */
  readonly rule: string;
  /** Dotted JSON path of the offending node. */
  readonly path: string;
  readonly message: string;
}

/** Where an object falls: checked, or skipped and why. */
type Category = 'checked' | 'core' | 'unknown';

/**
 * Kubernetes' own API groups: the core group (`v1`), groups without a dot (`apps`, `batch`, `policy`,
 * `autoscaling`) and `*.k8s.io`. Their objects are known but not checked here.
 */
function isCoreApiVersion(apiVersion: string): boolean {
  if (!apiVersion.includes('/')) return true;
  const group = apiVersion.split('/')[0];
  return !group.includes('.') || group.endsWith('.k8s.io');
}

function nameOf(value: any): string {
  const meta = value?.metadata;
  if (typeof meta?.name === 'string') return meta.name;
  if (typeof meta?.generateName === 'string') return `${meta.generateName}*`;
  return '<unnamed>';
}

/**
 * apiVersions that KubeVirt v1.9 still serves besides the storage version, by kind: the CRDs' `versions`
 * (pkg/virt-operator/resource/generate/components/crds.go, the `New*Crd()` functions; core kinds take
 * `ApiSupportedVersions` from staging/src/kubevirt.io/api/core/v1/register.go). crds.go gives every
 * served version the same schema (`patchValidationForAllVersions`), so when the schema folder has no
 * file for a served version, the storage version's schema is exactly what the API server applies.
 * Instancetypes and preferences serve v1beta1 only: v1alpha1 and v1alpha2 are no longer served.
 */
const SERVED: Record<string, { storage: string; deprecated: boolean; kinds: string[] }> = {
  'kubevirt.io/v1alpha3': { storage: 'kubevirt.io/v1', deprecated: true, kinds: ['VirtualMachine', 'VirtualMachineInstance'] },
  'export.kubevirt.io/v1beta1': { storage: 'export.kubevirt.io/v1', deprecated: true, kinds: ['VirtualMachineExport'] },
  'pool.kubevirt.io/v1alpha1': { storage: 'pool.kubevirt.io/v1beta1', deprecated: false, kinds: ['VirtualMachinePool'] },
  'clone.kubevirt.io/v1alpha1': { storage: 'clone.kubevirt.io/v1beta1', deprecated: false, kinds: ['VirtualMachineClone'] },
  'snapshot.kubevirt.io/v1alpha1': { storage: 'snapshot.kubevirt.io/v1beta1', deprecated: false, kinds: ['VirtualMachineSnapshot', 'VirtualMachineRestore'] },
};

/** A warning about an object that is accepted (a served but older apiVersion). */
export interface Warning {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly message: string;
}

/**
 * The library's own checks that KubeVirt's webhooks do not make, on kinds the constructs emit:
 * VirtualMachineClone `spec.newMacAddresses` must be MAC addresses (KubeVirt's vmclone-admitter.go
 * does not check them; the clone then fails at run time): the MachineClone construct's check
 * (src/private/k8s-validation.ts `isMacAddress`, the one MAC check of the library), with its rule id.
 */
function libraryChecks(value: any, add: (path: (string | number)[], rule: string, message: string) => void): void {
  if (value.kind !== 'VirtualMachineClone') return;
  const macs = value.spec?.newMacAddresses;
  if (macs === null || typeof macs !== 'object' || Array.isArray(macs)) return;
  for (const [iface, mac] of Object.entries(macs)) {
    if (isMacAddress(mac)) continue;
    add(['spec', 'newMacAddresses', iface], 'interface-mac-address', formatProblem({
      property: `spec.newMacAddresses.${iface}`,
      problem: 'must be a MAC address',
      value: mac,
      allowed: MAC_ALLOWED,
      ruleId: 'interface-mac-address',
    }));
  }
}

/** What `lintObject` learns from an object's apiVersion and kind alone: found once per pair and run. */
interface KindInfo {
  readonly category: Category;
  /** The apiVersions with a schema for the kind (`checked` only). */
  readonly known: string[];
  /** The validator (of the storage version for a served older version without its own schema). */
  readonly validate: Validator | undefined;
  /** The warning about a served older apiVersion, when the pair is one. */
  readonly servedWarning: string | undefined;
}

/** apiVersion → kind → what every object of that pair shares. */
type KindCache = Map<string, Map<string, KindInfo>>;

function kindInfo(schemas: SchemaSet, apiVersion: string, kind: string): KindInfo {
  const skip = (category: Category): KindInfo => ({ category, known: [], validate: undefined, servedWarning: undefined });
  if (!isKubevirtApiVersion(apiVersion)) return skip(isCoreApiVersion(apiVersion) ? 'core' : 'unknown');
  const known = schemas.apiVersionsOf(kind);
  if (known.length === 0) return skip('unknown');
  let validate = schemas.validator(apiVersion, kind);
  let servedWarning: string | undefined;
  const served = SERVED[apiVersion];
  if (served && served.kinds.includes(kind)) {
    const storageValidator = validate ? undefined : schemas.validator(served.storage, kind);
    validate = validate ?? storageValidator;
    const schemaNote = storageValidator ? `; validated with the ${served.storage} schema, which KubeVirt serves for every version of ${kind}` : '; validated with its own schema';
    servedWarning = `apiVersion ${apiVersion} is ${served.deprecated ? 'deprecated' : 'an older served version'}; use ${served.storage}, the storage version${schemaNote}`;
  }
  return { category: 'checked', known, validate, servedWarning };
}

/** Lints one object; pushes its findings and warnings; returns its category. */
function lintObject(obj: SourceObject, schemas: SchemaSet, kinds: KindCache, clusterDependent: boolean, out: Finding[], warnings: Warning[]):
{ category: Category; kind: string } {
  const value = obj.value;
  const kind = typeof value?.kind === 'string' ? value.kind : '(no kind)';
  const apiVersion = typeof value?.apiVersion === 'string' ? value.apiVersion : undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || apiVersion === undefined || kind === '(no kind)') {
    return { category: 'unknown', kind };
  }
  let byKind = kinds.get(apiVersion);
  if (byKind === undefined) kinds.set(apiVersion, byKind = new Map());
  let info = byKind.get(kind);
  if (info === undefined) byKind.set(kind, info = kindInfo(schemas, apiVersion, kind));
  if (info.category !== 'checked') return { category: info.category, kind };
  const known = info.known;
  const validate = info.validate;
  const served = SERVED[apiVersion];

  const name = nameOf(value);
  const found: Finding[] = [];
  const add = (path: (string | number)[], rule: string, message: string): void => {
    found.push({ file: obj.file, line: obj.lineOf(path), kind, name, rule, path: formatPath(path), message });
  };
  if (info.servedWarning !== undefined) {
    warnings.push({ file: obj.file, line: obj.lineOf(['apiVersion']), kind, name, message: info.servedWarning });
  }
  if (!validate) {
    add(['apiVersion'], 'schema', formatProblem({
      property: 'apiVersion',
      problem: `has no schema for ${kind} in this tool`,
      value: apiVersion,
      allowed: known.length === 1 ? `${known[0]} (the storage version)` : `one of ${known.join(', ')} (the versions KubeVirt serves)`,
      ruleId: 'schema',
    }));
  } else {
    // The API server drops nulls the schema does not allow before it validates: warn, and validate what it stores.
    const schema = holdsNull(value) ? schemas.schema(apiVersion, kind) ?? (served ? schemas.schema(served.storage, kind) : undefined) : undefined;
    const nulls = schema ? prunedNulls(value, schema) : [];
    for (const n of nulls) {
      warnings.push({ file: obj.file, line: obj.lineOf(n.path), kind, name, message: describePrunedNull(formatPath(n.path), n) });
    }
    const stored = withoutPrunedNulls(value, nulls);
    for (const p of schemas.check(stored, validate)) {
      add(p.path, 'schema', formatProblem({ property: formatPath(p.path), problem: p.problem, value: p.value, allowed: p.allowed, ruleId: 'schema' }));
    }
    for (const v of checkManifest(stored, { clusterDependent })) add(parsePath(v.path), v.ruleId, formatViolation(v));
    libraryChecks(stored, add);
    // The library's one secret scanner: the same findings, and the same redaction, as at synthesis.
    for (const f of scanManifest(value)) add(parsePath(f.path.replace(/^\$\.?/, '')), `secret-${f.kind}`, describeSecretFinding(f));
    // Values KubeVirt's webhook would drop or rewrite when it stores the object: OutOfSync forever.
    for (const d of roundTripDifferences(stored)) {
      warnings.push({
        file: obj.file,
        line: obj.lineOf(parsePath(d.path)),
        kind,
        name,
        message: `${d.path}: ${d.reason}; KubeVirt stores ${d.stored === undefined ? 'nothing there' : JSON.stringify(d.stored)}, so a GitOps diff stays OutOfSync (round-trip)`,
      });
    }
  }
  // Stable sort by line within the object: schema findings and rule findings interleave in file order.
  if (found.length > 1) found.sort((a, b) => a.line - b.line);
  out.push(...found);
  return { category: 'checked', kind };
}

function counts(map: Map<string, number>): string {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, n]) => `${k}: ${n}`).join(', ');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const SPEC: CommandSpec = {
  name: 'lint',
  usage: USAGE,
  options: { 'cluster-rules': { type: 'boolean' }, 'schemas': { type: 'string' } },
  formats: ['text', 'json'],
};

/** Runs `lint`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand(SPEC, args, io);
  if (typeof parsed === 'number') return parsed;
  const { values, paths, format } = parsed;

  const schemaDir = resolveSchemaDir(values.schemas as string | undefined);
  let schemas: SchemaSet;
  try {
    // Every served version has its own schema in the package: an older apiVersion is validated against it.
    schemas = schemaDir === undefined ? SchemaSet.bundled(true) : SchemaSet.open(schemaDir);
  } catch {
    io.stderr(`cdk8s-kubevirt lint: the KubeVirt/CDI JSON schemas were not found in ${schemaDir ?? 'the package (lib/schemas)'}; `
      + 'pass --schemas DIR or set KUBEVIRT_SCHEMAS to a folder laid out as <group>/<kind>_<version>.json, or leave both unset for the schemas shipped in the package\n');
    return EXIT_USAGE;
  }

  const errors: string[] = [];
  const findings: Finding[] = [];
  const warnings: Warning[] = [];
  let findingTotal = 0;
  let objects = 0;
  let checked = 0;
  const core = new Map<string, number>();
  const unknown = new Map<string, number>();
  const clusterRules = values['cluster-rules'] === true;
  const kinds: KindCache = new Map();
  readSources(paths, { recursive: parsed.recursive }, io, {
    object: obj => {
      objects++;
      const before = findings.length;
      const { category, kind } = lintObject(obj, schemas, kinds, clusterRules, findings, warnings);
      findingTotal += findings.length - before;
      if (category === 'checked') {checked++;} else {
        const map = category === 'core' ? core : unknown;
        map.set(kind, (map.get(kind) ?? 0) + 1);
      }
      // Text output streams, object by object; JSON is one array at the end.
      if (format === 'text' && findings.length > 0) {
        let text = '';
        for (const f of findings) text += `${f.file}:${f.line} ${f.kind}/${f.name} ${f.rule} ${f.message}\n`;
        findings.length = 0;
        io.stdout(text);
      }
    },
    error: e => errors.push(e),
  });

  if (format === 'json') io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  for (const w of warnings) io.stderr(`${w.file}:${w.line} ${w.kind}/${w.name} warning: ${w.message}\n`);
  for (const e of errors) io.stderr(`cdk8s-kubevirt lint: ${e}\n`);
  const empty = objects === 0 && errors.length === 0 && !parsed.allowEmpty;
  if (empty) io.stderr('cdk8s-kubevirt lint: the input holds no objects (pass --allow-empty to accept that)\n');

  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const parts = [`checked ${plural(checked, 'object', 'objects')}`];
  if (core.size > 0) parts.push(`skipped ${plural(sum(core), 'core Kubernetes object', 'core Kubernetes objects')} (${counts(core)})`);
  if (unknown.size > 0) parts.push(`skipped ${sum(unknown)} of unknown kinds (${counts(unknown)})`);
  parts.push(plural(findingTotal, 'finding', 'findings'));
  if (warnings.length > 0) parts.push(plural(warnings.length, 'warning', 'warnings'));
  if (errors.length > 0) parts.push(plural(errors.length, 'input error', 'input errors'));
  io.stderr(`${parts.join(', ')}\n`);

  if (errors.length > 0 || empty) return EXIT_USAGE;
  return findingTotal > 0 ? EXIT_FINDINGS : EXIT_OK;
}
