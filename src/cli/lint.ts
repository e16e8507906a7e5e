/**
 * `cdk8s-kubevirt lint PATH…`: checks any KubeVirt/CDI YAML offline against the official schemas (made
 * strict: unknown fields are errors) and against the library's admission rules (src/rules, the same
 * functions the constructs run).
 *
 * Output: one line per finding, `file:line kind/name rule-id message`; `--format json` gives an array of
 * `{file, line, kind, name, rule, path, message}`. A summary line goes to stderr.
 * Exit codes: 0 clean, 1 findings, 2 unreadable input, YAML syntax error, missing schemas or bad usage.
 */
import { CliIo } from './io';
import { SourceObject, formatPath, parseCommand, parsePath, readAll } from './yaml-source';
import { formatProblem } from '../private/errors';
import { isKubevirtApiVersion, resolveSchemaDir, SchemaSet } from '../private/schema';
import { checkManifest, formatViolation } from '../rules';

const USAGE = `usage: cdk8s-kubevirt lint [options] PATH…

Checks KubeVirt and CDI manifests against the official schemas (unknown fields rejected) and
KubeVirt's admission rules. PATH is a file, a folder (every *.yaml and *.yml in it, recursively) or -
for standard input; multi-document YAML is fine.

options:
  --format text|json   output format (default text: 'file:line kind/name rule-id message')
  --cluster-rules      also run the rules that depend on cluster settings, assuming KubeVirt's defaults
  --schemas DIR        read the JSON schemas from DIR (default: $KUBEVIRT_SCHEMAS, else the schemas
                       shipped in the package, precompiled)
  -h, --help           show this help

exit codes: 0 no findings, 1 findings, 2 unreadable input, YAML syntax error or bad usage
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

/** Lints one object; pushes its findings; returns its category. */
function lintObject(obj: SourceObject, schemas: SchemaSet, clusterDependent: boolean, out: Finding[]): { category: Category; kind: string } {
  const value = obj.value;
  const kind = typeof value?.kind === 'string' ? value.kind : '(no kind)';
  const apiVersion = typeof value?.apiVersion === 'string' ? value.apiVersion : undefined;
  if (typeof value !== 'object' || Array.isArray(value) || apiVersion === undefined || kind === '(no kind)') {
    return { category: 'unknown', kind };
  }
  if (!isKubevirtApiVersion(apiVersion)) return { category: isCoreApiVersion(apiVersion) ? 'core' : 'unknown', kind };
  const known = schemas.apiVersionsOf(kind);
  if (known.length === 0) return { category: 'unknown', kind };

  const name = nameOf(value);
  const found: Finding[] = [];
  const add = (path: (string | number)[], rule: string, message: string): void => {
    found.push({ file: obj.file, line: obj.lineOf(path), kind, name, rule, path: formatPath(path), message });
  };
  const validate = schemas.validator(apiVersion, kind);
  if (!validate) {
    add(['apiVersion'], 'schema', formatProblem({
      property: 'apiVersion',
      problem: `has no schema for ${kind} in this tool`,
      value: apiVersion,
      allowed: `${known.length === 1 ? '' : 'one of '}${known.join(', ')} (the storage version)`,
      ruleId: 'schema',
    }));
  } else {
    for (const p of schemas.check(value, validate)) {
      add(p.path, 'schema', formatProblem({ property: formatPath(p.path), problem: p.problem, value: p.value, allowed: p.allowed, ruleId: 'schema' }));
    }
    for (const v of checkManifest(value, { clusterDependent })) add(parsePath(v.path), v.ruleId, formatViolation(v));
  }
  // Stable sort by line within the object: schema findings and rule findings interleave in file order.
  found.sort((a, b) => a.line - b.line);
  out.push(...found);
  return { category: 'checked', kind };
}

function counts(map: Map<string, number>): string {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, n]) => `${k}: ${n}`).join(', ');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Runs `lint`; returns the exit code. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand('lint', args, { 'cluster-rules': 'flag', 'schemas': 'value' }, ['text', 'json'], USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { options, paths, format } = parsed;

  const schemaDir = resolveSchemaDir(options.get('schemas') as string | undefined);
  let schemas: SchemaSet;
  try {
    // Storage versions only, as before; SchemaSet.bundled(true) would also validate the served, deprecated ones.
    schemas = schemaDir === undefined ? SchemaSet.bundled() : SchemaSet.open(schemaDir);
  } catch {
    io.stderr(`cdk8s-kubevirt lint: the KubeVirt/CDI JSON schemas were not found in ${schemaDir ?? 'the package (lib/schemas)'}; `
      + 'pass --schemas DIR or set KUBEVIRT_SCHEMAS to a folder laid out as <group>/<kind>_<version>.json, or leave both unset for the schemas shipped in the package\n');
    return 2;
  }

  const { files, errors } = readAll(paths, io);
  const findings: Finding[] = [];
  let checked = 0;
  const core = new Map<string, number>();
  const unknown = new Map<string, number>();
  for (const file of files) {
    for (const obj of file.objects) {
      const { category, kind } = lintObject(obj, schemas, options.has('cluster-rules'), findings);
      if (category === 'checked') {checked++;} else {
        const map = category === 'core' ? core : unknown;
        map.set(kind, (map.get(kind) ?? 0) + 1);
      }
    }
  }

  if (format === 'json') {
    io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  } else {
    let text = '';
    for (const f of findings) text += `${f.file}:${f.line} ${f.kind}/${f.name} ${f.rule} ${f.message}\n`;
    io.stdout(text);
  }
  for (const e of errors) io.stderr(`cdk8s-kubevirt lint: ${e}\n`);

  const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const parts = [`checked ${plural(checked, 'object', 'objects')}`];
  if (core.size > 0) parts.push(`skipped ${plural(sum(core), 'core Kubernetes object', 'core Kubernetes objects')} (${counts(core)})`);
  if (unknown.size > 0) parts.push(`skipped ${sum(unknown)} of unknown kinds (${counts(unknown)})`);
  parts.push(plural(findings.length, 'finding', 'findings'));
  if (errors.length > 0) parts.push(plural(errors.length, 'input error', 'input errors'));
  io.stderr(`${parts.join(', ')}\n`);

  if (errors.length > 0) return 2;
  return findings.length > 0 ? 1 : 0;
}
