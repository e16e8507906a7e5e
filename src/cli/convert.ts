/**
 * `cdk8s-kubevirt convert`: Viti operator `Machine` manifests (vitistack.io/v1alpha1) to KubeVirt YAML.
 *
 * Every input is read, parsed and converted in memory first. Each Viti Machine goes into its own cdk8s
 * App and Chart through `Viti.toMachine`, and `app.synthYaml()` renders it, so the output is exactly what
 * `cdk8s synth` gives and KubeVirt's admission rules run over it. Only when every document of every
 * input has converted is anything written: on any error, all errors go to stderr, nothing is written,
 * and the exit code is 1.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { COMMON_USAGE, CommandSpec, exitCodesUsage, parseCommand } from './args';
import { CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';
import { writeAtomically } from './output';
import { readSources } from './yaml-source';
import { KubevirtError } from '../private/errors';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { describeSecretFinding, scanManifest } from '../private/secret-scan';
import { SecretKind } from '../secret-kind';
import { DiskEmission } from '../storage/disk-set';
import { Viti, VitiOptions } from '../viti/converter';

const USAGE = `usage: cdk8s-kubevirt convert [options] [PATH…]

Converts Viti operator Machine manifests (vitistack.io/v1alpha1, both dialects) into KubeVirt YAML.

options:
  -o, --out DIR        write one file per document into DIR instead of stdout, atomically (all files
                       or none): <namespace>-<name>.yaml for a Viti Machine (<name>.yaml with no
                       namespace), <namespace>-<name>.<kind>.yaml for a document passed through; names
                       must be DNS-1123 names, so every file stays inside DIR
  -n, --namespace NS   put every converted machine in namespace NS
      --strict         refuse documents that are not Viti Machines (default: pass them through)
      --data-volumes   emit CDI DataVolume templates instead of plain PersistentVolumeClaims
      --allow-secret KIND[,KIND…]
                       let secrets of these kinds into the output: private-key, password, token,
                       url-credentials (default: none; every output document is scanned, and a
                       secret refuses the conversion, shown redacted)
      --allow-passwords  the same as --allow-secret password
      --allow-secrets  the same as --allow-secret private-key
${COMMON_USAGE}

${exitCodesUsage('a document is invalid (nothing is written)')}
`;

const SPEC: CommandSpec = {
  name: 'convert',
  usage: USAGE,
  options: {
    'out': { type: 'string', short: 'o' },
    'namespace': { type: 'string', short: 'n' },
    'strict': { type: 'boolean' },
    'data-volumes': { type: 'boolean' },
    'allow-passwords': { type: 'boolean' },
    'allow-secrets': { type: 'boolean' },
    'allow-secret': { type: 'string' },
  },
};

interface Options {
  readonly out?: string;
  readonly strict: boolean;
  readonly viti: VitiOptions;
  /** The kinds of secret the output may hold (--allow-secret, --allow-passwords, --allow-secrets). */
  readonly allowedSecrets: ReadonlySet<SecretKind>;
}

const SECRET_KINDS: readonly SecretKind[] = [SecretKind.PRIVATE_KEY, SecretKind.PASSWORD, SecretKind.TOKEN, SecretKind.URL_CREDENTIALS];

/** The kinds --allow-secret names (comma-separated), or a usage problem. */
function parseSecretKinds(text: string | undefined): SecretKind[] | string {
  if (text === undefined) return [];
  const kinds: SecretKind[] = [];
  for (const word of text.split(',').map(w => w.trim())) {
    const kind = SECRET_KINDS.find(k => k === word);
    if (kind === undefined) return `--allow-secret takes kinds of secret, comma-separated, each one of ${SECRET_KINDS.join(', ')}: got ${JSON.stringify(word)}`;
    kinds.push(kind);
  }
  return kinds;
}

/** One converted (or passed-through) document, ready to write. */
interface Output {
  /** The file name under --out. */
  readonly fileName: string;
  /** Where it came from, for messages: `file#n`. */
  readonly origin: string;
  readonly yaml: string;
}

/** Where conversion results go. */
interface Sink {
  readonly outputs: Output[];
  readonly errors: string[];
  readonly warnings: string[];
}

/** `cdk8s-kubevirt convert`. */
export function run(args: string[], io: CliIo): number {
  const parsed = parseCommand(SPEC, args, io);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const namespace = v.namespace as string | undefined;
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    io.stderr(`cdk8s-kubevirt convert: --namespace must be a namespace name (a DNS-1123 label): got '${namespace}'\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const kinds = parseSecretKinds(v['allow-secret'] as string | undefined);
  if (typeof kinds === 'string') {
    io.stderr(`cdk8s-kubevirt convert: ${kinds}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (v['allow-passwords'] === true) kinds.push(SecretKind.PASSWORD);
  if (v['allow-secrets'] === true) kinds.push(SecretKind.PRIVATE_KEY);
  const options: Options = {
    out: v.out as string | undefined,
    strict: v.strict === true,
    // The library's checks let every secret through; the one scan below, over everything the command
    // writes (converted and passed-through documents alike), decides with the command's opt-ins.
    viti: {
      namespace,
      diskEmission: v['data-volumes'] ? DiskEmission.DATA_VOLUME_TEMPLATES : DiskEmission.PERSISTENT_VOLUME_CLAIMS,
      allowPasswords: true,
      allowSecrets: true,
      allowSecretKinds: [...SECRET_KINDS],
    },
    allowedSecrets: new Set(kinds),
  };

  // 1. Read and convert everything in memory, collecting every error.
  const inputErrors: string[] = [];
  const sink: Sink = { outputs: [], errors: [], warnings: [] };
  let objects = 0;
  readSources(parsed.paths, { recursive: parsed.recursive }, io, {
    object: obj => {
      objects++;
      const origin = `${obj.file}#${obj.documentIndex}${obj.itemIndex !== undefined ? `.items[${obj.itemIndex}]` : ''}`;
      convertObject(obj.value, obj.itemIndex === undefined ? obj.documentText : undefined, origin, options, sink);
    },
    error: e => inputErrors.push(e),
  });
  const { outputs, errors, warnings } = sink;
  if (inputErrors.length === 0 && objects === 0 && !parsed.allowEmpty) {
    io.stderr('cdk8s-kubevirt convert: the input holds no objects; nothing was written (pass --allow-empty to accept that)\n');
    return EXIT_USAGE;
  }
  if (options.out !== undefined) {
    const seen = new Map<string, string>();
    for (const o of outputs) {
      const other = seen.get(o.fileName);
      if (other !== undefined) errors.push(`${o.origin}: writes ${o.fileName}, which ${other} writes too; give the objects distinct namespaces or names`);
      else seen.set(o.fileName, o.origin);
    }
  }
  for (const w of warnings) io.stderr(`cdk8s-kubevirt convert: warning: ${w}\n`);
  if (errors.length > 0 || inputErrors.length > 0) {
    for (const e of inputErrors) io.stderr(`cdk8s-kubevirt convert: ${e}\n`);
    for (const e of errors) io.stderr(`${e}\n`);
    io.stderr(`cdk8s-kubevirt convert: ${errors.length + inputErrors.length} error(s); nothing was written\n`);
    // Input that cannot be read or parsed is exit code 2, even when other documents are invalid too.
    return inputErrors.length > 0 ? EXIT_USAGE : EXIT_FINDINGS;
  }

  // 2. Write.
  if (options.out === undefined) {
    io.stdout(outputs.map(o => o.yaml).join('---\n'));
    return EXIT_OK;
  }
  try {
    writeAtomically(options.out, outputs.map(o => ({ name: o.fileName, text: o.yaml })));
  } catch (e: any) {
    io.stderr(`cdk8s-kubevirt convert: cannot write to '${options.out}': ${e.message}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`cdk8s-kubevirt convert: wrote ${outputs.length} file(s) to ${options.out}\n`);
  return EXIT_OK;
}

function isObject(obj: any): boolean {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj);
}

function convertObject(obj: any, docText: string | undefined, origin: string, options: Options, sink: Sink): void {
  if (!isObject(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    sink.errors.push(`${origin}: not a Kubernetes object: apiVersion and kind must be strings`);
    return;
  }
  if (obj.apiVersion.split('/')[0] === 'vitistack.io') {
    convertMachine(obj, origin, options, sink);
    return;
  }
  if (options.strict) {
    sink.errors.push(`${origin}: ${obj.apiVersion} ${obj.kind} is not a Viti Machine; --strict accepts only ${Viti.API_VERSION} ${Viti.KIND} documents`);
    return;
  }
  // Passed through: same content, comments and key order (yaml may respace flow collections).
  const name = obj.metadata?.name;
  const ns = obj.metadata?.namespace;
  if (options.out !== undefined) {
    const bad = fileNameProblem(obj.kind, ns, name);
    if (bad) {
      sink.errors.push(`${origin}: ${obj.apiVersion} ${obj.kind} ${bad}`);
      return;
    }
  }
  if (secretsIn(obj, origin, options, sink)) return;
  const text = docText !== undefined ? passThroughText(docText, obj) : YAML.stringify(obj);
  sink.outputs.push({ fileName: `${prefix(ns, name)}.${obj.kind.toLowerCase()}.yaml`, origin, yaml: text });
}

/**
 * A document's text without its `---` and `...` markers, comments kept. The reader's fast parser
 * (js-yaml, as lenient as the API server's go-yaml) accepts some texts that `yaml` refuses, such as a
 * flow mapping continued at column 0; those are written from the parsed object instead, without comments.
 */
function passThroughText(docText: string, obj: unknown): string {
  const doc = YAML.parseDocument(docText, { version: '1.1' });
  if (doc.errors.length > 0) return YAML.stringify(obj);
  return doc.toString().replace(/^---[ \t]*\n/, '').replace(/\n\.\.\.\n$/, '\n');
}

/**
 * Why an object's names cannot name its file under --out, or undefined when they can: the name must be
 * a DNS-1123 subdomain, the namespace a DNS-1123 label and the kind letters and digits, as the API
 * server requires, so no file name can hold '/' or '..'.
 */
function fileNameProblem(kind: unknown, namespace: unknown, name: unknown): string | undefined {
  if (typeof name !== 'string') return 'has no metadata.name to name its file under --out';
  if (!isDns1123Subdomain(name)) return `metadata.name is not a valid object name: got ${JSON.stringify(name)}; ${DNS1123_SUBDOMAIN_ALLOWED} (it names a file under --out)`;
  if (namespace !== undefined && namespace !== null && namespace !== '' && !isDns1123Label(namespace)) {
    return `metadata.namespace is not a valid namespace: got ${JSON.stringify(namespace)}; ${DNS1123_LABEL_ALLOWED} (it names a file under --out)`;
  }
  if (typeof kind !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(kind)) return `kind is not a valid kind: got ${JSON.stringify(kind)}; letters and digits`;
  return undefined;
}

function convertMachine(obj: any, origin: string, options: Options, sink: Sink): void {
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : 'machine';
  const namespace = options.viti.namespace ?? (typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : undefined);
  if (options.out !== undefined) {
    const bad = fileNameProblem('Machine', namespace, name);
    if (bad) {
      sink.errors.push(`${origin}: ${obj.apiVersion} ${obj.kind} ${bad}`);
      return;
    }
  }
  try {
    const app = new App();
    const chart = new Chart(app, 'viti', { namespace });
    Viti.toMachine(chart, name, obj, options.viti);
    const yaml = app.synthYaml();
    let refused = false;
    for (const o of chart.node.findAll()) {
      if (o instanceof ApiObject && secretsIn(o.toJson(), origin, options, sink)) refused = true;
    }
    if (refused) return;
    for (const w of Viti.unmappedFields(obj, options.viti)) sink.warnings.push(`${origin}: ${w}`);
    sink.outputs.push({ fileName: `${prefix(namespace, name)}.yaml`, origin, yaml });
  } catch (e: any) {
    if (e instanceof KubevirtError) {
      sink.errors.push(...e.message.split('\n').map((line: string) => `${origin}: ${line}`));
    } else if (typeof e?.message === 'string' && e.message.startsWith('Validation failed with the following errors:')) {
      // KubeVirt's admission rules, run by cdk8s over the synthesized VM.
      sink.errors.push(...e.message.split('\n').slice(1).map((line: string) => `${origin}: ${line.trim()}`));
    } else {
      sink.errors.push(`${origin}: internal error while converting: ${e?.stack ?? e}`);
    }
  }
}

/**
 * Scans one document the command would write with the library's secret scanner (the one synthesis and
 * `lint` use) and reports each finding not opted in to, redacted. Returns true when there was one.
 */
function secretsIn(doc: any, origin: string, options: Options, sink: Sink): boolean {
  const findings = scanManifest(doc, options.allowedSecrets);
  const who = `${doc?.kind}/${typeof doc?.metadata?.name === 'string' ? doc.metadata.name : '<unnamed>'}`;
  for (const f of findings) {
    sink.errors.push(`${origin}: ${who}: ${describeSecretFinding(f, `or pass --allow-secret ${f.kind}`)}`);
  }
  return findings.length > 0;
}

function prefix(namespace: unknown, name: unknown): string {
  return `${typeof namespace === 'string' && namespace !== '' ? `${namespace}-` : ''}${String(name)}`;
}
